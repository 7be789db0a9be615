// Narrowing helpers for JSON whose shape is not guaranteed: objects read from the cluster (any
// version, possibly malformed) and documents the user is typing. They never throw.

export type Obj = Record<string, unknown>

/** A plain JSON object (not null, not an array). */
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The value if it is an array, else an empty one. */
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
