// The sample site over real sockets: curl with a cookie jar and Node's keep-alive client.
import http from 'node:http'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  csrfOf,
  CurlJar,
  header,
  request,
  setCookie,
  startSample,
  type RunningSample
} from '../../helpers/sample-client'

let site: RunningSample
let jar: CurlJar
let agent: http.Agent

beforeEach(async () => {
  site = await startSample()
  jar = await CurlJar.create()
  agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
})

afterEach(async () => {
  agent.destroy()
  await site.close()
  await jar.remove()
})

function sidOf(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /^sid=([^;]*)/.exec(line)
    if (m) return m[1]
  }
  return undefined
}

/** Logs alice in with Node's client; returns the session cookie and the account page. */
async function loginAlice(): Promise<{ sid: string; account: string; preSid: string }> {
  const form = await request(`${site.url}/login`, { agent })
  const preSid = setCookie(form.headers, 'sid')!.value
  const post = await request(`${site.url}/login`, {
    agent,
    method: 'POST',
    cookie: `sid=${preSid}`,
    form: { csrf: csrfOf(form.body), username: 'alice', password: 'wonderland' }
  })
  expect(post.status).toBe(303)
  const sid = setCookie(post.headers, 'sid')!.value
  const account = await request(`${site.url}/account`, { agent, cookie: `sid=${sid}` })
  return { sid, account: account.body, preSid }
}

