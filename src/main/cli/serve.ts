// `roundtrip serve`: the engine without Electron, plus the local web API that serves the same UI
// to any browser. Checks every argument and file before it binds a port, prints where everything
// listens (one JSON line with --json) and shuts down cleanly on SIGINT/SIGTERM, letting requests in
// flight finish first.
import { randomBytes } from 'node:crypto'
import { version } from '../../../package.json'
import { noticeText, startEngine, type Engine } from '../engine'
import { isLoopbackHost, listenOrMove, type ListenError } from '../net/listen'
import { guardProcess } from '../engine/guard'
import { createApi, type ApiServer } from '../web/server'
import { argsOrHelp, type CommandSpec } from './args'
import { checkReadableFile, checkWritablePath, CliError } from './errors'
import { listenSentence, printStarted } from './serve-words'
import { findRendererDir } from '../web/static'
import { TLS_OPTIONS, tlsEngineOptions } from './serve-tls'
import { parseCount, parseDuration } from './values'
import { preloadCapture, startExtras, type Extras } from './serve-extras'

const SPEC: CommandSpec = {
  name: 'serve',
  usage: '[options]',
  description:
    'Runs the proxy, the sample site (http://roundtrip.test/ through the proxy) and the web UI.\n' +
    'Taken default ports (8080, 3000, 8081) move to free ones with a notice; a port you give must be free.',
  options: {
    'proxy-port': { type: 'string', value: 'N', help: 'proxy port (default 8080; 0 picks a free port)' },
    'sample-port': {
      type: 'string',
      value: 'N',
      help: 'sample site port on 127.0.0.1 (default 3000; 0 picks a free port)'
    },
    'ui-port': {
      type: 'string',
      value: 'N',
      help: 'web UI and API port (default 8081; 0 picks a free port)'
    },
    host: {
      type: 'string',
      value: 'H',
      help: 'address the proxy listens on (default 127.0.0.1); 0.0.0.0 lets other machines on your\nnetwork send traffic through it. The UI stays on 127.0.0.1 unless --ui-host says otherwise'
    },
    'ui-host': {
      type: 'string',
      value: 'H',
      help: 'address the web UI and API listen on (default 127.0.0.1); anything else lets other\nmachines read the capture with the token'
    },
    token: { type: 'string', value: 'T', help: 'the API token (default: a new random token each run)' },
    record: {
      type: 'string',
      value: 'FILE',
      help: 'write the capture to FILE as it happens (a HAR when stopped cleanly)'
    },
    load: { type: 'string', value: 'FILE', help: 'start with the exchanges of a HAR file or a recording' },
    browser: {
      type: 'string',
      value: 'NAME|PATH',
      optionalValue: true,
      help: 'open a browser through the proxy (chromium, chrome, edge, brave, firefox or a path)'
    },
    'browser-arg': {
      type: 'string',
      value: 'ARG',
      multiple: true,
      dashValue: true,
      help: 'an extra argument for that browser (repeatable), e.g. --browser-arg=--headless=new'
    },
    'session-idle': {
      type: 'string',
      value: 'D',
      help: 'sample site idle timeout (default 15m; e.g. 90s, 15m, 2h)'
    },
    'session-max': { type: 'string', value: 'D', help: 'sample site absolute timeout (default 8h)' },
    'session-limit': {
      type: 'string',
      value: 'N',
      help: 'sessions the sample site keeps at most; the oldest pre-login ones are evicted first (default 300)'
    },
    'body-limit': {
      type: 'string',
      value: 'BYTES',
      help: 'bytes of each body kept in the capture (default 1048576)'
    },
    'max-exchanges': {
      type: 'string',
      value: 'N',
      help: 'exchanges kept in memory; older ones leave (default 100000)'
    },
    'max-body-bytes': {
      type: 'string',
      value: 'N',
      help: 'bytes of bodies kept in memory (default 268435456)'
    },
    grace: {
      type: 'string',
      value: 'D',
      help: 'on stop, how long requests in flight may take to finish (default 2s; 0 stops at once)'
    },
    ...TLS_OPTIONS,
    json: { type: 'boolean', help: 'print one JSON line with the addresses and pid once everything listens' }
  }
}

/**
 * The default ports. ROUNDTRIP_TEST_PROXY_PORT, ROUNDTRIP_TEST_SAMPLE_PORT and ROUNDTRIP_TEST_UI_PORT
 * replace them for tests only (so a test can make "the default port is taken" happen on a port it
 * owns); they are not a way to configure Roundtrip.
 */
function defaultPort(name: 'PROXY' | 'SAMPLE' | 'UI', usual: number): number {
  const raw = process.env[`ROUNDTRIP_TEST_${name}_PORT`]
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : usual
}

