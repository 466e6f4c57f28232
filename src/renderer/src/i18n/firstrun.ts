// Words for the first five minutes: the start screen's live traffic and the timeline's short labels.
export const firstrun = {
  en: {
    'start.captured': '{n} exchanges captured so far',
    'start.capturedNone': 'Nothing captured yet: send a request through the proxy and it shows up here.',
    'start.latest': 'Latest requests',
    'start.watch': 'Watch the traffic',
    'closedShort.client': 'client',
    'closedShort.server': 'server',
    'closedShort.proxy': 'proxy',
    'closedShort.idle-timeout': 'idle',
    'closedShort.error': 'error'
  },
  ko: {
    'start.captured': '지금까지 기록한 교환 {n}개',
    'start.capturedNone': '아직 기록된 것이 없습니다. 프록시로 요청을 보내면 여기에 나타납니다.',
    'start.latest': '최근 요청',
    'start.watch': '트래픽 보기',
    'closedShort.client': '클라이언트',
    'closedShort.server': '서버',
    'closedShort.proxy': '프록시',
    'closedShort.idle-timeout': '유휴',
    'closedShort.error': '오류'
  }
} as const