describe('login, account and logout with curl and a cookie jar', () => {
  it('rotates the id at login, greets the user, and rejects the old id after logout', async () => {
    const form = await jar.run(`${site.url}/login`)
    expect(form.status).toBe(200)
    expect(form.body).toMatch(/<input name="username"/)
    expect(form.body).toMatch(/<input\s+name="password"\s+type="password"/)
    const preSid = sidOf(header(form, 'set-cookie'))
    expect(preSid).toBeDefined()
    expect(site.server.sessions().map((s) => s.id)).toEqual([preSid])

    const login = await jar.run(`${site.url}/login`, [
      '--data-urlencode',
      `csrf=${csrfOf(form.body)}`,
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=wonderland'
    ])
    expect(login.status).toBe(303)
    expect(header(login, 'location')).toEqual(['/account'])
    const sidLine = header(login, 'set-cookie').find((l) => l.startsWith('sid='))!
    const sid = sidOf([sidLine])!
    expect(sid).not.toBe(preSid)
    expect(Buffer.from(sid, 'base64url').length * 8).toBeGreaterThanOrEqual(128)
    expect(sidLine).toMatch(/; Path=\/(;|$)/)
    expect(sidLine).toMatch(/; HttpOnly(;|$)/)
    expect(sidLine).toMatch(/; SameSite=Lax(;|$)/)
    // The jar (what curl will send back) holds the new id, marked HttpOnly.
    expect((await jar.jarLine('sid'))?.[6]).toBe(sid)
    expect(await import('node:fs/promises').then((fs) => fs.readFile(jar.jar, 'utf8'))).toMatch(/#HttpOnly_/)

    const sessions = site.server.sessions()
    expect(sessions.map((s) => s.id)).toEqual([sid])
    expect(sessions[0]?.user).toBe('alice')
    expect(site.events.map((e) => e.event.kind)).toEqual(['created', 'rotated'])
    expect(site.events[1]?.event).toMatchObject({ sessionId: sid, previousId: preSid, user: 'alice' })

    const account = await jar.run(`${site.url}/account`)
    expect(account.status).toBe(200)
    expect(account.body).toContain('Hello, <strong>alice</strong>!')
    expect(header(account, 'cache-control')).toEqual(['no-store'])

    const logout = await jar.run(`${site.url}/logout`, ['--data-urlencode', `csrf=${csrfOf(account.body)}`])
    expect(logout.status).toBe(303)
    expect(header(logout, 'location')).toEqual(['/'])
    expect(header(logout, 'set-cookie').find((l) => l.startsWith('sid='))).toMatch(/^sid=; .*Max-Age=0/)
    expect(site.server.sessions()).toEqual([])
    expect(site.events.at(-1)?.event).toMatchObject({ kind: 'destroyed', sessionId: sid, user: 'alice' })

    // Someone who kept a copy of the old id gets nowhere, and is told to drop the cookie.
    const replay = await jar.run(`${site.url}/account`, ['-b', `sid=${sid}`])
    expect(replay.status).toBe(303)
    expect(header(replay, 'location')).toEqual(['/login'])
    expect(header(replay, 'set-cookie').join()).toMatch(/^sid=; .*Max-Age=0/)
  })

  it('answers a wrong password with 401 and no logged-in session', async () => {
    const form = await jar.run(`${site.url}/login`)
    const wrong = await jar.run(`${site.url}/login`, [
      '--data-urlencode',
      `csrf=${csrfOf(form.body)}`,
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=rabbit'
    ])
    expect(wrong.status).toBe(401)
    expect(wrong.body).toContain('Wrong username or password.')
    expect(header(wrong, 'set-cookie').filter((l) => l.startsWith('sid='))).toEqual([])
    expect(site.server.sessions().every((s) => s.user === undefined)).toBe(true)
    expect((await jar.run(`${site.url}/account`)).status).toBe(303)
  })

  it('refuses a login form whose CSRF token does not match the session', async () => {
    await jar.run(`${site.url}/login`)
    const forged = await jar.run(`${site.url}/login`, [
      '--data-urlencode',
      'csrf=not-the-token',
      '--data-urlencode',
      'username=alice',
      '--data-urlencode',
      'password=wonderland'
    ])
    expect(forged.status).toBe(403)
    expect(forged.body).toContain('CSRF token')
    expect(site.server.sessions().every((s) => s.user === undefined)).toBe(true)
    // Without any pre-login session there is nothing to check the token against.
    const bare = await request(`${site.url}/login`, {
      method: 'POST',
      form: { csrf: 'x', username: 'alice', password: 'wonderland' }
    })
    expect(bare.status).toBe(403)
  })

  it('refuses a logout without the CSRF token and keeps the session', async () => {
    const { sid } = await loginAlice()
    const forged = await request(`${site.url}/logout`, { method: 'POST', cookie: `sid=${sid}`, form: {} })
    expect(forged.status).toBe(403)
    expect(site.server.sessions().map((s) => s.id)).toEqual([sid])
  })
})

describe('the session store, seen over HTTP', () => {
  it('counts visits on the server and shows them on /account', async () => {
    const { sid, account } = await loginAlice()
    expect(account).toMatch(/Pages seen in this session<\/dt>\s*<dd>1</)
    await request(`${site.url}/`, { agent, cookie: `sid=${sid}` })
    const again = await request(`${site.url}/account`, { agent, cookie: `sid=${sid}` })
    expect(again.body).toMatch(/Pages seen in this session<\/dt>\s*<dd>3</)
    expect(site.server.sessions()[0]?.data.visits).toBe(3)
  })

  it('ends an idle session after the idle timeout and clears the cookie', async () => {
    await site.close()
    site = await startSample({ idleMs: 10 * 60_000, maxMs: 60 * 60_000 })
    const { sid } = await loginAlice()
    site.clock.advance(9 * 60_000)
    expect((await request(`${site.url}/account`, { agent, cookie: `sid=${sid}` })).status).toBe(200)
    site.clock.advance(10 * 60_000)
    const late = await request(`${site.url}/account`, { agent, cookie: `sid=${sid}` })
    expect(late.status).toBe(303)
    expect(late.headers.location).toBe('/login')
    expect(setCookie(late.headers, 'sid')?.value).toBe('')
    expect(late.headers['set-cookie']?.join()).toMatch(/Max-Age=0/)
    expect(site.server.sessions()).toEqual([])
    const expired = site.events.at(-1)!
    expect(expired.event).toMatchObject({ kind: 'expired', sessionId: sid, reason: 'idle', user: 'alice' })
    expect(expired.remotePort).toBe(late.localPort)
  })

  it('ends a busy session at the absolute timeout', async () => {
    await site.close()
    site = await startSample({ idleMs: 10 * 60_000, maxMs: 30 * 60_000 })
    const { sid } = await loginAlice()
    for (let i = 0; i < 5; i++) {
      site.clock.advance(5 * 60_000)
      expect((await request(`${site.url}/account`, { agent, cookie: `sid=${sid}` })).status).toBe(200)
    }
    site.clock.advance(5 * 60_000)
    const home = await request(`${site.url}/`, { agent, cookie: `sid=${sid}` })
    expect(home.body).toContain('Hello, guest.')
    expect(site.events.at(-1)?.event).toMatchObject({ kind: 'expired', sessionId: sid, reason: 'absolute' })
  })

  it('never adopts a session id the browser made up', async () => {
    const made = await request(`${site.url}/login`, { cookie: 'sid=chosen-by-an-attacker' })
    const issued = setCookie(made.headers, 'sid')!.value
    expect(issued).not.toBe('chosen-by-an-attacker')
    expect(site.server.sessions().map((s) => s.id)).toEqual([issued])
  })
})

describe('personalization, tracking and the naive login', () => {
  it('/theme sets a cookie for a year and every page honours it', async () => {
    const set = await jar.run(`${site.url}/theme?name=dark`)
    expect(set.status).toBe(303)
    const line = header(set, 'set-cookie').find((l) => l.startsWith('theme='))!
    expect(line).toMatch(/^theme=dark; Path=\/; Max-Age=31536000; Expires=/)
    const expires = Number((await jar.jarLine('theme'))?.[4]) * 1000
    expect(expires - Date.now()).toBeGreaterThan(364 * 24 * 3600 * 1000)
    expect((await jar.run(`${site.url}/`)).body).toContain('<body class="theme-dark">')
    expect((await jar.run(`${site.url}/gallery`)).body).toContain('<body class="theme-dark">')
    expect((await jar.run(`${site.url}/theme?name=<b>`)).status).toBe(400)
  })

  it('the tracker (Host tracker.test) answers a 1x1 GIF and sets a long-lived uid', async () => {
    const pixel = await request(`${site.url}/pixel.gif`, { host: 'tracker.test' })
    expect(pixel.status).toBe(200)
    expect(pixel.headers['content-type']).toBe('image/gif')
    const gif = Buffer.from(pixel.body, 'latin1')
    expect(gif.subarray(0, 6).toString()).toBe('GIF89a')
    expect([gif.readUInt16LE(6), gif.readUInt16LE(8)]).toEqual([1, 1])
    const uid = setCookie(pixel.headers, 'uid')!
    expect(uid.value).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(uid.maxAge).toBe(365 * 24 * 3600)
    expect(uid.sameSite).toBe('none')
    expect(uid.secure).toBe(true)
    // A uid that comes back is kept.
    const again = await request(`${site.url}/pixel.gif`, { host: 'tracker.test', cookie: `uid=${uid.value}` })
    expect(setCookie(again.headers, 'uid')?.value).toBe(uid.value)
    // Every page embeds it, and the CSP allows exactly that image host.
    const home = await request(`${site.url}/`)
    expect(home.body).toContain('<img class="pixel" src="http://tracker.test/pixel.gif"')
    expect(home.headers['content-security-policy']).toContain("img-src 'self' http://tracker.test")
    const about = await request(`${site.url}/`, { host: 'tracker.test' })
    expect(about.body).toContain('Over plain HTTP a modern browser refuses it.')
  })

  it('the naive login puts the name in a plain cookie and escapes it on the page', async () => {
    const login = await jar.run(`${site.url}/naive/login`, ['-d', 'username=bob&password=builder'])
    expect(login.status).toBe(303)
    const line = header(login, 'set-cookie').find((l) => l.startsWith('user='))!
    expect(line).toBe('user=bob; Path=/')
    expect((await jar.run(`${site.url}/naive/login`)).body).toContain('says you are <strong>bob</strong>')

    // Editing the cookie is all it takes to be someone else, or to try to inject a script.
    const evil = '<script>alert(1)</script>'
    const forged = await request(`${site.url}/naive/login`, { cookie: `user=${encodeURIComponent(evil)}` })
    expect(forged.body).not.toContain('<script>')
    expect(forged.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    const raw = await request(`${site.url}/naive/login`, { cookie: `user=${evil}` })
    expect(raw.body).not.toContain('<script>')
    const wrong = await request(`${site.url}/naive/login`, {
      method: 'POST',
      form: { username: `"><script>alert(2)</script>`, password: 'x' }
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body).not.toContain('<script>')
    expect(wrong.body).toContain('Wrong password for &quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;.')
  })

  it('escapes the username echoed in the real login form', async () => {
    const form = await request(`${site.url}/login`)
    const sid = setCookie(form.headers, 'sid')!.value
    const wrong = await request(`${site.url}/login`, {
      method: 'POST',
      cookie: `sid=${sid}`,
      form: { csrf: csrfOf(form.body), username: '"><script>x()</script>', password: 'x' }
    })
    expect(wrong.status).toBe(401)
    expect(wrong.body).not.toContain('<script>')
    expect(wrong.body).toContain('value="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"')
  })
})
