// The hand-written LCS line diff the editor's review and conflict dialogs used before jsdiff
// (web/editor/save/diff.ts until issue 21), kept only as the same-run reference of bench/diff.ts.
// Quadratic in time and memory in the changed region: do not use it elsewhere.
import type { DiffLine } from '../../web/editor/save/diff.ts'

function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

export function lcsDiffLines(oldText: string, newText: string): DiffLine[] {
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
