// `roundtrip serve`'s HTTPS flags: interception on or off, hosts passed through untouched, and
// how origins' certificates are checked. A bad value stops the start with a sentence.
import { readFile } from 'node:fs/promises'
import type { EngineOptions } from '../engine'
import { parseGlobs } from '../proxy/tls/passthrough'
import type { OptionSpec, ParsedArgs } from './args'
import { fileProblem, UsageError } from './errors'

export const TLS_OPTIONS: Record<string, OptionSpec> = {
  'no-intercept': {
    type: 'boolean',
    help: 'leave HTTPS tunnels encrypted (the local CA is not used); plain HTTP inside CONNECT is still read'
  },
  passthrough: {
    type: 'string',
    value: 'GLOB[,GLOB]',
    multiple: true,
    help: 'hosts whose HTTPS is never intercepted, e.g. *.bank.example,pinned.app'
  },
  'upstream-ca': {
    type: 'string',
    value: 'FILE',
    help: 'also trust this CA certificate (PEM) for origins, e.g. a company or development CA'
  },
  'insecure-upstream': {
    type: 'boolean',
    help: 'accept any origin certificate (your own development servers only; each exchange says so)'
  },
  http2: {
    type: 'string',
    value: 'on|off',
    choices: ['on', 'off'],
    help: 'offer HTTP/2 to intercepted clients by ALPN (default on; off: HTTP/1.1 only)'
  }
}

export async function tlsEngineOptions(
  args: ParsedArgs
): Promise<{ options: EngineOptions; warnings: string[] }> {
  const warnings: string[] = []
  let upstreamCa: string | undefined
  const file = args.string('upstream-ca')
  if (file !== undefined) {
    try {
      upstreamCa = await readFile(file, 'utf8')
    } catch (err) {
      throw fileProblem(file, err, 'a PEM certificate file for --upstream-ca')
    }
    if (!upstreamCa.includes('-----BEGIN CERTIFICATE-----')) {
      throw new UsageError(
        `--upstream-ca ${file} holds no PEM certificate (no -----BEGIN CERTIFICATE----- line); give the CA's certificate in PEM form.`
      )
    }
  }
  if (args.flag('insecure-upstream')) {
    warnings.push(
      "warning: --insecure-upstream: origins' certificates are not checked, so anyone on the network path could read or change that HTTPS traffic. Use it only for your own development servers."
    )
  }
  return {
    options: {
      intercept: !args.flag('no-intercept'),
      passthrough: args.list('passthrough').flatMap((g) => parseGlobs(g)),
      upstreamCa,
      insecureUpstream: args.flag('insecure-upstream'),
      http2: args.string('http2') !== 'off'
    },
    warnings
  }
}
