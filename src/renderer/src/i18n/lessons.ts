// The guided tour's words: what to do, what to look for, for each lesson the capture ticks off
// (src/shared/analysis/lessons.ts decides when). `{proxy}` is the proxy's address.
export const lessons = {
  en: {
    'lessons.heading': 'How HTTP remembers: a tour with your own traffic',
    'lessons.intro':
      'Send the sample site’s traffic through the proxy (the Start screen opens a browser that does) and each step ticks itself off when your capture shows it. Nothing to click here: the traffic is the proof.',
    'lessons.do': 'Do',
    'lessons.look': 'Look for',
    'lessons.done': 'seen in your capture',
    'lessons.todo': 'not seen yet',
    'lessons.proof': 'Show the exchange that proved it ({id})',
    'lessons.progress': '{done} of {total} steps seen',
    'lessons.use.session': 'session management: sid',
    'lessons.use.personalization': 'personalization: theme',
    'lessons.use.tracking': 'tracking: uid from tracker.test',
    'lessons.sessions': 'The server’s store has held up to {n} sessions at once.',
    'lesson.alone.title': '1. A request stands alone',
    'lesson.alone.do':
      'Open http://roundtrip.test/ in a browser that uses the proxy, or run: curl -x {proxy} http://roundtrip.test/',
    'lesson.alone.look':
      'One request, one response: a method and a path go out, a status and a body come back, and that is the whole conversation. Nothing in HTTP ties the next request to this one.',
    'lesson.keep-alive.title': '2. Keep-alive: one connection, several requests',
    'lesson.keep-alive.do': 'Open http://roundtrip.test/gallery, then http://roundtrip.test/close.',
    'lesson.keep-alive.look':
      'On the timeline the gallery’s 24 images share a few lanes: a bar marked #2, #3… reused its connection instead of opening a new one. /close answers with Connection: close and its lane ends right after it, so the next request needs a new connection.',
    'lesson.stateless.title': '3. Stateless: the server knows you only by what you send',
    'lesson.stateless.do':
      'Ask for the same page with cookies and without: open http://roundtrip.test/ before and after choosing a theme, or once with curl, which sends no cookies: curl -x {proxy} http://roundtrip.test/',
    'lesson.stateless.look':
      'Two requests for the same page, answered as two different visitors. The server keeps nothing between requests: it decides from the request alone, its Cookie header included.',
    'lesson.cookie.title': '4. A cookie: the server sets it, the browser sends it back',
    'lesson.cookie.do': 'Open http://roundtrip.test/theme?name=dark (it sends you back to the home page).',
    'lesson.cookie.look':
      'The /theme response carries Set-Cookie: theme=dark, and the next request carries Cookie: theme=dark. A cookie is a name=value pair the server asks the browser to keep and send back.',
    'lesson.three-uses.title': '5. The three uses of cookies',
    'lesson.three-uses.do':
      'Open the login page (a session ID), choose a theme (a preference), and load any sample page (it embeds a tracker’s pixel).',
    'lesson.three-uses.look':
      'sid keeps a session, theme personalizes the page, uid from tracker.test tracks a browser across sites. The tracker asks for SameSite=None; Secure, so over plain http the browser refuses to keep it.',
    'lesson.naive-cookie.title': '6. Personal data in a cookie is unsafe',
    'lesson.naive-cookie.do':
      'Log in at http://roundtrip.test/naive/login as alice / wonderland, then change the user cookie and ask again: curl -x {proxy} -b user=bob http://roundtrip.test/naive/login (or edit the cookie in the browser’s developer tools).',
    'lesson.naive-cookie.look':
      'The server set user=alice, then believed a request that said user=bob: whoever edits the cookie becomes someone else, no password needed.',
    'lesson.session.title': '7. A session: only the ID travels',
    'lesson.session.do': 'Log in at http://roundtrip.test/login as alice / wonderland.',
    'lesson.session.look':
      'The login page issued a session ID (Set-Cookie: sid=…); logging in replaced it with a new one (rotated, so a planted ID is useless), and /account sent the new ID back. Your name is in no cookie: it stays in the server’s session store (the Sessions view shows both sides).',
    'lesson.logout.title': '8. Logging out destroys the session',
    'lesson.logout.do': 'On http://roundtrip.test/account press Log out.',
    'lesson.logout.look':
      'The server deletes the session from its store and answers Set-Cookie: sid=; Max-Age=0, so the browser drops the ID. A copy of the old ID is worthless now.',
    'lesson.cost.title': '9. What a session costs the server',
    'lesson.cost.do':
      'Be a second visitor: open http://roundtrip.test/login in a private window, or run: curl -x {proxy} http://roundtrip.test/login',
    'lesson.cost.look':
      'Every visitor gets a session in the server’s memory until logout or a timeout ends it, so the store grows with visitors. A cookie costs the server nothing; a session costs memory for each visitor.'
  },
  ko: {
    'lessons.heading': 'HTTP가 기억하는 방법: 내 트래픽으로 둘러보기',
    'lessons.intro':
      '예제 사이트의 트래픽을 프록시로 보내세요(시작 화면에서 프록시를 쓰는 브라우저를 열 수 있습니다). 기록에 나타나면 단계가 저절로 완료됩니다. 여기서 누를 것은 없습니다. 트래픽이 증거입니다.',
    'lessons.do': '할 일',
    'lessons.look': '볼 것',
    'lessons.done': '기록에서 확인됨',
    'lessons.todo': '아직 확인되지 않음',
    'lessons.proof': '증명한 교환 보기 ({id})',
    'lessons.progress': '{total}단계 중 {done}단계 확인',
    'lessons.use.session': '세션 관리: sid',
    'lessons.use.personalization': '개인화: theme',
    'lessons.use.tracking': '추적: tracker.test의 uid',
    'lessons.sessions': '서버 저장소에 동시에 최대 {n}개의 세션이 있었습니다.',
    'lesson.alone.title': '1. 요청은 홀로 선다',
    'lesson.alone.do':
      '프록시를 쓰는 브라우저에서 http://roundtrip.test/ 를 열거나 다음을 실행하세요: curl -x {proxy} http://roundtrip.test/',
    'lesson.alone.look':
      '요청 하나, 응답 하나: 메서드와 경로가 나가고 상태 코드와 본문이 돌아오면 대화가 끝납니다. HTTP에는 다음 요청을 이 요청과 묶는 것이 없습니다.',
    'lesson.keep-alive.title': '2. Keep-alive: 연결 하나에 여러 요청',
    'lesson.keep-alive.do': 'http://roundtrip.test/gallery 를 연 다음 http://roundtrip.test/close 를 여세요.',
    'lesson.keep-alive.look':
      '타임라인에서 갤러리의 이미지 24개가 몇 개의 레인을 나눠 씁니다. #2, #3… 표시가 있는 막대는 새 연결을 열지 않고 연결을 재사용했습니다. /close 는 Connection: close 로 답하고 그 레인은 바로 끝나므로, 다음 요청에는 새 연결이 필요합니다.',
    'lesson.stateless.title': '3. 무상태: 서버는 보낸 것으로만 당신을 안다',
    'lesson.stateless.do':
      '같은 페이지를 쿠키와 함께, 그리고 쿠키 없이 요청하세요. 테마를 고르기 전과 후에 http://roundtrip.test/ 를 열거나, 쿠키를 보내지 않는 curl로 한 번 요청하세요: curl -x {proxy} http://roundtrip.test/',
    'lesson.stateless.look':
      '같은 페이지에 대한 두 요청이 서로 다른 방문자로 응답됩니다. 서버는 요청 사이에 아무것도 기억하지 않고, Cookie 헤더를 포함한 요청만 보고 판단합니다.',
    'lesson.cookie.title': '4. 쿠키: 서버가 설정하고 브라우저가 돌려보낸다',
    'lesson.cookie.do': 'http://roundtrip.test/theme?name=dark 를 여세요(홈페이지로 돌아갑니다).',
    'lesson.cookie.look':
      '/theme 응답에는 Set-Cookie: theme=dark 가 있고, 다음 요청에는 Cookie: theme=dark 가 실립니다. 쿠키는 서버가 브라우저에게 보관했다가 돌려보내 달라고 하는 이름=값 한 쌍입니다.',
    'lesson.three-uses.title': '5. 쿠키의 세 가지 용도',
    'lesson.three-uses.do':
      '로그인 페이지를 열고(세션 ID), 테마를 고르고(환경설정), 예제 페이지를 아무거나 여세요(추적 픽셀이 들어 있습니다).',
    'lesson.three-uses.look':
      'sid 는 세션을 유지하고, theme 은 페이지를 개인화하고, tracker.test 의 uid 는 여러 사이트에 걸쳐 브라우저를 추적합니다. 추적기는 SameSite=None; Secure 를 요구하므로 일반 http에서는 브라우저가 보관을 거부합니다.',
    'lesson.naive-cookie.title': '6. 쿠키에 담긴 개인 정보는 안전하지 않다',
    'lesson.naive-cookie.do':
      'http://roundtrip.test/naive/login 에서 alice / wonderland 로 로그인한 다음 user 쿠키를 바꿔 다시 요청하세요: curl -x {proxy} -b user=bob http://roundtrip.test/naive/login (또는 브라우저 개발자 도구에서 쿠키를 고치세요).',
    'lesson.naive-cookie.look':
      '서버는 user=alice 를 설정했는데 user=bob 이라고 말하는 요청을 그대로 믿었습니다. 쿠키를 고치는 사람은 비밀번호 없이 다른 사람이 됩니다.',
    'lesson.session.title': '7. 세션: ID만 오간다',
    'lesson.session.do': 'http://roundtrip.test/login 에서 alice / wonderland 로 로그인하세요.',
    'lesson.session.look':
      '로그인 페이지가 세션 ID를 발급하고(Set-Cookie: sid=…), 로그인하면서 새 ID로 바뀌었으며(교체: 심어 둔 ID는 쓸모없어집니다), /account 가 새 ID를 돌려보냈습니다. 이름은 어떤 쿠키에도 없고 서버의 세션 저장소에만 있습니다(세션 화면에서 양쪽을 볼 수 있습니다).',
    'lesson.logout.title': '8. 로그아웃하면 세션이 없어진다',
    'lesson.logout.do': 'http://roundtrip.test/account 에서 로그아웃을 누르세요.',
    'lesson.logout.look':
      '서버는 저장소에서 세션을 지우고 Set-Cookie: sid=; Max-Age=0 으로 답해 브라우저가 ID를 버리게 합니다. 예전 ID의 사본은 이제 쓸모가 없습니다.',
    'lesson.cost.title': '9. 세션이 서버에 드는 비용',
    'lesson.cost.do':
      '두 번째 방문자가 되어 보세요. 시크릿 창에서 http://roundtrip.test/login 을 열거나 다음을 실행하세요: curl -x {proxy} http://roundtrip.test/login',
    'lesson.cost.look':
      '방문자마다 로그아웃이나 시간 초과로 끝날 때까지 서버 메모리에 세션이 하나씩 생기므로, 저장소는 방문자 수만큼 커집니다. 쿠키는 서버에 비용이 들지 않지만 세션은 방문자마다 메모리가 듭니다.'
  }
} as const
