// Structural sharing for plain JSON values: after a reparse, every subtree that did not change
// keeps its previous object identity, so memoized views (one per rule) skip re-rendering.

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]))
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  if (ka.length !== kb.length) return false
  const bo = b as Record<string, unknown>
  return ka.every((k, i) => k === kb[i] && deepEqual((a as Record<string, unknown>)[k], bo[k]))
}

/** Returns `next`, with every deep-equal subtree replaced by the one from `prev`. */
export function structuralShare<T>(prev: unknown, next: T): T {
  if (prev === next) return next
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null)
    return next
  if (Array.isArray(prev) !== Array.isArray(next)) return next
  if (Array.isArray(next)) {
    const p = prev as unknown[]
    let same = p.length === next.length
    const out = next.map((v, i) => {
      const shared = structuralShare(p[i], v)
      if (shared !== p[i]) same = false
      return shared
    })
    return (same ? prev : out) as T
  }
  const p = prev as Record<string, unknown>
  const n = next as Record<string, unknown>
  const pk = Object.keys(p)
  const nk = Object.keys(n)
  let same = pk.length === nk.length && pk.every((k, i) => k === nk[i])
  const out: Record<string, unknown> = {}
  for (const k of nk) {
    const shared = structuralShare(p[k], n[k])
    if (shared !== p[k]) same = false
    out[k] = shared
  }
  return (same ? prev : out) as T
}

/** Reads a value at a path in a plain JSON value. */
export function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let cur = value
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}
