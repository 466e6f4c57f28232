// The cookie names and values an exchange carried and set, for filtering: read once per exchange record
// with the shared header functions (records are replaced, never changed, so a WeakMap stays right).
import type { CapturedExchange } from '../../../shared/model'
import { headerValues, parseCookieHeader, setCookieLines, setCookiePair } from '../../../shared/http'

export interface ExchangeCookies {
  sent: { name: string; value: string }[]
  set: { name: string; value: string }[]
}

const cache = new WeakMap<CapturedExchange, ExchangeCookies>()

export function cookiesOf(x: CapturedExchange): ExchangeCookies {
  let found = cache.get(x)
  if (!found) {
    found = {
      sent: parseCookieHeader(headerValues(x.requestHeaders, 'cookie')),
      set: setCookieLines(x.responseHeaders).map(setCookiePair)
    }
    cache.set(x, found)
  }
  return found
}
