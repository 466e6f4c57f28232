// Words for HTTPS interception: an exchange's TLS facts, what became of a CONNECT tunnel, and the
// offer to pass a host through when its client refused Roundtrip's certificate.
export const tls = {
  en: {
    'tls.title': 'TLS',
    'tls.client': 'Client ↔ Roundtrip',
    'tls.upstream': 'Roundtrip ↔ server',
    'tls.sni': 'server name (SNI)',
    'tls.version': 'version',
    'tls.cipher': 'cipher',
    'tls.alpn': 'protocol (ALPN)',
    'tls.none': 'none',
    'tls.verified': 'verified: the chain leads to a trusted root and names this host',
    'tls.notVerified':
      'NOT verified ({reason}); --insecure-upstream let it through, so anyone on the path could have read or changed it',
    'tls.chain': 'certificate chain the server sent (leaf first)',
    'tls.noUpstream': 'The server side was not reached over TLS (or not yet).',
    'tls.intercepted':
      'Decrypted by Roundtrip: the client talked TLS to Roundtrip (with a certificate from its local CA), and Roundtrip opened its own TLS connection to the server.',
    'tunnel.mode.intercepted': 'decrypted',
    'tunnel.mode.http': 'plain HTTP in a tunnel',
    'tunnel.mode.passthrough': 'passed through untouched',
    'tunnel.mode.tunnel': 'opaque tunnel',
    'tls.distrust.title': "Clients that refused Roundtrip's certificate",
    'tls.distrust.text':
      "These clients do not trust Roundtrip's local CA: start the browser from Roundtrip, or install ca.pem. Or leave a host's HTTPS alone:",
    'tls.distrust.pass': 'Pass {host} through',
    'tls.distrust.passed': '{host} now passes through untouched (new connections).'
  },
  ko: {
    'tls.title': 'TLS',
    'tls.client': '클라이언트 ↔ Roundtrip',
    'tls.upstream': 'Roundtrip ↔ 서버',
    'tls.sni': '서버 이름 (SNI)',
    'tls.version': '버전',
    'tls.cipher': '암호 스위트',
    'tls.alpn': '프로토콜 (ALPN)',
    'tls.none': '없음',
    'tls.verified': '검증됨: 인증서 체인이 신뢰하는 루트로 이어지고 이 호스트 이름을 담고 있습니다',
    'tls.notVerified':
      '검증되지 않음 ({reason}). --insecure-upstream 때문에 통과시켰으므로, 경로 위의 누구든 읽거나 바꿀 수 있었습니다',
    'tls.chain': '서버가 보낸 인증서 체인 (말단 인증서부터)',
    'tls.noUpstream': '서버 쪽과는 TLS로 연결되지 않았습니다 (또는 아직 연결 전입니다).',
    'tls.intercepted':
      'Roundtrip이 복호화했습니다. 클라이언트는 Roundtrip과 TLS로 통신했고 (로컬 CA가 발급한 인증서로), Roundtrip은 서버와 따로 TLS 연결을 열었습니다.',
    'tunnel.mode.intercepted': '복호화됨',
    'tunnel.mode.http': '터널 안의 평문 HTTP',
    'tunnel.mode.passthrough': '건드리지 않고 통과',
    'tunnel.mode.tunnel': '불투명 터널',
    'tls.distrust.title': 'Roundtrip의 인증서를 거부한 클라이언트',
    'tls.distrust.text':
      '이 클라이언트들은 Roundtrip의 로컬 CA를 신뢰하지 않습니다. Roundtrip에서 브라우저를 시작하거나 ca.pem을 설치하세요. 아니면 그 호스트의 HTTPS는 건드리지 않도록 할 수 있습니다:',
    'tls.distrust.pass': '{host} 통과시키기',
    'tls.distrust.passed': '{host}는 이제 건드리지 않고 통과합니다 (새 연결부터).'
  }
}
