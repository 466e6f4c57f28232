// The HAR door's view of parsed JSON: an object (not a list, not null) with fields of any type.

export type Json = Record<string, unknown>

/** A JSON object: not null, not a list. */
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
