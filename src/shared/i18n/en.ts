// English words for every analysis code. The keys are the codes; ko.ts must have the same keys (a test and
// the type both check). Sentences read the parameters the analysis gave, never the capture itself.
import { enDate as date, enDuration as dur, sameSiteName as ss, sessionSigns } from './format'
import { has, list, num, nums, short, str, sub, type Words } from './format'

const origin = (entry: unknown): string =>
  entry === null || entry === undefined ? 'carried by an earlier request' : `set by entry ${String(entry)}`

export const en = {
  // One Set-Cookie line, attribute by attribute.
  'setCookie.unreadable':
    'No cookie could be read from this line: it needs a name=value pair before the first ";".',
  'attr.maxAge.delete': (p) => `Max-Age=${str(p.value)}: deletes the cookie now.`,
  'attr.maxAge': (p) =>
    `expires in ${dur(num(p.ms))}${has(p.at) ? `, on ${date(num(p.at))}` : ''} (Max-Age=${str(p.value)} seconds).`,
  'attr.expires.ignored': 'Expires is ignored because Max-Age is also given.',
  'attr.expires.unreadable': (p) =>
    `Expires "${str(p.value)}" is not a date browsers can read, so it is ignored.`,
  'attr.expires.past': (p) => `Expires is in the past (${date(num(p.at))}): deletes the cookie now.`,
  'attr.expires': (p) => `expires ${has(p.in) ? `in ${dur(num(p.in))}, ` : ''}on ${date(num(p.at))}.`,
  'attr.session': 'no Expires or Max-Age: a session cookie, kept until the browser is closed.',
  'attr.domain': (p) => `Domain=${str(p.domain)}: sent to ${str(p.domain)} and all its subdomains.`,
  'attr.hostOnly': 'no Domain: sent only to the exact host that set it (host-only).',
  'attr.path': (p) => `Path=${str(p.path)}: sent only for URLs under ${str(p.path)}.`,
  'attr.pathDefault': 'no Path: defaults to the directory of the URL that set it.',
  'attr.secure': 'Secure: sent only over https, never plain http.',
  'attr.httpOnly': 'HttpOnly: page scripts cannot read it.',
  'attr.notHttpOnly': 'not HttpOnly: page scripts (document.cookie) can read and change it.',
  'attr.sameSite.strict': 'SameSite=Strict: never sent with requests started by another site.',
  'attr.sameSite.lax':
    'SameSite=Lax: sent with requests from another site only for top-level navigations (following a link).',
  'attr.sameSite.none': (p) =>
    has(p.secure)
      ? 'SameSite=None: sent with cross-site requests too (needs Secure, which it has).'
      : 'SameSite=None without Secure: browsers reject the cookie.',
  'attr.sameSite.unknown': (p) =>
    `SameSite=${str(p.value)} is not a value browsers know; treated as if SameSite were absent.`,
  'attr.sameSite.absent':
    'no SameSite: Chrome and Edge treat it as Lax; Firefox and Safari send it with cross-site requests.',
  'attr.partitioned':
    'Partitioned: kept in a separate jar per top-level site (CHIPS), so it cannot follow you across sites.',
  'attr.prefix.host':
    '__Host- prefix: only accepted with Secure, Path=/ and no Domain, so only this exact host can set it.',
  'attr.prefix.secure': '__Secure- prefix: only accepted with Secure, from an https page.',
  'attr.unknown': (p) => `"${str(p.name)}" is not an attribute browsers know; ignored.`,

  // Why the jar refused a Set-Cookie line.
  'reject.noHost': "this entry's URL has no http(s) host, so a browser stores no cookie from it.",
  'reject.sameSiteNoneInsecure':
    'SameSite=None without Secure was rejected: browsers require Secure for cross-site cookies.',
  'reject.partitionedInsecure': 'Partitioned without Secure was rejected.',
  'reject.publicSuffix': (p) =>
    `Domain=${str(p.domain)} is a public suffix (like .com), which no single site may set cookies for.`,
  'reject.foreignDomain': (p) =>
    `Domain=${str(p.domain)} does not cover ${str(p.host)}, the host that sent it, so the browser ignores it.`,
  'reject.secureOverHttp':
    'set with Secure, but this response came over plain http, so the browser ignores it.',
  'reject.securePrefix': 'a __Secure- name needs the Secure attribute, which is missing.',
  'reject.hostPrefix':
    'a __Host- name needs Secure, Path=/ and no Domain; this line breaks at least one of those.',
  'reject.sameSiteCrossOrigin': (p) =>
    `SameSite=${ss(p.sameSite)} cookies set by a request from another site are ignored.`,
  'reject.httpOnly': 'an HttpOnly cookie cannot be replaced from a script.',
  'reject.other': (p) => `the browser would ignore it (${str(p.message)}).`,
  'reject.ignored': 'the browser would ignore it.',

  // Why a cookie was sent that the jar did not expect.
  'unexpected.path': (p) => `path ${str(p.path)} does not match ${str(p.requestPath)}.`,
  'unexpected.secure': 'set with Secure, but this request is plain http.',
  'unexpected.sameSite': (p) =>
    `set with SameSite=${ss(p.sameSite)}, and this request came from another site.`,
  'unexpected.hostOnly': (p) =>
    `set for the host ${str(p.domain)} only (no Domain attribute), so ${str(p.host)} does not get it.`,
  'unexpected.domain': (p) => `domain ${str(p.domain)} does not match ${str(p.host)}.`,
  'unexpected.cleared': (p) =>
    `deleted by the response of entry ${str(p.entry)} (Max-Age<=0 or an Expires in the past).`,
  'unexpected.expired': (p) => `expired ${dur(num(p.ago))} earlier, at ${date(num(p.at))}.`,
  'unexpected.rejected': (p, say) =>
    `its Set-Cookie in entry ${str(p.entry)} was rejected: ${say(sub(p.reason))}`,
  'unexpected.unknown':
    'no response in this capture set it for this URL, so a browser starting from this capture would not have it.',

  // Why a cookie the jar held was not sent, or was sent with another value.
  'race.withheld': (p) =>
    `the response of entry ${str(p.entry)} set it only ${num(p.ms)} ms before this request arrived, while that response was still arriving: the browser most likely built this request without it before it had processed that response (requests run in parallel).`,
  'race.value': (p) =>
    `the response of entry ${str(p.entry)} set it only ${num(p.ms)} ms before this request arrived, while that response was still arriving: the browser most likely built this request with the old value "${short(p.old)}" before it had processed that response (requests run in parallel).`,
  'value.changed': (p) =>
    `sent "${short(p.sent)}", but the jar held "${short(p.held)}" (${has(p.entry) ? `set by entry ${str(p.entry)}` : 'seen in an earlier request'}): a page script may have changed it (document.cookie writes are not in a HAR), or a response that set it is missing from the capture.`,
  'withheld.sameSiteUnknown': (p) =>
    `the jar held it (${origin(p.entry)}) with SameSite=${ss(p.sameSite)}; if this request came from another site (the capture does not say), a browser withholds it.`,
  'withheld.credentials': (p) =>
    `the jar held it (${origin(p.entry)}) and it matches this URL, but the request did not carry it: the request may have been sent without credentials (fetch with credentials "omit"), or browser settings blocked the cookie.`,
  'withheld.otherClient': (p) =>
    `the jar held it (${origin(p.entry)}), but this request carried none of the cookies held for it and came from another client (its User-Agent differs): that client has a jar of its own.`,
  'withheld.clearedJar': (p) =>
    `the jar held it (${origin(p.entry)}), but this request carried none of the cookies held for it, long after the response that set them had arrived: the browser's cookies were most likely cleared (or the request was sent without credentials).`,

  // A Cookie header sent in pieces (HTTP/2).
  'request.cookieSplit': (p) =>
    `this request sent its Cookie header as ${has(p.fields) ? `${num(p.fields)} separate cookie fields` : 'several separate cookie fields'}, which HTTP/2 allows (RFC 9113 §8.2.3) so that each cookie compresses on its own; a server reads them as one Cookie header joined with "; ", and so does this analysis.`,

  // What a cookie is for.
  'purpose.sessionName': (p) => `"${str(p.name)}" is a common name for a session-ID cookie.`,
  'purpose.trackingName': (p) =>
    `"${str(p.name)}" is a name analytics and advertising scripts use to recognise a visitor.`,
  'purpose.preferenceName': (p) => `"${str(p.name)}" names a setting the visitor chose, not an identity.`,
  'purpose.longRandom': (p) =>
    `a random identifier kept for ${dur(num(p.lifetime))}: it recognises the same browser across visits, as visitor ids do; session IDs are short-lived.`,
  'purpose.sessionBehaviour': (p, say) =>
    `a random value issued by the server and ${sessionSigns(p).map(say).join(', ')}: how session IDs behave.`,
  // The signs of a session ID, listed in that sentence.
  'sign.rotated': 'replaced at login',
  'sign.cleared': 'cleared at logout',
  'sign.httpOnly': 'HttpOnly',
  'sign.sessionOnly': 'kept only for the browser session',
  'sign.lives': (p) => `lives ${dur(num(p.ms))}`,
  'sign.echoed': 'sent back with later requests',
  'purpose.readable': (p) => `its value ("${str(p.value)}") is a readable setting, not an identifier.`,
  'purpose.otherRandom':
    'a random value, but without the signs of a session ID (rotation at login, clearing at logout, HttpOnly and short life) or a long-lived visitor id.',
  'purpose.other': 'neither its name nor its behaviour marks it as a session ID, a preference or a tracker.',

  // Personal data in a cookie's value.
  'personal.email': (p) =>
    `the value of "${str(p.name)}" contains an email address; anyone who can read the cookie sees it.`,
  'personal.base64Email': (p) => `the value of "${str(p.name)}" is base64 that decodes to an email address.`,
  'personal.plain': (p) =>
    `"${str(p.name)}" holds what looks like personal data in plain text ("${str(p.value)}").`,

  // A session ID's round trip.
  'session.story': (p, say) => {
    const sent = nums(p.sent)
    const issued = has(p.issuedBy)
      ? `issued by entry ${str(p.issuedBy)}`
      : 'first seen in a request (issued before the capture)'
    const back = sent.length
      ? `sent back in ${sent.length} request${sent.length === 1 ? '' : 's'} (${sent.join(', ')})`
      : 'never sent back'
    return `${issued}, ${back}, ${say(sub(p.ending))}.`
  },
  'ending.alive': 'still alive at the end of the capture',
  'ending.replaced': (p) => `replaced by entry ${str(p.entry)}${has(p.atLogin) ? ' at login (rotated)' : ''}`,
  'ending.cleared': (p) => `cleared by entry ${str(p.entry)}${has(p.atLogout) ? ' at logout' : ''}`,
  'ending.serverExpired': (p) =>
    `refused by the server at entry ${str(p.entry)} (${has(p.reason) ? `its ${p.reason === 'idle' ? 'idle' : 'absolute'} timeout had run out` : 'its session had timed out there'}) and deleted`,
  'ending.browserExpired': (p) =>
    `expired at ${str(p.at)}, before entry ${str(p.entry)} would have carried it`,

  // Warnings.
  'warn.personal': (p, say) => `Personal data in a cookie: ${say(sub(p.detail))}`,
  'warn.sessionNotHttpOnly': (p) =>
    `The session cookie "${str(p.cookie)}" (${str(p.domain)}) is not HttpOnly: a script injected into the page could read it and take over the session.`,
  'warn.notRotated': (p) =>
    `The session ID "${str(p.cookie)}" carried into the login at entry ${str(p.entry)} was not replaced by its response: keeping the same ID across a login lets anyone who planted it (session fixation) use the logged-in session.`,
  'warn.withheld': (p, say) =>
    nums(p.entries).length === 1
      ? `Entry ${list(p.entries)} did not carry "${str(p.cookie)}": ${say(sub(p.reason))}`
      : `${nums(p.entries).length} requests (entries ${list(p.entries)}) did not carry "${str(p.cookie)}"; the first time: ${say(sub(p.reason))}`,
  'warn.rejected': (p, say) =>
    `Entry ${str(p.entry)}'s Set-Cookie for "${str(p.cookie) || '(no name)'}" was rejected: ${say(sub(p.reason))}`,

  // Which connection carried what, and how the file says so.
  'conn.empty': 'The file has no entries.',
  'conn.recorded.roundtrip':
    'Connection ids recorded by Roundtrip’s proxy (client connections, with the upstream connections that mirrored them).',
  'conn.recorded.tool': (p) =>
    `Connection ids recorded by the tool that wrote the file (${num(p.n)} connection${num(p.n) === 1 ? '' : 's'}).`,
  'conn.inferred': (p) =>
    `No connection ids in the file; inferred from timings.connect (a time means a new connection, -1 a reused one): ${num(p.n)} connection${num(p.n) === 1 ? '' : 's'}.`,
  'conn.none': (p, say) =>
    `No connection information: ${p.field === 'port' ? 'the file\'s "connection" field holds the server port, not a connection id' : 'the file records no connection ids'}, and ${say(sub(p.why))}.`,
  'connwhy.noTiming': (p) =>
    `entry ${str(p.entry)} has no connect timing, so which connection carried it is unknown`,
  'connwhy.firefoxZero': (p) =>
    `entry ${str(p.entry)} has connect 0, which Firefox writes for new and reused connections alike`,
  'connwhy.unopened': (p) =>
    `entry ${str(p.entry)} reused a connection (connect -1) that the file does not show being opened`,
  'connwhy.ambiguous': (p) =>
    `entry ${str(p.entry)} reused one of ${num(p.count)} open connections to ${str(p.origin)}, and the file does not say which`,
  'conn.label.recorded': 'connections as recorded',
  'conn.label.inferred': 'connections inferred from timings',
  'conn.label.none': 'this file does not say which connection carried what',
  'conn.unknown': 'connection unknown',

  // Why replay skipped a request.
  'replay.skip.badUrl': 'the URL cannot be read',
  'replay.skip.scheme': (p) =>
    `${str(p.scheme)} is not replayed: Roundtrip re-sends plain http:// requests only, as its proxy never looks inside TLS`,
  'replay.skip.otherHost': (p) => `another host than ${str(p.host)}`
} satisfies Record<string, Words>

export type Code = keyof typeof en
