#!/usr/bin/env node
// Runs @doyensec/electronegativity over src/ and fails on any HIGH or MEDIUM finding that has not
// been reviewed. The tool exits 0 even when it finds something, so we read its CSV output.
// Reviewed findings live in scripts/electronegativity-reviewed.json: each names the check, the
// file (relative to src/), a piece of the flagged code, and why it is safe. A reviewed finding
// whose code changes no longer matches and fails again, so it gets looked at again.
//
// Usage: node scripts/electronegativity.mjs   (needs the npm registry the first time: npx fetches
// the pinned tool; ~35 s here including the fetch). Exit 0 clean, 1 findings, 2 the tool failed.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const TOOL = '@doyensec/electronegativity@1.10.3'
const FAILING = new Set(['HIGH', 'MEDIUM'])

/** The Electron version the app builds with, so the tool applies that version's defaults. */
function electronVersion() {
  const installed = join(ROOT, 'node_modules', 'electron', 'package.json')
  if (existsSync(installed)) return JSON.parse(readFileSync(installed, 'utf8')).version
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  return String(pkg.devDependencies?.electron ?? '').replace(/^[~^]/, '')
}

/** A small CSV reader: quoted fields with commas and doubled quotes, one record per line. */
export function parseCsv(text) {
  const rows = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue
    const cells = []
    let cell = ''
    let quoted = false
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"'
          i++
        } else if (ch === '"') quoted = false
        else cell += ch
      } else if (ch === '"') quoted = true
      else if (ch === ',') {
        cells.push(cell.trim())
        cell = ''
      } else cell += ch
    }
    cells.push(cell.trim())
    rows.push(cells)
  }
  const [header, ...body] = rows
  return body.map((cells) => Object.fromEntries(header.map((h, i) => [h.trim(), cells[i] ?? ''])))
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'electronegativity-'))
  const out = join(dir, 'findings.csv')
  const version = electronVersion()
  const t0 = Date.now()
  try {
    execFileSync('npx', ['--yes', TOOL, '-i', join(ROOT, 'src'), '-r', '-e', version, '-o', out], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe']
    })
  } catch (err) {
    console.error(
      `electronegativity: the tool could not run (${err.message.split('\n')[0]}). Is the npm registry reachable?`
    )
    return 2
  }
  if (!existsSync(out)) {
    console.error('electronegativity: the tool wrote no CSV file; nothing was checked.')
    return 2
  }
  const findings = parseCsv(readFileSync(out, 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  const reviewed = JSON.parse(readFileSync(join(ROOT, 'scripts', 'electronegativity-reviewed.json'), 'utf8'))
  const used = new Set()
  let failing = 0
  for (const f of findings) {
    const severity = f.severity.toUpperCase()
    const match = reviewed.find(
      (r) => r.check === f.issue && r.file === f.filename && f.sample.includes(r.sample)
    )
    if (match) used.add(match)
    const verdict = !FAILING.has(severity) ? 'info' : match ? 'reviewed' : 'FAIL'
    if (verdict === 'FAIL') failing++
    console.log(
      `${verdict.padEnd(8)} ${severity.padEnd(7)} ${f.issue} ${f.filename}:${f.location}  ${f.sample.slice(0, 90)}`
    )
    if (verdict === 'reviewed') console.log(`         why it is safe: ${match.reason}`)
    if (verdict === 'FAIL') console.log(`         ${f.description} (${f.url})`)
  }
  for (const r of reviewed.filter((r) => !used.has(r))) {
    console.log(`note     a reviewed entry matched nothing (remove it?): ${r.check} ${r.file} "${r.sample}"`)
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(1)
  console.log(
    `electronegativity ${TOOL.split('@').pop()} (Electron ${version}): ${findings.length} findings, ${failing} failing, ${seconds} s`
  )
  return failing ? 1 : 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main()
