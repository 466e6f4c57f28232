// HTTP/2's error codes (RFC 9113 §7) and the sentences Roundtrip records for RST_STREAM, GOAWAY and
// broken sessions: what happened, who did it, and what it means for the requests in flight.

const CODES: Record<number, string> = {
  0x0: 'NO_ERROR',
  0x1: 'PROTOCOL_ERROR',
  0x2: 'INTERNAL_ERROR',
  0x3: 'FLOW_CONTROL_ERROR',
  0x4: 'SETTINGS_TIMEOUT',
  0x5: 'STREAM_CLOSED',
  0x6: 'FRAME_SIZE_ERROR',
  0x7: 'REFUSED_STREAM',
  0x8: 'CANCEL',
  0x9: 'COMPRESSION_ERROR',
  0xa: 'CONNECT_ERROR',
  0xb: 'ENHANCE_YOUR_CALM',
  0xc: 'INADEQUATE_SECURITY',
  0xd: 'HTTP_1_1_REQUIRED'
}

/** `CANCEL (8)`, or the bare number for a code RFC 9113 does not name. */
export function codeName(code: number): string {
  const name = CODES[code]
  return name ? `${name} (${code})` : `code ${code}`
}

export function clientReset(streamId: number, code: number): string {
  return `The client reset stream ${streamId} with RST_STREAM ${codeName(code)} before the response was complete; the rest of the connection carried on.`
}

export function originReset(target: string, code: number): string {
  return `${target} reset its HTTP/2 stream with RST_STREAM ${codeName(code)} before a complete response arrived.`
}

export function originSessionError(target: string, err: NodeJS.ErrnoException): string {
  return `${target} ended its HTTP/2 connection before a complete response arrived (${err.code}: ${err.message.slice(0, 200)}).`
}

export function goawaySentence(
  by: 'client' | 'origin',
  code: number,
  lastStreamId: number,
  target?: string
): string {
  const who = by === 'client' ? 'The client' : (target ?? 'The origin')
  const meaning =
    code === 0
      ? 'a polite close: no new streams, those up to the last one finish'
      : 'an error: the connection ends and streams after the last one were not processed'
  return `${who} sent GOAWAY ${codeName(code)}, last stream ${lastStreamId}: ${meaning}.`
}

/** A session that ended with an error: the client's bytes were not HTTP/2 as it had agreed, or it flooded us. */
export function sessionErrorSentence(err: NodeJS.ErrnoException | undefined): string {
  const detail = err ? `${err.code ?? 'error'}: ${err.message.slice(0, 200)}` : 'no detail'
  if (err && /magic|preface/i.test(err.message)) {
    return `The client agreed to HTTP/2 by ALPN but did not start with the HTTP/2 connection preface (${detail}); Roundtrip closed the connection.`
  }
  if (err && /flood/i.test(err.message)) {
    return `The client sent frames faster than any HTTP/2 peer needs (a frame flood: ${detail}); Roundtrip closed the connection to protect itself.`
  }
  return `The HTTP/2 connection failed (${detail}); Roundtrip closed it. Other connections are unaffected.`
}

export function tooLargeHeaders(size: number, limit: number): string {
  return `The client sent ${size} bytes of request headers on one stream, more than the ${limit} bytes the proxy accepts; the stream was answered 431 and the connection kept.`
}

export function floodSentence(frames: number, windowMs: number): string {
  return `The client sent more than ${frames - 1} PING frames within ${windowMs / 1000} s (a frame flood); Roundtrip sent GOAWAY ENHANCE_YOUR_CALM (11) and closed the connection to protect itself.`
}
