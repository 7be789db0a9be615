// Three-way merge of field changes: what the user changed (base → mine) and what changed on the
// server meanwhile (base → theirs). Changes are compared by path; they conflict when one path is
// the other's ancestor (or equal) and the values differ.
import { deepEqual } from '../document/structural.ts'
import { isObj } from '../../api/json.ts'

export type Path = (string | number)[]

export interface Change {
  path: Path
  /** `undefined` = removed. */
  value: unknown
}

export interface Conflict {
  path: Path
  base: unknown
  mine: unknown
  theirs: unknown
}

/** The smallest set of path-level changes that turns `from` into `to`. */
export function changesBetween(from: unknown, to: unknown, path: Path = []): Change[] {
  if (deepEqual(from, to)) return []
  if (isObj(from) && isObj(to)) {
    const out: Change[] = []
    for (const k of new Set([...Object.keys(from), ...Object.keys(to)]))
      out.push(...changesBetween(from[k], to[k], [...path, k]))
    return out
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length) {
    return from.flatMap((v, i) => changesBetween(v, to[i], [...path, i]))
  }
  return [{ path, value: to }]
}

const overlaps = (a: Path, b: Path) => {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false
  return true
}

function getAt(v: unknown, path: Path): unknown {
  let cur = v
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[seg]
  }
  return cur
}

export interface MergeResult {
  /** Server changes that can be applied onto the user's document without touching their edits. */
  theirs: Change[]
  /** The user's own changes (for display). */
  mine: Change[]
  /** Overlapping changes; "re-apply my changes" keeps the user's value there. */
  conflicts: Conflict[]
}

export function threeWayMerge(base: unknown, mine: unknown, theirs: unknown): MergeResult {
  const my = changesBetween(base, mine)
  const their = changesBetween(base, theirs)
  const conflicts: Conflict[] = []
  const applicable: Change[] = []
  for (const t of their) {
    const clash = my.filter((m) => overlaps(m.path, t.path))
    if (clash.length === 0) {
      applicable.push(t)
      continue
    }
    // identical edits on both sides are not a conflict
    const longer = clash.every((m) => m.path.length >= t.path.length) ? t.path : undefined
    const same = longer
      ? deepEqual(getAt(mine, t.path), t.value)
      : clash.every((m) => deepEqual(getAt(theirs, m.path), m.value))
    if (!same) {
      const p = clash.reduce((acc, m) => (m.path.length < acc.length ? m.path : acc), t.path)
      if (!conflicts.some((c) => deepEqual(c.path, p)))
        conflicts.push({
          path: p,
          base: getAt(base, p),
          mine: getAt(mine, p),
          theirs: getAt(theirs, p),
        })
    }
  }
  return { theirs: applicable, mine: my, conflicts }
}

/** Applies changes to a plain value (returns a new value; for tests and previews). */
export function applyChangesToValue(value: unknown, changes: Change[]): unknown {
  const out = structuredClone(value) as unknown
  let root = out
  for (const c of changes) {
    if (c.path.length === 0) {
      root = structuredClone(c.value)
      continue
    }
    let cur = root as Record<string | number, unknown>
    for (const seg of c.path.slice(0, -1)) {
      if (cur[seg] === null || typeof cur[seg] !== 'object') cur[seg] = {}
      cur = cur[seg] as Record<string | number, unknown>
    }
    const last = c.path[c.path.length - 1]!
    if (c.value === undefined) {
      if (Array.isArray(cur) && typeof last === 'number') cur.splice(last, 1)
      else delete cur[last]
    } else cur[last] = structuredClone(c.value)
  }
  return root
}
