// The diff benchmark's inputs and rows, without timing anything.
import { describe, expect, it } from 'vitest'
import { diffCases, diffMetrics, runDiffBench } from './diff.ts'

describe('diff benchmark', { timeout: 30_000 }, () => {
  it('builds a 300 KB APIRule and the three edits', () => {
    const { text, cases } = diffCases()
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(300 * 1024)
    expect(Buffer.byteLength(text)).toBeLessThan(310 * 1024)
    const lines = text.split('\n')
    const differing = (next: string) => next.split('\n').filter((l, i) => l !== lines[i]).length
    const [one, every, reordered] = cases
    expect(differing(one!.next)).toBe(1)
    expect(differing(every!.next)).toBe(lines.length - 1) // all but the empty last line
    expect(reordered!.next).not.toBe(text)
    expect(cases.map((c) => c.target)).toEqual([100, 1000, 1000])
  })

  it('reports each case for jsdiff and the old LCS, with the targets of issue 21', () => {
    const r = runDiffBench({ runs: 1, referenceRuns: 0 })
    expect(r.cases.map((c) => [c.id, c.jsdiff.changedLines])).toEqual([
      ['one-line', 2],
      ['every-line', 2 * r.cases[1]!.lines],
      ['reordered', expect.any(Number)],
    ])
    const rows = diffMetrics(r)
    expect(rows).toHaveLength(6)
    expect(rows[0]).toMatchObject({ unit: 'ms', target: { op: '<=', value: 100 } })
    expect(rows[0]!.name).toMatch(/one changed line: jsdiff p50$/)
    expect(rows[3]!.name).toMatch(/every line changed: old LCS \(reference\) p50$/)
  })
})
