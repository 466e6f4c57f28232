// Strings for showing untrusted capture values safely and for a view that failed (English, Korean).
export const safety = {
  en: {
    'safe.showAll': 'show all ({n} characters)',
    'safe.showLess': 'show less',
    'safe.latin1': 'latin-1',
    'safe.latin1.title':
      'These header bytes are not valid UTF-8, so they are shown as Latin-1 (one character per byte).',
    'safe.bidi.title': 'Invisible direction or formatting characters are shown as escapes such as \\u202E.',
    'safe.noTime': '(no valid time)',
    'view.failed': 'This part of the window could not be shown: {error}',
    'view.failed.hint': 'The rest of Roundtrip keeps working. Choose another request, or try again.',
    'view.retry': 'Try again',
    'sessions.storeSize': 'The store holds {n} of at most {max} sessions.',
    'sessions.evicted':
      '{n} sessions were evicted to keep it within that bound (the oldest pre-login ones first): every session costs the server memory.',
    'sessions.evictedNone':
      'None has been evicted yet; past the bound the oldest pre-login sessions go first.'
  },
  ko: {
    'safe.showAll': '모두 보기 ({n}자)',
    'safe.showLess': '줄여 보기',
    'safe.latin1': 'latin-1',
    'safe.latin1.title':
      '이 헤더 바이트는 올바른 UTF-8이 아니어서 Latin-1(바이트마다 한 글자)로 보여 줍니다.',
    'safe.bidi.title': '보이지 않는 방향·서식 문자는 \\u202E 같은 이스케이프로 보여 줍니다.',
    'safe.noTime': '(올바른 시각 없음)',
    'view.failed': '창의 이 부분을 보여 줄 수 없습니다: {error}',
    'view.failed.hint': 'Roundtrip의 나머지 부분은 계속 동작합니다. 다른 요청을 고르거나 다시 시도하세요.',
    'view.retry': '다시 시도',
    'sessions.storeSize': '저장소에 세션 {n}개가 있습니다(최대 {max}개).',
    'sessions.evicted':
      '그 한도를 지키려고 세션 {n}개를 내보냈습니다(로그인 전 세션 중 가장 오래된 것부터). 세션 하나하나가 서버 메모리를 씁니다.',
    'sessions.evictedNone':
      '아직 내보낸 세션은 없습니다. 한도를 넘으면 로그인 전 세션 중 가장 오래된 것부터 내보냅니다.'
  }
}
