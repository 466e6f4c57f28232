// HAR times as epoch ms. HAR 1.2 wants `startedDateTime` with its zone, but tools write it without one now
// and then; JavaScript would read such a time in the viewer's own zone, so the same file would give other
// times in Seoul than in London. A time without a zone is read as UTC.

const ISO_NO_ZONE = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?$/
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/

/** Epoch ms of a HAR date-time (NaN when it is not one). Without a zone it is UTC. */
export function harTime(text: unknown): number {
  if (typeof text !== 'string') return NaN
  const t = text.trim()
  if (ISO_NO_ZONE.test(t)) return Date.parse(`${t.replace(' ', 'T')}Z`)
  if (DATE_ONLY.test(t)) return Date.parse(`${t}T00:00:00Z`)
  const ms = Date.parse(t)
  // Other shapes ("Tue, 15 Jan 2026 12:00:00" without GMT) would be read in local time too.
  if (Number.isFinite(ms) && !/(Z|GMT|UTC|[+-]\d\d:?\d\d)\s*$/i.test(t) && /\d\d:\d\d/.test(t)) {
    const utc = Date.parse(`${t} GMT`)
    if (Number.isFinite(utc)) return utc
  }
  return ms
}
