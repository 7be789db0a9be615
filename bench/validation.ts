// The editor's validation time: validateApiRule (schema, CEL, metadata, controller checks) on an
// APIRule of 100 rules, of ≈ 300 KB (~1,160 rules) and of ≈ 1 MiB (~3,900 rules), with the bundled
// CRD, and apiRuleWarnings (the list row's and details page's checks), in a Node process that may
// not generate code from strings — the condition the dashboard's CSP puts the browser
// in, so the schema engine measured is the one the browser runs. Same-run reference:
// `yaml.parseDocument` of the same text (what every YAML keystroke already costs), alternated.
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { repoRoot } from './lib/processes.ts'
import { type Metric, metric } from './lib/report.ts'
import { round, roundSummary, summarize } from './lib/stats.ts'

interface Case {
  rules: number
  bytes: number
  firstMs: number
  errors: number
  validate: number[]
  /** validateApiRule without the CRD: no schema and no CEL layer. */
  noSchema: number[]
  parse: number[]
  /** apiRuleWarnings: the list row's and the details page's checks (rule-order conflicts). */
  warnings: number[]
}
export interface ValidationBenchResult {
  codeGeneration: boolean
  small: Case
  big: Case
  /** ≈ 1 MiB (~3,900 rules). */
  huge: Case
}

export async function runValidationBench(opts: {
  iterations: number
  bigIterations: number
}): Promise<ValidationBenchResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--disallow-code-generation-from-strings',
      join(repoRoot, 'bench/lib/validation-child.ts'),
      String(opts.iterations),
      String(opts.bigIterations),
    ],
    { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
  )
  return JSON.parse(stdout) as ValidationBenchResult
}

function caseMetrics(c: Case, target?: number): Metric[] {
  const v = summarize(c.validate)
  const n = summarize(c.noSchema)
  const p = summarize(c.parse)
  const w = summarize(c.warnings)
  const size = `${c.rules} rules (${(c.bytes / 1024).toFixed(0)} KB)`
  return [
    metric(`${size}: validateApiRule p50`, round(v.median, 2), 'ms', {
      detail: `p95 ${v.p95.toFixed(2)} ms, n=${v.n}; without the CRD (no schema, no CEL) p50 ${n.median.toFixed(2)} ms; ${(v.median / p.median).toFixed(2)}× yaml.parseDocument of the same text (p50 ${p.median.toFixed(2)} ms); ${c.errors} errors`,
      ...(target ? { target: { op: '<=' as const, value: target } } : {}),
    }),
    metric(`${size}: list/details warnings p50`, round(w.median, 2), 'ms', {
      detail: `apiRuleWarnings (rule-order conflicts and the other stored-rule checks), p95 ${w.p95.toFixed(2)} ms; ${(w.median / p.median).toFixed(2)}× yaml.parseDocument of the same text`,
    }),
    metric(`${size}: first validation (builds the schema check)`, round(c.firstMs, 1), 'ms', {
      detail: 'once per CRD object; later validations reuse it',
    }),
  ]
}

/**
 * Target: a small document is validated on the main thread once the browser is idle, so it should
 * fit one frame (16 ms). A big one is validated in a Web Worker after a pause: no target.
 */
export function validationMetrics(r: ValidationBenchResult): Metric[] {
  const note = r.codeGeneration ? ' (code generation was ALLOWED: not the browser path)' : ''
  const [first, ...rest] = caseMetrics(r.small, 16)
  return [
    { ...first!, detail: `${first!.detail}; no code generation from strings${note}` },
    ...rest,
    ...caseMetrics(r.big),
    ...caseMetrics(r.huge),
  ]
}

export function roundValidationDetails(r: ValidationBenchResult) {
  const one = (c: Case) => ({
    rules: c.rules,
    bytes: c.bytes,
    errors: c.errors,
    firstMs: round(c.firstMs, 2),
    validate: roundSummary(summarize(c.validate)),
    noSchema: roundSummary(summarize(c.noSchema)),
    parse: roundSummary(summarize(c.parse)),
    warnings: roundSummary(summarize(c.warnings)),
  })
  return {
    codeGeneration: r.codeGeneration,
    small: one(r.small),
    big: one(r.big),
    huge: one(r.huge),
  }
}
