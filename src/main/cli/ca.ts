// `roundtrip ca`: where the local CA is, its certificate, the hash Chromium pins, or a new one.
// The private key is never printed.
import { createCertificateAuthority } from '../ca'
import { argsOrHelp, type CommandSpec, RUN } from './args'
import { CliError, UsageError } from './errors'

const SPEC: CommandSpec = {
  name: 'ca',
  usage: '[--path | --pem | --spki | --regenerate]',
  description: `Roundtrip's local certificate authority for HTTPS interception, made on first use in
$ROUNDTRIP_HOME (or your config directory). Browsers Roundtrip starts trust it for that run only;
nothing is ever added to your system's certificate store.`,
  options: {
    path: { type: 'boolean', help: 'print the path of ca.pem (the default)' },
    pem: { type: 'boolean', help: 'print the CA certificate (for curl --cacert, NODE_EXTRA_CA_CERTS, ...)' },
    spki: {
      type: 'boolean',
      help: "print the base64 SHA-256 of its public key (Chromium's --ignore-certificate-errors-spki-list)"
    },
    regenerate: {
      type: 'boolean',
      help: 'replace it with a new CA; clients that trusted the old ca.pem need the new one'
    }
  }
}

export async function run(argv: string[]): Promise<number> {
  const args = argsOrHelp(SPEC, argv)
  if (!args) return 0
  const chosen = ['path', 'pem', 'spki', 'regenerate'].filter((k) => args.flag(k))
  if (chosen.length > 1) {
    throw new UsageError(`--${chosen.join(' and --')} cannot go together; write ${RUN} ca --${chosen[0]}.`)
  }
  const ca = createCertificateAuthority({ onNotice: (n) => console.error(`roundtrip ca: ${n}`) })
  try {
    if (args.flag('regenerate')) {
      const fresh = await ca.regenerate()
      console.error(
        'roundtrip ca: made a new local CA; the old one (and every certificate it signed) is no longer trusted by browsers Roundtrip starts. Give clients the new ca.pem.'
      )
      console.log(fresh.certPath)
      return 0
    }
    const loaded = await ca.load()
    if (args.flag('pem')) process.stdout.write(loaded.certPem)
    else if (args.flag('spki')) console.log(loaded.spki)
    else console.log(loaded.certPath)
    return 0
  } catch (err) {
    throw new CliError(
      `the local CA in ${ca.home} could not be read or made (${(err as Error).message}); check that the folder is writable, or set ROUNDTRIP_HOME to another one.`
    )
  }
}
