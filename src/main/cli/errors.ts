// One error style for every `roundtrip` command: one line, `roundtrip <command>: <what was wrong>;
// <what to type instead>.`, exit code 2, never a stack trace.
import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** A mistake the user can fix; the message is that sentence (what was wrong; what to do). */
export class CliError extends Error {
  override name = 'CliError'
}

/** A mistake in the command line itself. */
export class UsageError extends CliError {
  override name = 'UsageError'
}

/** Prints the sentence in the one style and gives the exit code. */
export function report(command: string, err: unknown): number {
  const message = err instanceof Error ? err.message : String(err)
  const sentence = /[.?!]$/.test(message) ? message : `${message}.`
  console.error(`roundtrip${command ? ` ${command}` : ''}: ${sentence}`)
  return 2
}

/** A file errno as a sentence: what is wrong with `path`, and what to type instead. */
export function fileProblem(path: string, err: unknown, what = 'a HAR file'): CliError {
  const code = (err as { code?: string }).code
  if (code === 'ENOENT') return new CliError(`there is no file at ${path}; check the path and try again.`)
  if (code === 'EISDIR') {
    return new CliError(`${path} is a folder, not ${what}; give the path of a file inside it.`)
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CliError(`${path} cannot be read (permission denied); give a file you can read.`)
  }
  const message = err instanceof Error ? err.message : String(err)
  return new CliError(`${path} could not be read (${message.replace(/\.$/, '')}); give a readable ${what}.`)
}

/** Checks before anything starts that `path` is a file that can be opened for reading. */
export async function checkReadableFile(path: string, what = 'a HAR file'): Promise<void> {
  const st = await stat(path)
    .catch((err: unknown) => {
      // A recording cut short leaves only FILE.journal: that is readable too.
      if ((err as { code?: string }).code === 'ENOENT') return stat(`${path}.journal`)
      throw err
    })
    .catch((err: unknown) => {
      throw fileProblem(path, err, what)
    })
  if (st.isDirectory()) throw fileProblem(path, Object.assign(new Error(''), { code: 'EISDIR' }), what)
}

/**
 * Checks before anything starts that a file can be written at `path`: not a folder, in a folder that
 * exists and can be written to. `flag` names the option in the sentence.
 */
export async function checkWritablePath(path: string, flag: string): Promise<void> {
  const st = await stat(path).catch(() => undefined)
  if (st?.isDirectory()) {
    throw new CliError(
      `${path} is a folder; give ${flag} a file name, e.g. ${flag} ${join(path, 'capture.har')}.`
    )
  }
  const dir = dirname(resolve(path))
  const dirStat = await stat(dir).catch(() => undefined)
  if (!dirStat) {
    throw new CliError(
      `the folder ${dir} does not exist; create it first, or give ${flag} a file in an existing folder.`
    )
  }
  if (!dirStat.isDirectory()) {
    throw new CliError(`${dir} is a file, not a folder; give ${flag} a file in an existing folder.`)
  }
  try {
    await access(dir, constants.W_OK)
    if (st) await access(path, constants.W_OK)
  } catch {
    throw new CliError(
      `${st ? path : dir} cannot be written to (permission denied); give ${flag} a file in a folder you can write to.`
    )
  }
}
