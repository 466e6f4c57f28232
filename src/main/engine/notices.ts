// What the engine tells the user about its start: typed, so each door can word it; `noticeText` is
// the engine's own English (no command-line flags in it).

export type EngineNotice = {
  code: 'port-moved'
  params: { role: 'proxy' | 'sample'; wanted: number; url: string }
}

export function noticeText(notice: EngineNotice): string {
  const { role, wanted, url } = notice.params
  const port = new URL(url).port
  return role === 'proxy'
    ? `Port ${wanted} was in use, so the proxy listens on port ${port} instead: point browsers and curl at ${url}.`
    : `Port ${wanted} was in use, so the sample site runs on port ${port}; through the proxy it is still http://roundtrip.test/.`
}
