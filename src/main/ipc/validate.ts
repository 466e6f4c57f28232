import type { ReplayRequest } from '../../shared/api/contract'
import { checkReplayRequest } from '../../shared/api/replay-request'

// Small hand-written validators for IPC arguments. Anything unexpected is refused with a
// sentence naming the channel and what was wrong; nothing is coerced.

export class IpcArgumentError extends Error {
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

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

export interface SaveHarArgs {
  redact?: boolean
}

export const saveHarArgs: Validator<[SaveHarArgs]> = (channel, args) => {
  if (args.length > 1)
    throw new IpcArgumentError(channel, `takes one options object, got ${args.length} arguments.`)
  const opts = args[0] ?? {}
  if (!isPlainObject(opts))
    throw new IpcArgumentError(channel, 'the options must be an object like { redact: true }.')
  for (const key of Object.keys(opts)) {
    if (key !== 'redact') throw new IpcArgumentError(channel, `unknown option "${key.slice(0, 40)}".`)
  }
  if (opts.redact !== undefined && typeof opts.redact !== 'boolean') {
    throw new IpcArgumentError(channel, 'the option "redact" must be true or false.')
  }
  return [opts.redact === undefined ? {} : { redact: opts.redact }]
}

/** A TCP port for the proxy: a whole number from 0 (any free port) to 65535. */
export const portArgs: Validator<[number]> = (channel, args) => {
  if (args.length !== 1)
    throw new IpcArgumentError(channel, `takes one port number, got ${args.length} arguments.`)
  const port = args[0]
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new IpcArgumentError(channel, 'the port must be a whole number from 0 (any free port) to 65535.')
  }
  return [port]
}

/** A browser id from the list the main process handed out: short lowercase letters, never a path. */
export const browserIdArgs: Validator<[string]> = (channel, args) => {
  if (args.length !== 1)
    throw new IpcArgumentError(channel, `takes one browser id, got ${args.length} arguments.`)
  const id = args[0]
  if (typeof id !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(id)) {
    throw new IpcArgumentError(
      channel,
      'the browser must be one of the ids from the browser list, like "chromium".'
    )
  }
  return [id]
}

/** Replay options: which recording ({ source: "live" | "opened" }) and which jar ("fresh" | "recorded"). */
export const replayArgs: Validator<[ReplayRequest]> = (channel, args) => {
  if (args.length !== 1)
    throw new IpcArgumentError(channel, `takes one options object, got ${args.length} arguments.`)
  const checked = checkReplayRequest(args[0])
  if (typeof checked === 'string') throw new IpcArgumentError(channel, checked)
  return [checked]
}
