// The cookies an exchange carried and set, parsed once per exchange record: records are replaced,
// never changed, so a WeakMap keyed by the record stays right and lets long live captures re-derive
// threads and filters without re-parsing every header on every update.
import type { CapturedExchange } from '../../../shared/model'
import { parseCookieHeader, parseSetCookie, type CookiePair, type ParsedSetCookie } from './cookies'
import { headerValue, setCookieLines } from '../../../shared/http'

export interface ExchangeCookies {
  sent: CookiePair[]
  set: ParsedSetCookie[]
}

const cache = new WeakMap<CapturedExchange, ExchangeCookies>()

export function cookiesOf(x: CapturedExchange): ExchangeCookies {
  let found = cache.get(x)
  if (!found) {
    found = {
      sent: parseCookieHeader(headerValue(x.requestHeaders, 'cookie')),
      set: setCookieLines(x.responseHeaders)
        .map((raw) => parseSetCookie(raw))
        .filter((c) => c !== undefined)
    }
    cache.set(x, found)
  }
  return found
}
