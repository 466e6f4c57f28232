// IPC arguments, checked against the contract's schemas (src/shared/api/schemas.ts), the same ones the
// web API uses. Anything unexpected is refused with a sentence naming the channel and what was wrong,
// and with the ApiError code the web door gives for the same input; nothing is coerced.
import { check, type ApiError, type SchemaName } from '../../shared/api/schemas'
import type { ReplayRequest, SaveHarOptions } from '../../shared/api/contract'

export class IpcArgumentError extends Error {
  readonly code: ApiError['code'] = 'invalid-argument'
  constructor(channel: string, problem: string) {
    super(`${channel}: ${problem}`)
    this.name = 'IpcArgumentError'
  }
}

/** Turns the raw argument list into typed arguments, or throws an IpcArgumentError. */
export type Validator<A extends unknown[]> = (channel: string, args: unknown[]) => A

export const noArgs: Validator<[]> = (channel, args) => {
  if (args.length !== 0) throw new IpcArgumentError(channel, `takes no arguments, got ${args.length}.`)
  return []
}

function checked<T>(name: SchemaName, channel: string, value: unknown): T {
  const result = check(name, channel, value)
  if (!result.ok) throw new IpcArgumentError(channel, result.error.params.problem)
  return result.value as T
}

/** One argument checked by one schema; `noun` says what it should have been. */
function oneArg<T>(name: SchemaName, noun: string): Validator<[T]> {
  return (channel, args) => {
    if (args.length !== 1) {
      throw new IpcArgumentError(channel, `takes one ${noun}, got ${args.length} arguments.`)
    }
    return [checked<T>(name, channel, args[0])]
  }
}

/**
 * Save options (may be left out): `{ redact?, view?, name?, har? }`, every field the schema knows and
 * nothing else (an unknown field is refused by the schema; one left out stays out).
 */
export const saveHarArgs: Validator<[SaveHarOptions]> = (channel, args) => {
  if (args.length > 1)
    throw new IpcArgumentError(channel, `takes one options object, got ${args.length} arguments.`)
  const opts = checked<SaveHarOptions>('saveHarOptions', channel, args[0] ?? {})
  const kept: SaveHarOptions = {}
  if (opts.redact !== undefined) kept.redact = opts.redact
  if (opts.view !== undefined) kept.view = opts.view
  if (opts.name !== undefined) kept.name = opts.name
  if (opts.har !== undefined) kept.har = opts.har
  return [kept]
}

export const portArgs = oneArg<number>('port', 'port number')
export const browserIdArgs = oneArg<string>('browserId', 'browser id')
export const bodyIdArgs = oneArg<string>('exchangeId', 'exchange id')
export const passthroughArgs = oneArg<string>('passthroughHost', 'host name')
/** Replay options: which recording ({ source: "live" | "opened" }) and which jar ("fresh" | "recorded"). */
export const replayArgs = oneArg<ReplayRequest>('replayRequest', 'options object')
