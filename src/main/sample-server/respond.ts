// Writing responses: every page carries the same security headers, and reading a form body is
// bounded so a huge or endless upload cannot exhaust memory.
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * What the pages may load: only this site's own styles and images, and the tracker's pixel. No
 * script at all, so even a value that slipped past escaping could not run.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  // data: only for the empty icon, which spares every page a /favicon.ico request on the timeline.
  "img-src 'self' http://tracker.test https://tracker.test data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'"
].join('; ')

export function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('X-Frame-Options', 'DENY')
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin')
}

/**
 * Adds a Set-Cookie line, one header line per cookie (never joined with commas). A line queued
 * earlier for the same cookie name is replaced, so a response never says two things about one cookie.
 */
export function addCookie(res: ServerResponse, setCookie: string): void {
  const name = setCookie.slice(0, setCookie.indexOf('=') + 1)
  const existing = res.getHeader('Set-Cookie')
  const list = Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)]
  res.setHeader('Set-Cookie', [...list.filter((line) => !line.startsWith(name)), setCookie])
}

/**
 * Sends a page. Pages show who you are, so they are never stored by a cache (`no-store`): a
 * shared cache must not hand alice's account page to bob, and Back after logout must not show it.
 */
export function sendHtml(res: ServerResponse, status: number, page: string): void {
  securityHeaders(res)
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', 'text/html; charset=utf-8')
  res.setHeader('Content-Length', Buffer.byteLength(page))
  res.statusCode = status
  res.end(page)
}

export function sendBytes(res: ServerResponse, contentType: string, body: Buffer | string): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Content-Type', contentType)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.statusCode = 200
  res.end(body)
}

/** 303 See Other: after a form post the browser follows with a GET, so Reload does not post again. */
export function redirect(res: ServerResponse, location: string): void {
  securityHeaders(res)
  res.setHeader('Cache-Control', 'no-store')
  res.setHeader('Location', location)
  res.setHeader('Content-Length', 0)
  res.statusCode = 303
  res.end()
}

export class BodyTooLarge extends Error {}

/** Reads an application/x-www-form-urlencoded body of at most `limit` bytes. */
export async function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLarge(`The form was larger than ${limit} bytes.`)
    chunks.push(chunk)
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
}
