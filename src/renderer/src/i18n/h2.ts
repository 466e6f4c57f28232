// Words for HTTP/2: streams on a lane, the details line, and the multiplexing chapter of the lessons.
export const h2 = {
  en: {
    'h2.badge': 'h2',
    'h2.badgeTitle': 'HTTP/2: requests travel as streams, many in flight at once on this one connection',
    'h2.stream': 'stream {stream} on connection {id}',
    'h2.inFlight': 'stream {stream} on connection {id}, {others} others in flight',
    'h2.inFlightOne': 'stream {stream} on connection {id}, 1 other in flight',
    'h2.inFlightNone': 'stream {stream} on connection {id}, alone in flight',
    'h2.upstream': 'sent to the origin over {version}',
    'h2.goaway': 'GOAWAY: {sentence}',
    'lesson.multiplex.title': '10. HTTP/2: many requests at once on one connection',
    'lesson.multiplex.do':
      'Open https://roundtrip.test/gallery in the browser Roundtrip started (it trusts Roundtrip’s certificate), then http://roundtrip.test/gallery for comparison. Or: curl --http2 --cacert <ca.pem> -x {proxy} -Z https://roundtrip.test/img/1.svg https://roundtrip.test/img/2.svg',
    'lesson.multiplex.look':
      'Over https the page and its 24 images share one lane marked h2, its bars stacked because they were in flight at the same time: each request is a stream with its own id, and the connection never waits for one answer before sending the next question. Over http the same page takes several lanes, each carrying one request at a time (keep-alive reuses a connection, but only in turn).',
    'lesson.multiplex.streams': 'Up to {n} streams were in flight together on one connection.'
  },
  ko: {
    'h2.badge': 'h2',
    'h2.badgeTitle': 'HTTP/2: 요청이 스트림으로 오가며, 이 연결 하나에서 여러 요청이 동시에 진행됩니다',
    'h2.stream': '연결 {id}의 스트림 {stream}',
    'h2.inFlight': '연결 {id}의 스트림 {stream}, 동시에 진행 중인 다른 요청 {others}개',
    'h2.inFlightOne': '연결 {id}의 스트림 {stream}, 동시에 진행 중인 다른 요청 1개',
    'h2.inFlightNone': '연결 {id}의 스트림 {stream}, 동시에 진행 중인 다른 요청 없음',
    'h2.upstream': '원 서버에는 {version}(으)로 보냄',
    'h2.goaway': 'GOAWAY: {sentence}',
    'lesson.multiplex.title': '10. HTTP/2: 연결 하나에서 여러 요청을 동시에',
    'lesson.multiplex.do':
      'Roundtrip이 실행한 브라우저(Roundtrip의 인증서를 신뢰합니다)에서 https://roundtrip.test/gallery 를 연 다음, 비교를 위해 http://roundtrip.test/gallery 를 엽니다. 또는: curl --http2 --cacert <ca.pem> -x {proxy} -Z https://roundtrip.test/img/1.svg https://roundtrip.test/img/2.svg',
    'lesson.multiplex.look':
      'https에서는 페이지와 이미지 24개가 h2 표시가 붙은 레인 하나를 함께 쓰고, 같은 시간에 진행되었기 때문에 막대가 층층이 쌓입니다. 요청 하나하나가 고유한 id를 가진 스트림이고, 연결은 한 응답을 기다렸다가 다음 요청을 보내지 않습니다. http에서는 같은 페이지가 여러 레인을 쓰며, 각 연결은 한 번에 요청 하나씩만 나릅니다(keep-alive는 연결을 재사용하지만 차례대로일 뿐입니다).',
    'lesson.multiplex.streams': '연결 하나에서 최대 {n}개의 스트림이 동시에 진행되었습니다.'
  }
} as const
