// The web UI's file server (src/main/web/static.ts) serves only files inside its folder, compared
// by real path: a symlink inside the folder that points outside it is answered 404, as are
// encoded `..` paths; the page's own routes still get index.html. Real files, a real server.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApi, type ApiServer } from '../../src/main/web/server'
import { startEngine, type Engine } from '../../src/main/engine'
import { apiRequest } from '../helpers/serve'

const TOKEN = 'static-token-0123456789'
const SECRET = 'secret-outside-the-ui-folder'
let dir: string
let engine: Engine
let api: ApiServer
let base: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'roundtrip-static-'))
  const ui = join(dir, 'ui')
  mkdirSync(join(ui, 'assets'), { recursive: true })
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>ui</title>')
  writeFileSync(join(ui, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(dir, 'secret.txt'), SECRET)
  mkdirSync(join(dir, 'private'))
  writeFileSync(join(dir, 'private', 'key.js'), SECRET)
  symlinkSync(join(dir, 'secret.txt'), join(ui, 'link.txt'))
  symlinkSync(join(dir, 'private'), join(ui, 'assets', 'private'))
  symlinkSync(join(ui, 'assets', 'app.js'), join(ui, 'inside.js'))
  engine = await startEngine({ proxyPort: 0, samplePort: 0 })
  api = createApi({ engine, token: TOKEN, rendererDir: ui, version: 'test' })
  base = await api.listen(0, '127.0.0.1')
})

afterAll(async () => {
  await api.close()
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('static UI files', () => {
  it('serves files inside the folder, and index.html for the page routes', async () => {
    const js = await apiRequest(base, '/assets/app.js', { token: TOKEN })
    expect(js.status).toBe(200)
    expect(js.body).toBe('console.log(1)')
    const route = await apiRequest(base, '/sessions', { token: TOKEN })
    expect(route.status).toBe(200)
    expect(route.body).toContain('<title>ui</title>')
  })

  it('a symlink inside the folder that points to a file outside it is answered 404', async () => {
    const r = await apiRequest(base, '/link.txt', { token: TOKEN })
    expect(r.status).toBe(404)
    expect(r.body).not.toContain(SECRET)
    expect(r.body).toMatch(/outside the UI folder/)
  })

  it('a symlinked folder that points outside is answered 404 for the files under it', async () => {
    const r = await apiRequest(base, '/assets/private/key.js', { token: TOKEN })
    expect(r.status).toBe(404)
    expect(r.body).not.toContain(SECRET)
  })

  it('a symlink that stays inside the folder is served', async () => {
    const r = await apiRequest(base, '/inside.js', { token: TOKEN })
    expect(r.status).toBe(200)
    expect(r.body).toBe('console.log(1)')
  })

  it('encoded .. paths never reach outside', async () => {
    for (const path of ['/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await apiRequest(base, path, { token: TOKEN })
      expect(r.body, path).not.toContain(SECRET)
      expect([200, 404], path).toContain(r.status)
    }
  })
})
