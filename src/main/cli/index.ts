// The `roundtrip` command line: `serve`, `inspect`, `replay`. Plain Node, never Electron.
// Each command lives in its own file and exports `run(argv): Promise<number>` (the exit code); a
// command throws CliError for anything the user can fix, and this file prints it in the one style.
import { version } from '../../../package.json'
import { RUN } from './args'
import { report } from './errors'

const USAGE = `Usage: ${RUN} <command> [options]

Commands:
  serve     run the proxy, the sample site and the web UI headless
  inspect   explain the connections, cookies and sessions in a HAR file
  replay    send the requests of a HAR file again
  ca        the local CA for HTTPS interception: its path, certificate, SPKI hash, or a new one

Options:
  --version  print the version
  --help     show this help

Run \`${RUN} <command> --help\` for a command's options. After \`npm link\` in the clone, plain
\`roundtrip\` works too.`

type Command = (argv: string[]) => Promise<number>

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve')).run,
  inspect: async () => (await import('./inspect')).run,
  replay: async () => (await import('./replay')).run,
  ca: async () => (await import('./ca')).run
}

/**
 * A reader that stops early (`roundtrip inspect big.har | head`) closes the pipe: a one-shot command then
 * has nobody to tell anything, and stops quietly with 0, as other writers to `head` do. (Not `serve`: a
 * script may read its first line and let the rest go while the proxy runs on.)
 */
function stopQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE)
    return name ? 0 : 2
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(version)
    return 0
  }
  const load = commands[name]
  if (!load) {
    return report(
      '',
      `there is no command "${name}"; write ${RUN} serve, ${RUN} inspect FILE.har or ${RUN} replay FILE.har (see ${RUN} --help).`
    )
  }
  if (name !== 'serve') stopQuietlyOnClosedPipe()
  try {
    return await (
      await load()
    )(rest)
  } catch (err) {
    return report(name, err)
  }
}
