// The review-before-save diff (what DiffView computes: web/editor/save/diff.ts's diffLines and
// diffHunks) on a 300 KB APIRule, in Node, against the hand-written LCS diff it replaced
// (bench/lib/lcs-diff.ts) as the same-run reference. Three edits:
//  - one changed line (a rule's path);
//  - every line changed (a comment appended to each line);
//  - rules reordered (reversed): lines shuffled rather than changed, where Myers runs out of its
//    budget and the diff falls back to replacing the middle. Not in issue 21's targets; it shows
//    that the fallback bounds the time.
// Runs alternate the arms. The reference is slow and big (a Uint32 table of changed lines²: ~600 MB
// for every line changed), so it runs fewer times on the large cases.
import { Document } from 'yaml'
import { diffHunks, diffLines, type DiffLine } from '../web/editor/save/diff.ts'
import { manyRulesApiRule } from './lib/fixtures.ts'
import { lcsDiffLines } from './lib/lcs-diff.ts'
import { type Metric, metric } from './lib/report.ts'
import { type Summary, round, roundSummary, summarize } from './lib/stats.ts'

const TARGET_BYTES = 300 * 1024

/** The APIRule with as many rules as it takes to reach 300 KB of YAML (~1,160), or `targetBytes`. */
export function bigApiRule(targetBytes = TARGET_BYTES) {
  const yamlOf = (rules: number) => {
    const obj = manyRulesApiRule('bench', 'big', rules)
    return { obj, text: new Document(obj).toString({ lineWidth: 0 }), rules }
  }
  // Start from an estimate (rules grow the YAML linearly), then add rules until it is reached.
  const per100 = Buffer.byteLength(yamlOf(100).text)
  for (let rules = Math.floor((targetBytes / per100) * 100) - 20; ; rules += 10) {
    const big = yamlOf(rules)
    if (Buffer.byteLength(big.text) >= targetBytes) return big
  }
}

export function diffCases() {
  const { obj, text, rules } = bigApiRule()
  const middle = Math.floor(rules / 2)
  const oneLine = text.replace(`path: /r${middle}\n`, `path: /r${middle}x\n`)
  if (oneLine === text) throw new Error(`rule ${middle}'s path not found in the YAML`)
  const everyLine = text
    .split('\n')
    .map((l) => (l ? `${l} # edited` : l))
    .join('\n')
  const reordered = new Document({
    ...obj,
    spec: { ...obj.spec, rules: [...obj.spec.rules].reverse() },
  }).toString({ lineWidth: 0 })
  return {
    text,
    rules,
    cases: [
      { id: 'one-line', title: 'one changed line', next: oneLine, target: 100 },
      { id: 'every-line', title: 'every line changed', next: everyLine, target: 1000 },
      { id: 'reordered', title: 'rules reordered', next: reordered, target: 1000 },
    ],
  }
}

interface Arm {
  times: number[]
  changed: number
  complete: boolean
}

function timeArm(run: () => { lines: DiffLine[]; complete: boolean }, arm: Arm) {
  const t = performance.now()
  const { lines, complete } = run()
  diffHunks(lines, 3)
  arm.times.push(performance.now() - t)
  arm.changed = lines.filter((l) => l.kind !== 'equal').length
  arm.complete = complete
}

export interface DiffCaseResult {
  id: string
  title: string
  target: number
  lines: number
  jsdiff: Summary & { changedLines: number; complete: boolean }
  lcs: Summary & { changedLines: number }
  raw: { jsdiff: number[]; lcs: number[] }
}

export function runDiffBench(opts: { runs: number; referenceRuns: number }) {
  const { text, rules, cases } = diffCases()
  const results: DiffCaseResult[] = []
  for (const c of cases) {
    const jsdiff: Arm = { times: [], changed: 0, complete: true }
    const lcs: Arm = { times: [], changed: 0, complete: true }
    // The reference costs seconds on the large cases: full runs only where it is cheap.
    const lcsRuns = c.id === 'one-line' ? opts.runs : opts.referenceRuns
    // One warm-up run each (JIT), not recorded.
    diffLines(text, c.next)
    if (c.id === 'one-line') lcsDiffLines(text, c.next)
    for (let i = 0; i < Math.max(opts.runs, lcsRuns); i++) {
      const arms = [
        i < opts.runs ? () => timeArm(() => diffLines(text, c.next), jsdiff) : null,
        i < lcsRuns
          ? () => timeArm(() => ({ lines: lcsDiffLines(text, c.next), complete: true }), lcs)
          : null,
      ]
      // Rotate the order so that drift in machine load hits both arms alike.
      for (const arm of i % 2 ? arms.reverse() : arms) arm?.()
    }
    results.push({
      id: c.id,
      title: c.title,
      target: c.target,
      lines: text.split('\n').length - 1,
      jsdiff: {
        ...summarize(jsdiff.times),
        changedLines: jsdiff.changed,
        complete: jsdiff.complete,
      },
      lcs: { ...summarize(lcs.times), changedLines: lcs.changed },
      raw: { jsdiff: jsdiff.times, lcs: lcs.times },
    })
  }
  return { textBytes: Buffer.byteLength(text), rules, cases: results }
}

export function diffMetrics(r: ReturnType<typeof runDiffBench>): Metric[] {
  const size = `${(r.textBytes / 1024).toFixed(0)} KB, ${r.rules} rules`
  return r.cases.flatMap((c) => {
    const ratio = c.jsdiff.median / c.lcs.median
    const fallback = c.jsdiff.complete ? '' : '; Myers past its budget: middle shown as replaced'
    return [
      metric(`${size}, ${c.title}: jsdiff p50`, round(c.jsdiff.median, 1), 'ms', {
        detail: `p95 ${c.jsdiff.p95.toFixed(1)} ms, n=${c.jsdiff.n}; ${ratio.toFixed(3)}× the old LCS; ${c.jsdiff.changedLines} lines removed or added (document: ${c.lines} lines)${fallback}`,
        target: { op: '<=', value: c.target },
      }),
      metric(`${size}, ${c.title}: old LCS (reference) p50`, round(c.lcs.median, 1), 'ms', {
        detail: `n=${c.lcs.n}; ${c.lcs.changedLines} lines removed or added (the diff before issue 21)`,
        target: { op: '<=', value: c.target },
      }),
    ]
  })
}

export function roundDiffDetails(r: ReturnType<typeof runDiffBench>) {
  return {
    ...r,
    cases: r.cases.map((c) => ({
      ...c,
      jsdiff: { ...c.jsdiff, ...roundSummary(c.jsdiff) },
      lcs: { ...c.lcs, ...roundSummary(c.lcs) },
      raw: { jsdiff: c.raw.jsdiff.map((x) => round(x, 2)), lcs: c.raw.lcs.map((x) => round(x, 2)) },
    })),
  }
}
