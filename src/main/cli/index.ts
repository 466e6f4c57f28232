// The `roundtrip` command line: `serve`, `inspect`, `replay`. Plain Node, never Electron.
// Each command lives in its own file and exports `run(argv): Promise<number>` (the exit code).

const USAGE = `Usage: roundtrip <command> [options]

Commands:
  serve     run the proxy, the sample site and the web UI headless
  inspect   explain the connections, cookies and sessions in a HAR file
  replay    send the requests of a HAR file again

Run \`roundtrip <command> --help\` for a command's options.`

type Command = (argv: string[]) => Promise<number>

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve')).run,
  inspect: async () => (await import('./inspect')).run,
  replay: async () => (await import('./replay')).run
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE)
    return name ? 0 : 2
  }
  const load = commands[name]
  if (!load) {
    console.error(`roundtrip: unknown command "${name}".\n\n${USAGE}`)
    return 2
  }
  return (await load())(rest)
}
