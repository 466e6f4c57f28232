// Words for an exchange the proxy sent twice: its first upstream socket was a kept-alive one the origin
// had already closed, so the request (idempotent, its body complete) went out once more on a new one.
export const retry = {
  en: {
    'retry.mark': 'sent again',
    'retry.bar':
      'Sent twice: the kept-alive socket to the origin had gone stale, so the proxy sent this request again on a new connection.',
    'retry.details':
      'Sent twice: the kept-alive connection to the origin had already been closed by the origin, so the proxy sent this request once more on a new connection. Only a request that is safe to repeat (GET, HEAD, OPTIONS, TRACE, PUT, DELETE) and whose body had fully arrived is ever sent again.',
    'details.upstreamReused': 'reused'
  },
  ko: {
    'retry.mark': '다시 보냄',
    'retry.bar':
      '두 번 보냄: 서버와의 keep-alive 소켓이 이미 닫혀 있어서, 프록시가 새 연결로 이 요청을 다시 보냈습니다.',
    'retry.details':
      '두 번 보냄: 서버(오리진)가 keep-alive 연결을 이미 닫아 두어서, 프록시가 새 연결로 이 요청을 한 번 더 보냈습니다. 반복해도 안전한 요청(GET, HEAD, OPTIONS, TRACE, PUT, DELETE)이고 본문이 모두 도착한 경우에만 다시 보냅니다.',
    'details.upstreamReused': '재사용'
  }
} as const
