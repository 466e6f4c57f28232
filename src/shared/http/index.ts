// HTTP pieces every part of Roundtrip needs, one copy each: header look-ups over ordered pairs, Set-Cookie
// splitting, the Cookie header, base64, URL parts. Pure: no node, electron or react imports.
export * from './headers'
export * from './set-cookie'
export * from './cookie-header'
export * from './base64'
export * from './url'
export * from './hop-by-hop'
