// 분석 코드마다의 한국어 문장. 키는 en.ts와 같아야 한다 (타입과 테스트가 모두 확인한다).
import type { Code } from './en'
import { koDate as date, koDuration as dur, sameSiteName as ss, sessionSigns } from './format'
import { has, list, num, nums, short, str, sub, type Words } from './format'

const origin = (entry: unknown): string =>
  entry === null || entry === undefined ? '앞선 요청이 보냄' : `${String(entry)}번 항목이 설정함`

export const ko: Record<Code, Words> = {
  'setCookie.unreadable': '이 줄에서는 쿠키를 읽을 수 없습니다: 첫 ";" 앞에 이름=값 쌍이 있어야 합니다.',
  'attr.maxAge.delete': (p) => `Max-Age=${str(p.value)}: 쿠키를 바로 지웁니다.`,
  'attr.maxAge': (p) =>
    `${dur(num(p.ms))} 뒤${has(p.at) ? `(${date(num(p.at))})` : ''}에 만료됩니다 (Max-Age=${str(p.value)}초).`,
  'attr.expires.ignored': 'Max-Age도 있으므로 Expires는 무시됩니다.',
  'attr.expires.unreadable': (p) =>
    `Expires "${str(p.value)}"는 브라우저가 읽을 수 있는 날짜가 아니어서 무시됩니다.`,
  'attr.expires.past': (p) => `Expires가 과거(${date(num(p.at))})입니다: 쿠키를 바로 지웁니다.`,
  'attr.expires': (p) => `${has(p.in) ? `${dur(num(p.in))} 뒤, ` : ''}${date(num(p.at))}에 만료됩니다.`,
  'attr.session': 'Expires도 Max-Age도 없음: 세션 쿠키로, 브라우저를 닫을 때까지만 보관됩니다.',
  'attr.domain': (p) => `Domain=${str(p.domain)}: ${str(p.domain)}과(와) 그 모든 하위 도메인으로 보냅니다.`,
  'attr.hostOnly': 'Domain 없음: 설정한 바로 그 호스트로만 보냅니다 (host-only).',
  'attr.path': (p) => `Path=${str(p.path)}: ${str(p.path)} 아래의 URL에만 보냅니다.`,
  'attr.pathDefault': 'Path 없음: 설정한 URL의 디렉터리가 기본값입니다.',
  'attr.secure': 'Secure: https로만 보내고 평문 http로는 보내지 않습니다.',
  'attr.httpOnly': 'HttpOnly: 페이지 스크립트가 읽을 수 없습니다.',
  'attr.notHttpOnly': 'HttpOnly 아님: 페이지 스크립트(document.cookie)가 읽고 바꿀 수 있습니다.',
  'attr.sameSite.strict': 'SameSite=Strict: 다른 사이트가 시작한 요청에는 절대 보내지 않습니다.',
  'attr.sameSite.lax':
    'SameSite=Lax: 다른 사이트에서 온 요청에는 최상위 이동(링크를 따라감)일 때만 보냅니다.',
  'attr.sameSite.none': (p) =>
    has(p.secure)
      ? 'SameSite=None: 교차 사이트 요청에도 보냅니다 (Secure가 필요하며, 갖추고 있습니다).'
      : 'Secure 없는 SameSite=None: 브라우저가 이 쿠키를 거부합니다.',
  'attr.sameSite.unknown': (p) =>
    `SameSite=${str(p.value)}는 브라우저가 모르는 값이라 SameSite가 없는 것처럼 처리됩니다.`,
  'attr.sameSite.absent':
    'SameSite 없음: Chrome과 Edge는 Lax로 처리하고, Firefox와 Safari는 교차 사이트 요청에도 보냅니다.',
  'attr.partitioned':
    'Partitioned: 최상위 사이트마다 따로 보관되어(CHIPS) 사이트를 넘나들며 따라다닐 수 없습니다.',
  'attr.prefix.host':
    '__Host- 접두사: Secure, Path=/, Domain 없음일 때만 받아들여지므로 바로 이 호스트만 설정할 수 있습니다.',
  'attr.prefix.secure': '__Secure- 접두사: https 페이지에서 Secure와 함께일 때만 받아들여집니다.',
  'attr.unknown': (p) => `"${str(p.name)}"는 브라우저가 아는 속성이 아니어서 무시됩니다.`,

  'reject.noHost': '이 항목의 URL에 http(s) 호스트가 없어서 브라우저가 쿠키를 저장하지 않습니다.',
  'reject.sameSiteNoneInsecure':
    'Secure 없는 SameSite=None이라 거부되었습니다: 교차 사이트 쿠키에는 Secure가 필요합니다.',
  'reject.partitionedInsecure': 'Secure 없는 Partitioned라 거부되었습니다.',
  'reject.publicSuffix': (p) =>
    `Domain=${str(p.domain)}는 공개 접미사(.com 같은)라서 어느 한 사이트도 쿠키를 설정할 수 없습니다.`,
  'reject.foreignDomain': (p) =>
    `Domain=${str(p.domain)}가 이를 보낸 호스트 ${str(p.host)}을(를) 포함하지 않아서 브라우저가 무시합니다.`,
  'reject.secureOverHttp': 'Secure로 설정했지만 이 응답이 평문 http로 와서 브라우저가 무시합니다.',
  'reject.securePrefix': '__Secure- 이름에는 Secure 속성이 필요한데 빠져 있습니다.',
  'reject.hostPrefix':
    '__Host- 이름에는 Secure, Path=/, Domain 없음이 필요한데 이 줄은 그중 하나 이상을 어깁니다.',
  'reject.sameSiteCrossOrigin': (p) =>
    `다른 사이트에서 온 요청이 설정한 SameSite=${ss(p.sameSite)} 쿠키는 무시됩니다.`,
  'reject.httpOnly': 'HttpOnly 쿠키는 스크립트가 바꿀 수 없습니다.',
  'reject.other': (p) => `브라우저가 무시합니다 (${str(p.message)}).`,
  'reject.ignored': '브라우저가 무시합니다.',

  'unexpected.path': (p) => `경로 ${str(p.path)}가 ${str(p.requestPath)}와 맞지 않습니다.`,
  'unexpected.secure': 'Secure로 설정되었지만 이 요청은 평문 http입니다.',
  'unexpected.sameSite': (p) =>
    `SameSite=${ss(p.sameSite)}로 설정되었는데 이 요청은 다른 사이트에서 왔습니다.`,
  'unexpected.hostOnly': (p) =>
    `호스트 ${str(p.domain)} 전용(Domain 속성 없음)이라 ${str(p.host)}은(는) 받지 못합니다.`,
  'unexpected.domain': (p) => `도메인 ${str(p.domain)}가 ${str(p.host)}와 맞지 않습니다.`,
  'unexpected.cleared': (p) => `${str(p.entry)}번 항목의 응답이 지웠습니다 (Max-Age<=0 또는 과거의 Expires).`,
  'unexpected.expired': (p) => `${dur(num(p.ago))} 전, ${date(num(p.at))}에 만료되었습니다.`,
  'unexpected.rejected': (p, say) =>
    `${str(p.entry)}번 항목의 Set-Cookie가 거부되었습니다: ${say(sub(p.reason))}`,
  'unexpected.unknown':
    '이 캡처의 어떤 응답도 이 URL에 이 쿠키를 설정하지 않았으므로, 이 캡처에서 시작한 브라우저라면 갖고 있지 않았을 것입니다.',

  'race.withheld': (p) =>
    `${str(p.entry)}번 항목의 응답이 아직 도착하는 중이던, 이 요청보다 겨우 ${num(p.ms)}ms 전에 설정했습니다: 브라우저가 그 응답을 처리하기 전에 이 요청을 쿠키 없이 만들었을 가능성이 큽니다 (요청은 병렬로 진행됩니다).`,
  'race.value': (p) =>
    `${str(p.entry)}번 항목의 응답이 아직 도착하는 중이던, 이 요청보다 겨우 ${num(p.ms)}ms 전에 설정했습니다: 브라우저가 그 응답을 처리하기 전에 예전 값 "${short(p.old)}"로 이 요청을 만들었을 가능성이 큽니다 (요청은 병렬로 진행됩니다).`,
  'value.changed': (p) =>
    `"${short(p.sent)}"를 보냈지만 쿠키 저장소에는 "${short(p.held)}"가 있었습니다(${has(p.entry) ? `${str(p.entry)}번 항목이 설정함` : '앞선 요청에서 봄'}): 페이지 스크립트가 바꿨거나(document.cookie 쓰기는 HAR에 남지 않습니다), 이를 설정한 응답이 캡처에 빠져 있습니다.`,
  'withheld.sameSiteUnknown': (p) =>
    `쿠키 저장소에 SameSite=${ss(p.sameSite)}로 있었습니다(${origin(p.entry)}). 이 요청이 다른 사이트에서 왔다면(캡처에는 나와 있지 않습니다) 브라우저는 보내지 않습니다.`,
  'withheld.credentials': (p) =>
    `쿠키 저장소에 있었고(${origin(p.entry)}) 이 URL에 맞지만 요청에 실리지 않았습니다: 자격 증명 없이 보낸 요청(fetch의 credentials "omit")이거나 브라우저 설정이 쿠키를 막았을 수 있습니다.`,
  'withheld.otherClient': (p) =>
    `쿠키 저장소에 있었지만(${origin(p.entry)}) 이 요청은 해당 쿠키를 하나도 싣지 않았고 다른 클라이언트(User-Agent가 다름)에서 왔습니다: 그 클라이언트에게는 자기만의 쿠키 저장소가 있습니다.`,
  'withheld.clearedJar': (p) =>
    `쿠키 저장소에 있었지만(${origin(p.entry)}) 이 요청은 해당 쿠키를 하나도 싣지 않았고, 그것들을 설정한 응답이 도착하고 한참 뒤였습니다: 브라우저의 쿠키가 지워졌을 가능성이 큽니다 (또는 자격 증명 없이 보낸 요청입니다).`,

  'request.cookieSplit': (p) =>
    `이 요청은 Cookie 헤더를 ${has(p.fields) ? `cookie 필드 ${num(p.fields)}개로` : '여러 cookie 필드로'} 나누어 보냈습니다. HTTP/2는 쿠키 하나하나가 따로 압축되도록 이렇게 나누는 것을 허용합니다(RFC 9113 §8.2.3). 서버는 이를 "; "로 이어 붙인 Cookie 헤더 하나로 읽으며, 이 분석도 그렇게 읽습니다.`,

  'purpose.sessionName': (p) => `"${str(p.name)}"는 세션 ID 쿠키에 흔히 쓰는 이름입니다.`,
  'purpose.trackingName': (p) =>
    `"${str(p.name)}"는 분석·광고 스크립트가 방문자를 알아보려고 쓰는 이름입니다.`,
  'purpose.preferenceName': (p) => `"${str(p.name)}"는 신원이 아니라 방문자가 고른 설정을 가리킵니다.`,
  'purpose.longRandom': (p) =>
    `${dur(num(p.lifetime))} 동안 보관되는 무작위 식별자: 방문자 ID처럼 방문이 바뀌어도 같은 브라우저를 알아봅니다. 세션 ID는 수명이 짧습니다.`,
  'purpose.sessionBehaviour': (p, say) =>
    `서버가 발급한 무작위 값이며 ${sessionSigns(p).map(say).join(', ')}: 세션 ID가 하는 행동입니다.`,
  'sign.rotated': '로그인 때 바뀜',
  'sign.cleared': '로그아웃 때 지워짐',
  'sign.httpOnly': 'HttpOnly 지정',
  'sign.sessionOnly': '브라우저 세션 동안만 보관',
  'sign.lives': (p) => `수명 ${dur(num(p.ms))}`,
  'sign.echoed': '이후 요청에 다시 실림',
  'purpose.readable': (p) => `값("${str(p.value)}")이 식별자가 아니라 읽을 수 있는 설정입니다.`,
  'purpose.otherRandom':
    '무작위 값이지만 세션 ID의 징후(로그인 때 교체, 로그아웃 때 삭제, HttpOnly와 짧은 수명)도 오래가는 방문자 ID의 징후도 없습니다.',
  'purpose.other': '이름으로도 행동으로도 세션 ID, 설정, 추적기 중 어느 것인지 알 수 없습니다.',

  'personal.email': (p) =>
    `"${str(p.name)}"의 값에 이메일 주소가 들어 있습니다: 쿠키를 읽을 수 있는 누구나 봅니다.`,
  'personal.base64Email': (p) => `"${str(p.name)}"의 값은 이메일 주소로 풀리는 base64입니다.`,
  'personal.plain': (p) => `"${str(p.name)}"에 개인 정보로 보이는 값이 평문으로 있습니다("${str(p.value)}").`,

  'session.story': (p, say) => {
    const sent = nums(p.sent)
    const issued = has(p.issuedBy) ? `${str(p.issuedBy)}번 항목이 발급` : '요청에서 처음 보임(캡처 전에 발급)'
    const back = sent.length ? `요청 ${sent.length}개에 다시 실림(${sent.join(', ')})` : '다시 실린 적 없음'
    return `${issued}, ${back}, ${say(sub(p.ending))}.`
  },
  'ending.alive': '캡처가 끝날 때까지 살아 있음',
  'ending.replaced': (p) =>
    `${str(p.entry)}번 항목이 ${has(p.atLogin) ? '로그인 때 새 값으로 교체(회전)' : '새 값으로 교체'}`,
  'ending.cleared': (p) => `${str(p.entry)}번 항목이 ${has(p.atLogout) ? '로그아웃 때 ' : ''}지움`,
  'ending.serverExpired': (p) =>
    `${str(p.entry)}번 항목에서 서버가 거절하고(${has(p.reason) ? `${p.reason === 'idle' ? '유휴' : '절대'} 시간 제한이 지남` : '서버에서 세션 시간이 다 됨'}) 지움`,
  'ending.browserExpired': (p) => `${str(p.entry)}번 항목이 싣기 전인 ${str(p.at)}에 만료됨`,

  'warn.personal': (p, say) => `쿠키 안의 개인 정보: ${say(sub(p.detail))}`,
  'warn.sessionNotHttpOnly': (p) =>
    `세션 쿠키 "${str(p.cookie)}"(${str(p.domain)})가 HttpOnly가 아닙니다: 페이지에 주입된 스크립트가 읽어서 세션을 가로챌 수 있습니다.`,
  'warn.notRotated': (p) =>
    `${str(p.entry)}번 항목의 로그인에 실려 간 세션 ID "${str(p.cookie)}"가 그 응답에서 바뀌지 않았습니다: 로그인 뒤에도 같은 ID를 쓰면 그 ID를 심어 둔 사람(세션 고정)이 로그인된 세션을 쓸 수 있습니다.`,
  'warn.withheld': (p, say) =>
    nums(p.entries).length === 1
      ? `${list(p.entries)}번 항목이 "${str(p.cookie)}"를 싣지 않았습니다: ${say(sub(p.reason))}`
      : `요청 ${nums(p.entries).length}개(항목 ${list(p.entries)})가 "${str(p.cookie)}"를 싣지 않았습니다. 처음: ${say(sub(p.reason))}`,
  'warn.rejected': (p, say) =>
    `${str(p.entry)}번 항목의 "${str(p.cookie) || '(이름 없음)'}" Set-Cookie가 거부되었습니다: ${say(sub(p.reason))}`,

  'conn.empty': '파일에 항목이 없습니다.',
  'conn.recorded.roundtrip':
    'Roundtrip 프록시가 기록한 연결 ID입니다 (클라이언트 연결과, 그것을 따라 만든 업스트림 연결).',
  'conn.recorded.tool': (p) => `파일을 쓴 도구가 기록한 연결 ID입니다 (연결 ${num(p.n)}개).`,
  'conn.inferred': (p) =>
    `파일에 연결 ID가 없어 timings.connect로 추정했습니다(시간이 있으면 새 연결, -1이면 재사용): 연결 ${num(p.n)}개.`,
  'conn.none': (p, say) =>
    `연결 정보 없음: ${p.field === 'port' ? '파일의 "connection" 필드는 연결 ID가 아니라 서버 포트이고' : '파일에 연결 ID가 없고'}, ${say(sub(p.why))}.`,
  'connwhy.noTiming': (p) =>
    `${str(p.entry)}번 항목에 connect 시간이 없어 어느 연결이 실었는지 알 수 없습니다`,
  'connwhy.firefoxZero': (p) =>
    `${str(p.entry)}번 항목의 connect가 0인데, Firefox는 새 연결과 재사용 연결 모두에 0을 씁니다`,
  'connwhy.unopened': (p) =>
    `${str(p.entry)}번 항목이 연결을 재사용했지만(connect -1) 파일에는 그 연결이 열리는 모습이 없습니다`,
  'connwhy.ambiguous': (p) =>
    `${str(p.entry)}번 항목이 ${str(p.origin)}로 열린 연결 ${num(p.count)}개 중 하나를 재사용했는데, 파일은 어느 것인지 말하지 않습니다`,
  'conn.label.recorded': '기록된 연결',
  'conn.label.inferred': '시간 정보로 추정한 연결',
  'conn.label.none': '이 파일은 어느 연결이 무엇을 실었는지 말하지 않습니다',
  'conn.unknown': '연결 알 수 없음',

  'replay.skip.badUrl': 'URL을 읽을 수 없음',
  'replay.skip.scheme': (p) =>
    `${str(p.scheme)}는 다시 보내지 않음: 프록시가 TLS 안을 보지 않으므로 Roundtrip은 평문 http:// 요청만 다시 보냅니다`,
  'replay.skip.otherHost': (p) => `${str(p.host)}이(가) 아닌 다른 호스트`
}
