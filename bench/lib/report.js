// The benchmark output convention: rows of {metric, value, unit, goal, ok, note}, printed as a
// readable table and then as one final JSON line {"bench": name, "rows": [...]} that bench/run.js
// collects. `ok` is true/false against a goal, or null when the row is informational.

export function row(metric, value, unit = '', goal = '', ok = null, note = '') {
  const v = typeof value === 'number' ? round(value) : value
  return { metric, value: v, unit, goal, ok, ...(note ? { note } : {}) }
}

function round(n) {
  if (!Number.isFinite(n)) return n
  if (Math.abs(n) >= 100) return Math.round(n)
  return Math.round(n * 100) / 100
}

const WIDEST = { value: 40, note: 100 }

/** Rows as aligned text; a very long value or note is cut short (the JSON line keeps it whole). */
export function table(rows, withBench = false) {
  const cols = [...(withBench ? ['bench'] : []), 'metric', 'value', 'unit', 'goal', 'ok', 'note']
  const cut = (text, max = 100) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
  const full = (r, c) =>
    c === 'ok' ? (r.ok === null || r.ok === undefined ? '' : r.ok ? 'PASS' : 'MISS') : String(r[c] ?? '')
  const cell = (r, c) => cut(full(r, c), WIDEST[c])
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r, c).length)))
  const line = (vals) =>
    vals
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [
    line(cols),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r, c))))
  ].join('\n')
}

export function finish(bench, rows) {
  process.stdout.write(`${table(rows)}\n`)
  process.stdout.write(`${JSON.stringify({ bench, rows })}\n`)
}
