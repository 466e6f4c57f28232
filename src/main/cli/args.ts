// One argument parser for every `roundtrip` command. A command describes its options once (one line
// per option: its type, the placeholder for its value, its help); the parser and the help text both
// come from that table, and every mistake becomes a UsageError that says what was wrong and what to
// type instead. node:util's parseArgs is not used because it takes `--json` as the value of a
// string option given no value, and its errors are worded for programmers.
import { UsageError } from './errors'

export interface BooleanOption {
  type: 'boolean'
  short?: string
  help: string
}

export interface StringOption {
  type: 'string'
  /** The placeholder in help and error messages, e.g. `N`, `FILE`, `fresh|recorded`. */
  value: string
  short?: string
  help: string
  /** May be given more than once; every value is kept, in order. */
  multiple?: boolean
  /** May stand alone (`--browser`): its value is then the empty string. */
  optionalValue?: boolean
  /** Values that start with `-` are taken as the value (`--browser-arg --headless=new`). */
  dashValue?: boolean
  /** The only values allowed. */
  choices?: string[]
}

export type OptionSpec = BooleanOption | StringOption

export interface CommandSpec {
  /** `serve`, `inspect`, `replay`. */
  name: string
  /** What follows the command name in the usage line, e.g. `FILE.har [options]`. */
  usage: string
  description: string
  options: Record<string, OptionSpec>
  /** How many positional arguments (file names) the command takes, and how to name a missing one. */
  positionals?: { min: number; max: number; missing: string; tooMany: string }
}

export interface ParsedArgs {
  help: boolean
  positionals: string[]
  string(name: string): string | undefined
  list(name: string): string[]
  flag(name: string): boolean
}

/** How the user is told to run the command in every hint. */
export const RUN = 'npx roundtrip'

export function parseCommand(spec: CommandSpec, argv: string[]): ParsedArgs {
  const values = new Map<string, string[]>()
  const flags = new Set<string>()
  const positionals: string[] = []
  const shorts = new Map(
    Object.entries(spec.options)
      .filter(([, o]) => o.short)
      .map(([name, o]) => [o.short!, name])
  )
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg === '--help' || arg === '-h') {
      help = true
      continue
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const rawName = eq > 0 ? arg.slice(0, eq) : arg
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined
    const name = rawName.startsWith('--') ? rawName.slice(2) : shorts.get(rawName.slice(1))
    const opt = name === undefined ? undefined : spec.options[name]
    if (name === undefined || !opt) throw unknownOption(spec, rawName)
    if (opt.type === 'boolean') {
      if (inline !== undefined) {
        throw new UsageError(`--${name} takes no value; write just --${name}, without "=${inline}".`)
      }
      flags.add(name)
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      const takesNext = next !== undefined && (opt.dashValue || !next.startsWith('-') || next === '-')
      if (takesNext) {
        value = next
        i++
      } else if (opt.optionalValue) value = ''
      else throw new UsageError(`--${name} needs a value; write it as --${name} ${opt.value}.`)
    }
    if (opt.choices && !opt.choices.includes(value)) {
      const options = opt.choices.map((c) => `--${name} ${c}`)
      throw new UsageError(
        `--${name} cannot be "${value}"; write ${options.slice(0, -1).join(', ')} or ${options.at(-1)}.`
      )
    }
    const list = values.get(name) ?? []
    values.set(name, opt.multiple ? [...list, value] : [value])
  }
  if (!help && spec.positionals) {
    const { min, max, missing, tooMany } = spec.positionals
    if (positionals.length < min) throw new UsageError(missing)
    if (positionals.length > max) throw new UsageError(tooMany)
  } else if (!help && positionals.length) {
    throw new UsageError(
      `${spec.name} takes no file or word such as "${positionals[0]}"; options start with --, see ${RUN} ${spec.name} --help.`
    )
  }
  return {
    help,
    positionals,
    string: (name) => values.get(name)?.at(-1),
    list: (name) => values.get(name) ?? [],
    flag: (name) => flags.has(name)
  }
}

function unknownOption(spec: CommandSpec, raw: string): UsageError {
  const names = Object.keys(spec.options)
  const bare = raw.replace(/^-+/, '')
  const near = names.find((n) => distance(n, bare) <= 2 || n.startsWith(bare) || bare.startsWith(n))
  const hint = near ? ` (did you mean --${near}?)` : ''
  return new UsageError(`there is no option ${raw}${hint}; see ${RUN} ${spec.name} --help for the options.`)
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = here
    }
  }
  return row[b.length]!
}

/** The --help text, made from the same table the parser reads. */
export function helpText(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const short = o.short ? `-${o.short}, ` : ''
    const value = o.type === 'string' ? (o.optionalValue ? ` [${o.value}]` : ` ${o.value}`) : ''
    return [`${short}--${name}${value}`, o.help] as const
  })
  rows.push(['-h, --help', 'show this help'])
  const width = Math.min(26, Math.max(...rows.map(([left]) => left.length)) + 2)
  const lines = rows.map(([left, help]) => {
    const [first, ...rest] = help.split('\n')
    const head =
      left.length >= width ? `  ${left}\n  ${' '.repeat(width)}${first}` : `  ${left.padEnd(width)}${first}`
    return [head, ...rest.map((l) => `  ${' '.repeat(width)}${l}`)].join('\n')
  })
  return `Usage: ${RUN} ${spec.name} ${spec.usage}\n\n${spec.description}\n\nOptions:\n${lines.join('\n')}`
}

/** One HAR file as the only positional argument, for a command that reads it (`inspect`, `replay`). */
export function oneHarFile(command: string): NonNullable<CommandSpec['positionals']> {
  return {
    min: 1,
    max: 1,
    missing: `name the HAR file to ${command}; write ${RUN} ${command} FILE.har.`,
    tooMany: `give one HAR file at a time; write ${RUN} ${command} FILE.har.`
  }
}

/** Parses a command's arguments; with --help prints its help instead and returns undefined. */
export function argsOrHelp(spec: CommandSpec, argv: string[]): ParsedArgs | undefined {
  const args = parseCommand(spec, argv)
  if (!args.help) return args
  console.log(helpText(spec))
  return undefined
}
