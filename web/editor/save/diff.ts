// A small line diff (LCS over the lines that differ, after trimming the common head and tail).
export type DiffKind = 'equal' | 'add' | 'remove'

export interface DiffLine {
  kind: DiffKind
  text: string
  /** 1-based line number in the old text (equal/remove). */
  oldLine?: number
  /** 1-based line number in the new text (equal/add). */
  newLine?: number
}

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function diffLines(oldText: string, newText: string): DiffLine[] {
  const a = splitLines(oldText)
  const b = splitLines(newText)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const am = a.slice(head, a.length - tail)
  const bm = b.slice(head, b.length - tail)
  const n = am.length
  const m = bm.length
  // lcs[i][j] = LCS length of am[i..] and bm[j..], in one flat array
  const lcs = new Uint32Array((n + 1) * (m + 1))
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        am[i] === bm[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0)
  const out: DiffLine[] = []
  let oldNo = 1
  let newNo = 1
  for (let k = 0; k < head; k++)
    out.push({ kind: 'equal', text: a[k]!, oldLine: oldNo++, newLine: newNo++ })
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && am[i] === bm[j]) {
      out.push({ kind: 'equal', text: am[i]!, oldLine: oldNo++, newLine: newNo++ })
      i++
      j++
    } else if (
      i < n &&
      (j === m || (lcs[(i + 1) * (m + 1) + j] ?? 0) >= (lcs[i * (m + 1) + j + 1] ?? 0))
    ) {
      out.push({ kind: 'remove', text: am[i]!, oldLine: oldNo++ })
      i++
    } else {
      out.push({ kind: 'add', text: bm[j]!, newLine: newNo++ })
      j++
    }
  }
  for (let k = a.length - tail; k < a.length; k++)
    out.push({ kind: 'equal', text: a[k]!, oldLine: oldNo++, newLine: newNo++ })
  return out
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
