// Line diff for the review-before-save, conflict and migration dialogs, on the `diff` package
// (jsdiff: Myers' O((N+M)·D) algorithm).
//
// Myers alone is quadratic when nearly everything differs (D ≈ N+M): 110 s on a 300 KB APIRule
// with every line changed (bench/README.md, "diff"). Three steps keep the dialog responsive:
//  - The common head and tail are matched first, in linear time (one edited line costs no Myers).
//  - Lines that occur only on one side can never be part of a common subsequence, so they are set
//    aside before Myers runs (GNU diff discards them the same way) and come back as removed/added
//    lines. The diff stays minimal, and "every line changed" leaves Myers nothing to do.
//  - Myers gets a time budget. Past it (lines shuffled rather than changed, e.g. rules reordered)
//    the diff is the common head and tail kept and everything between replaced: still a correct
//    diff, only not a minimal one, and `complete: false` lets the dialog say so.
import { diffArrays } from 'diff'

export type DiffKind = 'equal' | 'add' | 'remove'

export interface DiffLine {
  kind: DiffKind
  text: string
  /** 1-based line number in the old text (equal/remove). */
  oldLine?: number
  /** 1-based line number in the new text (equal/add). */
  newLine?: number
}

export interface LineDiff {
  lines: DiffLine[]
  /** false when Myers ran out of its budget and the changed middle is shown as one replacement. */
  complete: boolean
}

export interface DiffLimits {
  /** Wall-clock budget for Myers (jsdiff's `timeout`). */
  timeoutMs?: number
  /** Largest edit script Myers looks for (jsdiff's `maxEditLength`); deterministic, for tests. */
  maxEditLength?: number
}

/** Enough for the one-line and every-line cases on 300 KB (bench/diff.ts), short of a frozen tab. */
export const DEFAULT_DIFF_TIMEOUT_MS = 250

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

/** Pairs of indices (old, new) of lines kept unchanged, in increasing order of both. */
type Matches = Array<[number, number]>

/** Myers on a[from..toA) and b[from..toB); undefined when it ran out of its budget. */
function myersMatches(
  a: string[],
  b: string[],
  from: number,
  toA: number,
  toB: number,
  limits: DiffLimits,
): Matches | undefined {
  const midA = a.slice(from, toA)
  const midB = b.slice(from, toB)
  const inA = new Set(midA)
  const inB = new Set(midB)
  // Indices of the lines that also occur on the other side.
  const keptA: number[] = []
  const keptB: number[] = []
  midA.forEach((line, i) => inB.has(line) && keptA.push(from + i))
  midB.forEach((line, j) => inA.has(line) && keptB.push(from + j))
  if (keptA.length === 0 || keptB.length === 0) return []
  const changes = diffArrays(
    keptA.map((i) => a[i]!),
    keptB.map((j) => b[j]!),
    {
      timeout: limits.timeoutMs ?? DEFAULT_DIFF_TIMEOUT_MS,
      ...(limits.maxEditLength === undefined ? {} : { maxEditLength: limits.maxEditLength }),
    },
  )
  if (!changes) return undefined
  const matches: Matches = []
  let i = 0
  let j = 0
  for (const c of changes) {
    if (c.added) j += c.count
    else if (c.removed) i += c.count
    else for (let k = 0; k < c.count; k++) matches.push([keptA[i++]!, keptB[j++]!])
  }
  return matches
}

export function diffLines(oldText: string, newText: string, limits: DiffLimits = {}): LineDiff {
  const a = splitLines(oldText)
  const b = splitLines(newText)
  // The common head and tail are matched in linear time; Myers only sees the middle.
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const middle = myersMatches(a, b, head, a.length - tail, b.length - tail, limits)
  const lines: DiffLine[] = []
  for (let k = 0; k < head; k++)
    lines.push({ kind: 'equal', text: a[k]!, oldLine: k + 1, newLine: k + 1 })
  let i = head
  let j = head
  // Up to each kept line (and the tail): the old side's lines removed, then the new side's added.
  // Past the budget nothing in the middle is kept: all of it is replaced.
  const upTo = (mi: number, mj: number) => {
    for (; i < mi; i++) lines.push({ kind: 'remove', text: a[i]!, oldLine: i + 1 })
    for (; j < mj; j++) lines.push({ kind: 'add', text: b[j]!, newLine: j + 1 })
  }
  for (const [mi, mj] of middle ?? []) {
    upTo(mi, mj)
    lines.push({ kind: 'equal', text: a[i++]!, oldLine: mi + 1, newLine: ++j })
  }
  upTo(a.length - tail, b.length - tail)
  for (; i < a.length; i++) lines.push({ kind: 'equal', text: a[i]!, oldLine: i + 1, newLine: ++j })
  return { lines, complete: middle !== undefined }
}

export interface DiffHunk {
  lines: DiffLine[]
}

/** Groups changes with `context` unchanged lines around them; unchanged stretches are dropped. */
export function diffHunks(lines: DiffLine[], context = 3): DiffHunk[] {
  const keep = new Array<boolean>(lines.length).fill(false)
  lines.forEach((l, idx) => {
    if (l.kind === 'equal') return
    for (let k = Math.max(0, idx - context); k <= Math.min(lines.length - 1, idx + context); k++)
      keep[k] = true
  })
  const hunks: DiffHunk[] = []
  let cur: DiffLine[] | null = null
  lines.forEach((l, idx) => {
    if (keep[idx]) {
      cur ??= []
      cur.push(l)
    } else if (cur) {
      hunks.push({ lines: cur })
      cur = null
    }
  })
  if (cur) hunks.push({ lines: cur })
  return hunks
}

export function hasChanges(lines: DiffLine[]): boolean {
  return lines.some((l) => l.kind !== 'equal')
}
