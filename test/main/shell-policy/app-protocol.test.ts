// The app:// protocol's answers, from real files in a temp folder: the page and its assets with
// the CSP header, the page's routes falling back to index.html, and nothing outside the folder
// (`..`, encoded `..`, a symlink pointing out), each refusal a sentence. No Electron involved.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_INDEX_URL, appProtocolResponse, isAppUrl } from '../../../src/main/shell-policy/app-protocol'
import { PAGE_CSP } from '../../../src/main/web/static'

const SECRET = 'secret-outside-the-renderer-folder'
let dir: string
let ui: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'roundtrip-app-protocol-'))
  ui = join(dir, 'renderer')
  mkdirSync(join(ui, 'assets'), { recursive: true })
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>')
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  symlinkSync(join(dir, 'secret.txt'), join(ui, 'link.txt'))
  symlinkSync(dir, join(ui, 'assets', 'up'))
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function get(url: string, method = 'GET') {
  const res = await appProtocolResponse(ui, url, method)
  return { status: res.status, body: await res.text(), headers: res.headers }
}

/** The connect-src directive of a policy, as its list of sources. */
function connectSources(policy: string): string[] {
  const directive = policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src '))
  return directive ? directive.split(/\s+/).slice(1) : []
}

describe('app:// answers', () => {
  it('serves the page and its files with the CSP header, the type and no-store on the page', async () => {
    const page = await get(APP_INDEX_URL)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>ui</title>')
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('cache-control')).toBe('no-store')
    expect(page.headers.get('content-security-policy')).toBe(PAGE_CSP)
    const js = await get('app://roundtrip/assets/app.js')
    expect(js.status).toBe(200)
    expect(js.body).toBe('console.log(1)')
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(js.headers.get('content-security-policy')).toBe(PAGE_CSP)
    expect((await get('app://roundtrip/')).body).toContain('<title>ui</title>')
    expect((await get('app://roundtrip/sessions?x=1#y')).body).toContain('<title>ui</title>')
  })

  it('limits connect-src to the page itself: no bare ws:, wss:, scheme or wildcard', () => {
    const sources = connectSources(PAGE_CSP)
    expect(sources).toEqual(["'self'"])
    const meta = readFileSync(resolve('src/renderer/index.html'), 'utf8')
    const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(meta)?.[1] ?? ''
    expect(metaPolicy, `index.html's meta CSP: ${metaPolicy}`).not.toBe('')
    expect(connectSources(metaPolicy)).toEqual(["'self'"])
    expect(PAGE_CSP).toMatch(/script-src 'self';/)
    expect(PAGE_CSP).toMatch(/frame-ancestors 'none'/)
  })

  it('answers 404 with a sentence for anything leading outside the folder', async () => {
    for (const url of [
      'app://roundtrip/link.txt',
      'app://roundtrip/assets/up/secret.txt',
      'app://roundtrip/assets/%2e%2e%2f%2e%2e%2fsecret.txt'
    ]) {
      const r = await get(url)
      expect(r.status, `${url} answered ${r.status}: ${r.body}`).toBe(404)
      expect(r.body).not.toContain(SECRET)
      expect(r.body).toMatch(/outside the UI folder/)
    }
    // The URL parser itself folds an encoded `..` segment: what is left is a page route inside.
    const folded = await get('app://roundtrip/%2e%2e/secret.txt')
    expect(folded.body).not.toContain(SECRET)
    expect(folded.body).toContain('<title>ui</title>')
  })

  it('answers only its own origin and GET/HEAD, and says why otherwise', async () => {
    const other = await get('app://evil/index.html')
    expect(other.status).toBe(404)
    expect(other.body).toMatch(/not Roundtrip's own page/)
    expect((await get('app://roundtrip:99/index.html')).status).toBe(404)
    const post = await get(APP_INDEX_URL, 'POST')
    expect(post.status).toBe(405)
    expect(post.body).toMatch(/only GET/)
    const head = await get(APP_INDEX_URL, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body).toBe('')
    const bad = await get('app://roundtrip/%E0%A4%A')
    expect(bad.status).toBe(400)
    expect(bad.body).toMatch(/percent-encoding/)
  })

  it('says the UI is not built when there is no folder or no index.html', async () => {
    const none = await appProtocolResponse(undefined, APP_INDEX_URL)
    expect(none.status).toBe(503)
    expect(await none.text()).toMatch(/npm run build/)
    const empty = mkdtempSync(join(tmpdir(), 'roundtrip-app-empty-'))
    try {
      const r = await appProtocolResponse(empty, 'app://roundtrip/timeline')
      expect(r.status).toBe(503)
      expect(await r.text()).toMatch(/no index\.html/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })

  it('knows its own origin exactly', () => {
    expect(isAppUrl('app://roundtrip/index.html')).toBe(true)
    expect(isAppUrl('APP://ROUNDTRIP/x')).toBe(true)
    for (const url of [
      'app://roundtrip.evil/',
      'app://u@roundtrip/',
      'file:///index.html',
      'http://roundtrip/',
      '',
      undefined
    ]) {
      expect(isAppUrl(url), String(url)).toBe(false)
    }
  })
})

describe('the built renderer on app://', () => {
  it('every script and stylesheet index.html names is served from out/renderer', async () => {
    const out = resolve('out/renderer')
    const html = readFileSync(join(out, 'index.html'), 'utf8')
    const refs = [...html.matchAll(/(?:src|href)="\.?\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!)
    expect(refs.length, `index.html named no scripts: ${html.slice(0, 400)}`).toBeGreaterThan(0)
    for (const ref of refs) {
      const res = await appProtocolResponse(out, `app://roundtrip/${ref}`)
      expect(res.status, `app://roundtrip/${ref}`).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/^text\/(javascript|css)/)
    }
  })
})
