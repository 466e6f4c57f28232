// `roundtrip serve`: the engine without Electron, plus the local web API that serves the same UI
// to any browser. Prints where everything listens (one JSON line with --json) and shuts down
// cleanly on SIGINT/SIGTERM.
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { version } from '../../../package.json'
import { startEngine, type Engine } from '../engine'
import { isLoopbackHost } from '../net/listen'
import { createApi, type ApiServer } from './api'
import { findRendererDir } from './static'
import { parseDuration, parseCount } from './values'
import { startExtras, type Extras } from './serve-extras'

const HELP = `Usage: roundtrip serve [options]

Runs the proxy, the sample site (http://roundtrip.test/ through the proxy) and the web UI.

Options:
  --proxy-port N       proxy port (default 8080; 0 picks a free port)
  --sample-port N      sample site port on 127.0.0.1 (default 3000; 0 picks a free port)
  --ui-port N          web UI and API port (default 8081; 0 picks a free port)
  --host H             address for the proxy and the UI (default 127.0.0.1; anything else is reachable
                       from other machines and prints a warning)
  --token T            the API token (default: a new random token each run)
  --record FILE        write the capture to FILE as it happens (a HAR when stopped cleanly)
  --load FILE          start with the exchanges of a HAR file or a recording
  --browser [NAME|PATH]  open a browser through the proxy (chromium, chrome, edge, brave, firefox or a path)
  --browser-arg ARG    an extra argument for that browser (repeatable), e.g. --browser-arg=--headless=new
  --session-idle D     sample site idle timeout (default 15m; e.g. 90s, 15m, 2h)
  --session-max D      sample site absolute timeout (default 8h)
  --body-limit BYTES   bytes of each body kept in the capture (default 1048576)
  --max-exchanges N    exchanges kept in memory; older ones leave (default 100000)
  --max-body-bytes N   bytes of bodies kept in memory; older exchanges leave (default 268435456)
  --json               print one JSON line with the addresses once everything listens
  -h, --help           show this help`

export async function run(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: normaliseOptionalBrowser(argv),
      options: {
        'proxy-port': { type: 'string' },
        'sample-port': { type: 'string' },
        'ui-port': { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        record: { type: 'string' },
        load: { type: 'string' },
        browser: { type: 'string' },
        'browser-arg': { type: 'string', multiple: true },
        'session-idle': { type: 'string' },
        'session-max': { type: 'string' },
        'body-limit': { type: 'string' },
        'max-exchanges': { type: 'string' },
        'max-body-bytes': { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      },
      allowPositionals: false
    }).values
  } catch (err) {
    console.error(`roundtrip serve: ${(err as Error).message}\n\n${HELP}`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }

  // Listen for the stop signals before anything is printed: a script may signal as soon as it
  // reads the addresses.
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  })
  let engine: Engine | undefined
  let api: ApiServer | undefined
  let extras: Extras | undefined
  try {
    const host = values.host ?? '127.0.0.1'
    if (!isLoopbackHost(host)) {
      console.error(
        `roundtrip serve: warning: listening on ${host}, so other machines can use this proxy and see the capture. Use --host 127.0.0.1 unless you mean it.`
      )
    }
    engine = await startEngine({
      host,
      allowRemoteClients: !isLoopbackHost(host),
      proxyPort: parseCount(values['proxy-port'], 8080, '--proxy-port', 65535),
      samplePort: parseCount(values['sample-port'], 3000, '--sample-port', 65535),
      sessionIdleMs: parseDuration(values['session-idle'], 15 * 60_000, '--session-idle'),
      sessionMaxMs: parseDuration(values['session-max'], 8 * 3600_000, '--session-max'),
      bodyLimit: parseCount(values['body-limit'], 1024 * 1024, '--body-limit'),
      maxExchanges: parseCount(values['max-exchanges'], 100_000, '--max-exchanges'),
      maxBodyBytes: parseCount(values['max-body-bytes'], 256 * 1024 * 1024, '--max-body-bytes')
    })
    const token = values.token ?? randomBytes(24).toString('base64url')
    extras = await startExtras(engine, {
      record: values.record,
      load: values.load,
      browser: values.browser,
      browserArgs: values['browser-arg'] ?? [],
      version
    })
    api = createApi({ engine, token, rendererDir: findRendererDir(), version, notices: extras.notices })
    const uiBase = await api.listen(parseCount(values['ui-port'], 8081, '--ui-port', 65535), host)
    const addresses = {
      proxy: engine.proxyUrl,
      sample: engine.sampleUrl,
      ui: `${uiBase}/?token=${token}`,
      token
    }
    for (const notice of extras.notices) console.error(`roundtrip serve: ${notice}`)
    if (values.json) console.log(JSON.stringify({ ...addresses, ...extras.describe() }))
    else {
      console.log(`Roundtrip is running.
  Proxy:        ${addresses.proxy}    try: curl -x ${addresses.proxy} http://roundtrip.test/
  Sample site:  http://roundtrip.test/ through the proxy (directly: ${addresses.sample})
  UI:           ${addresses.ui}
  PAC file:     ${uiBase}/proxy.pac?token=${token}
Press Ctrl+C to stop.`)
    }
  } catch (err) {
    console.error(`roundtrip serve: ${(err as Error).message}`)
    await extras?.close()
    await api?.close()
    await engine?.close()
    return 2
  }

  await stopRequested
  await extras.close()
  await api.close()
  await engine.close()
  return 0
}

/** `--browser` may stand alone (the first browser found): give parseArgs an empty value then. */
function normaliseOptionalBrowser(argv: string[]): string[] {
  const out: string[] = []
  argv.forEach((arg, i) => {
    out.push(arg)
    if (arg === '--browser' && (i + 1 >= argv.length || argv[i + 1]!.startsWith('--'))) out.push('')
  })
  return out
}
