// The fast path of the editor engine for the most common edit: typing inside one plain scalar
// (a path, a host, an issuer). Instead of re-parsing or re-printing the whole document (≈ 0.5 s
// at 300 KB on a busy machine), the scalar node gets its new value, the text is spliced, and the
// ranges of the nodes after it move by the length difference, so the Document keeps describing
// the text. Anything unusual (quotes, tags, anchors, keys, several lines, flow indicators) takes
// the full path.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Scalar } from 'yaml'

type Path = (string | number)[]
type Range = [number, number, number]
/** Maps a node range as stored to the current text (ranges not yet shifted, see RangeShifts). */
export type RangeMap = (r: Range) => Range
const AS_STORED: RangeMap = (r) => r

export interface ScalarHit {
  node: Scalar
  path: Path
  /** Inside a flow collection (`[GET, POST]`), where `,[]{}` end a plain scalar. */
  inFlow: boolean
}

function rangeOf(node: unknown): Range | undefined {
  const r = (node as { range?: Range } | null)?.range
  return Array.isArray(r) ? r : undefined
}

/** A scalar node the fast path may change: plain, one line, no tag, no anchor, not empty. */
function plainScalar(node: unknown, text: string, map: RangeMap): node is Scalar {
  if (!isScalar(node) || node.type !== 'PLAIN' || node.tag || node.anchor) return false
  const stored = rangeOf(node)
  const r = stored && map(stored)
  if (!r || r[1] <= r[0]) return false
  return !text.slice(r[0], r[1]).includes('\n')
}

/** The value scalar (not a key) whose text contains [from, to], with its document path. */
export function scalarAt(
  doc: Document,
  text: string,
  from: number,
  to: number,
  map: RangeMap = AS_STORED,
) {
  let node: unknown = doc.contents
  const path: Path = []
  let inFlow = false
  const contains = (n: unknown) => {
    const stored = rangeOf(n)
    const r = stored && map(stored)
    return !!r && r[0] <= from && to <= r[1]
  }
  for (;;) {
    if (isScalar(node)) {
      if (!contains(node) || !plainScalar(node, text, map)) return undefined
      return { node, path, inFlow } satisfies ScalarHit
    }
    if (isMap(node) || isSeq(node)) inFlow ||= node.flow === true
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.value) || contains(p.key))
      if (!pair || contains(pair.key) || !isScalar(pair.key)) return undefined
      path.push(String(pair.key.value))
      node = pair.value
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item))
      if (index < 0) return undefined
      path.push(index)
      node = node.items[index]
    } else return undefined
  }
}

const FIRST = /^[A-Za-z0-9_./~$(+=]/
const BLOCK_PLAIN = /^[A-Za-z0-9_./~$()+=*{}@%!&:-]*$/
// not t/f/n/T/F/N: true, false, null and their capitalized forms
const STRING_START = /^[A-EG-MO-SU-Za-eg-mo-su-z_/$(]/
const FLOW_PLAIN = /^[A-Za-z0-9_./~$()+=*@%!&-]*$/

/**
 * The value a plain scalar text means, or undefined when the text is not safely a plain scalar in
 * its place (it would change the structure, need quotes, or read differently in context).
 */
export function plainValue(source: string, inFlow: boolean): unknown {
  if (!source || !FIRST.test(source)) return undefined
  if (!(inFlow ? FLOW_PLAIN : BLOCK_PLAIN).test(source)) return undefined
  if (source.includes(': ') || source.endsWith(':')) return undefined
  // Most typed values (paths, hosts, names) are plainly strings: no parse per keystroke. Under
  // the YAML 1.2 core schema only null, booleans and numbers read otherwise, and none of those
  // starts with one of these characters.
  if (STRING_START.test(source)) return source
  const doc = parseDocument(source)
  if (doc.errors.length || !isScalar(doc.contents) || doc.contents.type !== 'PLAIN')
    return undefined
  return doc.contents.value
}

/** A text edit's effect on positions: those after `at` move by `delta`. */
export type Shift = readonly [at: number, delta: number]

function shiftRange(r: Range, at: number, delta: number) {
  if (r[0] > at) r[0] += delta
  if (r[1] >= at) r[1] += delta
  if (r[2] >= at) r[2] += delta
}

/** `r` after `shifts` (in order): starts move when strictly after, ends from `at` on. */
export function shifted(r: Range, shifts: readonly Shift[]): Range {
  const out: Range = [r[0], r[1], r[2]]
  for (const [at, delta] of shifts) shiftRange(out, at, delta)
  return out
}

/**
 * Moves every node range by `shifts` (edits in order), in one walk. A hand-written walk rather
 * than yaml's `visit` (which allocates a frozen path per node: ≈ 40 ms at 300 KB); a subtree whose
 * end stays before every edit is skipped, as nothing in it moves.
 */
export function shiftRanges(doc: Document, shifts: readonly Shift[]) {
  const live = shifts.filter(([, delta]) => delta !== 0)
  if (!live.length) return
  const docRange = doc.range as Range | undefined
  if (docRange) for (const [at, delta] of live) shiftRange(docRange, at, delta)
  shiftNode(doc.contents, live)
}

/** True when some shift reaches position `end` (it stays put until one does). */
function reaches(end: number, shifts: readonly Shift[]): boolean {
  return shifts.some(([at]) => end >= at)
}

function shiftNode(node: unknown, shifts: readonly Shift[]): void {
  if (!node || typeof node !== 'object') return
  const r = rangeOf(node)
  if (r) {
    if (!reaches(r[2], shifts)) return
    for (const [at, delta] of shifts) shiftRange(r, at, delta)
  }
  if (!isMap(node) && !isSeq(node)) return
  for (const item of node.items as unknown[]) {
    if (isPair(item)) {
      shiftNode(item.key, shifts)
      shiftNode(item.value, shifts)
    } else shiftNode(item, shifts)
  }
}

/** The changed middle of two texts: [start, end in prev, end in next). */
export function changedSpan(prev: string, next: string): [number, number, number] {
  let start = 0
  const max = Math.min(prev.length, next.length)
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--
    endNext--
  }
  return [start, endPrev, endNext]
}

/** Sets the value at `path` in a plain JSON value, copying only the objects along the path. */
export function setAtPath(
  value: unknown,
  path: readonly (string | number)[],
  leaf: unknown,
): unknown {
  if (path.length === 0) return leaf
  const [head, ...rest] = path
  if (Array.isArray(value)) {
    const copy = value.slice()
    copy[head as number] = setAtPath(copy[head as number], rest, leaf)
    return copy
  }
  const obj = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>
  return { ...obj, [head as string]: setAtPath(obj[head as string], rest, leaf) }
}
