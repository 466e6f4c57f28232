// One schema per message of the contract (contract.ts), so both doors, Electron IPC (src/main/ipc) and
// the local web API (src/main/web/routes.ts), validate the same way and refuse the same input with the same
// error code. Nothing is coerced: a value is accepted as it is or refused with an ApiError.
import * as v from 'valibot'
import type { ReplayRequest, SaveHarOptions } from './contract'

/** A refusal both doors give: a stable code for programs, the sentence for people. */
export interface ApiError {
  code: 'invalid-argument'
  params: { operation: string; problem: string }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ApiError }

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** An object with exactly these keys; `what` names it in the sentences ("replay option"). */
function options<E extends v.ObjectEntries>(
  entries: E,
  what: string,
  example: string,
  notAnObject = `the ${what}s must be an object like ${example}.`
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, notAnObject),
    v.strictObject(
      entries,
      (issue) => `unknown ${what} "${String(issue.path?.at(-1)?.key ?? '').slice(0, 40)}".`
    )
  )
}

const PASSTHROUGH_HINT = 'Send {"host": "example.com"} (a host name, or a glob such as *.example.com).'

const jar = v.picklist(['fresh', 'recorded'], 'the option "jar" must be "fresh" or "recorded".')

const passthroughHost = v.pipe(
  v.string(PASSTHROUGH_HINT),
  v.regex(/^[A-Za-z0-9*?._:[\]-]{1,253}$/, PASSTHROUGH_HINT)
)

export const schemas = {
  /** A TCP port for the proxy: a whole number from 0 (any free port) to 65535. */
  port: v.pipe(
    v.number('the port must be a whole number from 0 (any free port) to 65535.'),
    v.integer('the port must be a whole number from 0 (any free port) to 65535.'),
    v.minValue(0, 'the port must be a whole number from 0 (any free port) to 65535.'),
    v.maxValue(65535, 'the port must be a whole number from 0 (any free port) to 65535.')
  ),
  /** A browser id from the list the main process handed out: short lowercase letters, never a path. */
  browserId: v.pipe(
    v.string('the browser must be one of the ids from the browser list, like "chromium".'),
    v.regex(
      /^[a-z][a-z0-9-]{0,31}$/,
      'the browser must be one of the ids from the browser list, like "chromium".'
    )
  ),
  /** An exchange id as the capture gives them (`e12`, a loaded file's `Le12`). */
  exchangeId: v.pipe(
    v.string('the exchange id must be one of the capture\'s ids, like "e12".'),
    v.regex(/^[\w.:-]{1,64}$/, 'the exchange id must be one of the capture\'s ids, like "e12".')
  ),
  saveHarOptions: options(
    {
      redact: v.optional(v.boolean('the option "redact" must be true or false.')),
      view: v.optional(
        v.picklist(['live', 'file', 'replay'], 'the option "view" must be "live", "file" or "replay".')
      ),
      name: v.optional(
        v.pipe(
          v.string('the option "name" must be a file name.'),
          v.maxLength(500, 'the option "name" must be a file name.')
        )
      ),
      har: v.optional(
        v.pipe(
          v.string('the option "har" must be the HAR text.'),
          v.maxLength(400 * 1024 * 1024, 'the HAR to save is larger than 400 MB.')
        )
      )
    },
    'option',
    '{ redact: true }'
  ),
  /** IPC: replay the live capture or the file main opened last. */
  replayRequest: options(
    {
      jar,
      source: v.picklist(['live', 'opened'], 'the option "source" must be "live" or "opened".')
    },
    'replay option',
    '{ "jar": "fresh", "source": "live" }'
  ),
  /** Web API: the page holds opened files, so it sends the HAR itself with `"source": "har"`. */
  webReplayRequest: options(
    {
      jar,
      source: v.picklist(['live', 'har'], 'the option "source" must be "live" or "har".'),
      har: v.optional(v.unknown())
    },
    'replay option',
    '{ "jar": "fresh", "source": "live" }',
    'Send a JSON object like {"jar": "fresh", "source": "live"}.'
  ),
  /** IPC: a host (or glob) whose HTTPS tunnels are passed through untouched. */
  passthroughHost: passthroughHost,
  /** Web API: the same host, as `{"host": …}`. */
  passthroughBody: options(
    {
      host: passthroughHost
    },
    'option',
    '{"host": "example.com"}',
    PASSTHROUGH_HINT
  ),
  proxyPortBody: options(
    {
      port: v.pipe(
        v.number('Send {"port": N} with N a whole number from 0 to 65535.'),
        v.integer('Send {"port": N} with N a whole number from 0 to 65535.'),
        v.minValue(0, 'Send {"port": N} with N a whole number from 0 to 65535.'),
        v.maxValue(65535, 'Send {"port": N} with N a whole number from 0 to 65535.')
      )
    },
    'option',
    '{"port": 8080}',
    'Send {"port": N} with N a whole number from 0 to 65535.'
  )
} as const

export type SchemaName = keyof typeof schemas

/** Checks one message against its schema; `operation` names the channel or route in the error. */
export function check<N extends SchemaName>(
  name: N,
  operation: string,
  value: unknown
): Checked<v.InferOutput<(typeof schemas)[N]>> {
  const result = v.safeParse(schemas[name], value)
  if (result.success) return { ok: true, value: result.output }
  return {
    ok: false,
    error: { code: 'invalid-argument', params: { operation, problem: result.issues[0].message } }
  }
}

// The contract's own types must be what the schemas produce, so neither can drift from the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _replay: Same<v.InferOutput<typeof schemas.replayRequest>, ReplayRequest> = true
const _save: Same<v.InferOutput<typeof schemas.saveHarOptions>, SaveHarOptions> = true
void _replay
void _save