export async function run(argv: string[]): Promise<number> {
  const args = argsOrHelp(SPEC, argv)
  if (!args) return 0
  // Every value and every file is checked before a port is bound.
  const given = (flag: string): boolean => args.string(flag) !== undefined
  const host = args.string('host') ?? '127.0.0.1'
  const uiHost = args.string('ui-host') ?? '127.0.0.1'
  const proxyPort = parseCount(args.string('proxy-port'), defaultPort('PROXY', 8080), '--proxy-port', 65535)
  const samplePort = parseCount(
    args.string('sample-port'),
    defaultPort('SAMPLE', 3000),
    '--sample-port',
    65535
  )
  const uiPort = parseCount(args.string('ui-port'), defaultPort('UI', 8081), '--ui-port', 65535)
  const engineOptions = {
    host,
    allowRemoteClients: !isLoopbackHost(host),
    proxyPort,
    samplePort,
    portFallback: { proxy: !given('proxy-port'), sample: !given('sample-port') },
    sessionIdleMs: parseDuration(args.string('session-idle'), 15 * 60_000, '--session-idle'),
    sessionMaxMs: parseDuration(args.string('session-max'), 8 * 3600_000, '--session-max'),
    maxSessions: Math.max(1, parseCount(args.string('session-limit'), 300, '--session-limit')),
    bodyLimit: parseCount(args.string('body-limit'), 1024 * 1024, '--body-limit'),
    maxExchanges: parseCount(args.string('max-exchanges'), 100_000, '--max-exchanges'),
    maxBodyBytes: parseCount(args.string('max-body-bytes'), 256 * 1024 * 1024, '--max-body-bytes'),
    shutdownGraceMs: parseDuration(args.string('grace'), 2000, '--grace', { allowZero: true })
  }
  const tls = await tlsEngineOptions(args)
  const load = args.string('load')
  const record = args.string('record')
  if (load !== undefined) await checkReadableFile(load)
  if (record !== undefined) await checkWritablePath(record, '--record')
  const preloaded = load !== undefined ? await preloadCapture(load) : undefined

  // An error some handler missed is said and recorded (/api/info lists it); serving goes on.
  const guard = guardProcess((line) => console.error(`roundtrip serve: ${line}`))
  // Listen for the stop signals before anything is printed: a script may signal as soon as it
  // reads the addresses.
  const stopRequested = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'))
    process.once('SIGTERM', () => resolve('SIGTERM'))
  })
  if (!isLoopbackHost(host)) {
    console.error(
      `roundtrip serve: warning: the proxy listens on ${host}, so other machines on your network can send traffic through it, and it is recorded; the UI and its API stay on ${uiHost}. Use --host 127.0.0.1 unless you mean it.`
    )
  }
  if (!isLoopbackHost(uiHost)) {
    console.error(
      `roundtrip serve: warning: the UI listens on ${uiHost}, so anyone on your network who has the token can read the capture. Leave out --ui-host unless you mean it.`
    )
  }
  let engine: Engine | undefined
  let api: ApiServer | undefined
  let extras: Extras | undefined
  try {
    for (const warning of tls.warnings) console.error(`roundtrip serve: ${warning}`)
    engine = await startEngine({ ...engineOptions, ...tls.options }).catch((err: unknown) => {
      throw wordListenError(err)
    })
    // The CA is made (or renewed) now, so ca.pem exists before the addresses are printed.
    if (tls.options.intercept) await engine.ca.load()
    const token = args.string('token') ?? randomBytes(24).toString('base64url')
    extras = await startExtras(engine, {
      preloaded,
      record,
      browser: args.string('browser'),
      browserArgs: args.list('browser-arg'),
      version,
      say: (notice) => console.error(`roundtrip serve: ${notice}`)
    })
    const notices = [...engine.notices.map(noticeText), ...engine.caNotices, ...extras.notices]
    const proxy = engine.proxy
    api = createApi({
      engine,
      token,
      rendererDir: findRendererDir(),
      version,
      notices,
      incidents: () => guard.incidents,
      // A browser that sends loopback through the proxy reaches the UI there: never record that.
      onListening: (port) => proxy.ownPorts.add(port)
    })
    const started = api
    const ui = await listenOrMove((port) => started.listen(port, uiHost), uiPort, !given('ui-port')).catch(
      (err: unknown) => {
        throw wordListenError(err)
      }
    )
    if (ui.moved) {
      notices.push(`Port ${uiPort} was in use, so the web UI listens on ${ui.value} instead.`)
    }
    for (const notice of notices) console.error(`roundtrip serve: ${notice}`)
    // Later notices (a browser that exits) reach the start screen through the same list.
    extras.onNotice((notice) => notices.push(notice))
    printStarted({
      json: args.flag('json'),
      proxy: engine.proxyUrl,
      sample: engine.sampleUrl,
      uiBase: ui.value,
      token,
      https: tls.options.intercept
        ? `intercepted with the CA in ${engine.ca.certPath} (curl --cacert it; browsers started by --browser trust it)`
        : 'tunnels stay encrypted (--no-intercept)',
      extra: { ca: engine.ca.certPath, ...extras.describe() }
    })
  } catch (err) {
    await extras?.close()
    await api?.close()
    await engine?.close({ graceMs: 0 })
    guard.uninstall()
    throw err
  }

  await stopRequested
  await extras.closeBrowser()
  await engine.close()
  await extras.close()
  await api.close()
  guard.uninstall()
  return 0
}

function wordListenError(err: unknown): Error {
  return (err as ListenError).name === 'ListenError'
    ? new CliError(listenSentence(err as ListenError))
    : (err as Error)
}
