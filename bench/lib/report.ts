// The results model of a bench run, target evaluation, the markdown table and the results files.
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** "value must be at most / at least `value`". */
export interface Target {
  op: '<=' | '>='
  value: number
}

export interface Verdict {
  pass: boolean
  /** value − target, in the metric's unit (negative = below the target). */
  delta: number
  /** delta relative to the target (0.1 = 10 % above it). */
  relative: number
  /** e.g. "pass, 0.6 ms under" or "MISS, 12 % short". */
  text: string
}

export interface Metric {
  /** Short label, e.g. "list gzip: BFF / direct req/s". */
  name: string
  value: number
  /** '×' for ratios, else 'ms', 'MB', 'KB', 'req/s', '%', 'frames', … */
  unit: string
  /** Context shown next to the value: the raw figures a ratio came from, the spread, the n. */
  detail?: string
  target?: Target
  verdict?: Verdict
}

export interface LoadAverage {
  before: number[]
  after: number[]
}

export interface BenchResult {
  name: string
  title: string
  startedAt: string
  durationMs: number
  /** /proc/loadavg (1, 5, 15 min) when the benchmark started and ended. */
  loadavg: LoadAverage
  metrics: Metric[]
  /** Raw figures (per round, per run) for later analysis. */
  details: Record<string, unknown>
  /** Set when the benchmark could not run (e.g. no kubectl); its metrics may be partial. */
  skipped?: string
  error?: string
}

export interface RunReport {
  date: string
  startedAt: string
  finishedAt: string
  options: { only: string[] | null; quick: boolean }
  machine: { cpus: number; node: string; platform: string; loadavgAtStart: number[] }
  benchmarks: BenchResult[]
}

function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return 'n/a'
  if (Number.isInteger(x)) return String(x)
  const a = Math.abs(x)
  if (a >= 100) return x.toFixed(0)
  if (a >= 10) return x.toFixed(1)
  if (a >= 1) return x.toFixed(2)
  return x.toFixed(3)
}

export function formatValue(value: number, unit: string): string {
  const n = fmtNumber(value)
  if (n === 'n/a') return n
  if (unit === '×') return `${n}×`
  if (unit === '%') return `${n} %`
  return unit ? `${n} ${unit}` : n
}

/** Whether `value` meets `target`, and by how much it passes or misses. */
export function evaluate(value: number, target: Target, unit = ''): Verdict {
  if (!Number.isFinite(value)) return { pass: false, delta: NaN, relative: NaN, text: 'no data' }
  const pass = target.op === '<=' ? value <= target.value : value >= target.value
  const delta = value - target.value
  const relative = target.value === 0 ? (delta === 0 ? 0 : Math.sign(delta)) : delta / target.value
  const pct = `${Math.abs(relative * 100).toFixed(0)} %`
  const amount = formatValue(Math.abs(delta), unit)
  let text: string
  if (delta === 0) text = 'pass, at the target'
  else if (target.op === '<=')
    text = pass ? `pass, ${amount} under (${pct})` : `MISS, ${amount} over (${pct})`
  else text = pass ? `pass, ${amount} above (${pct})` : `MISS, ${amount} short (${pct})`
  return { pass, delta, relative, text }
}

/** A metric with its verdict filled in (when it has a target). */
export function metric(
  name: string,
  value: number,
  unit: string,
  opts: { detail?: string; target?: Target } = {},
): Metric {
  const m: Metric = { name, value, unit }
  if (opts.detail) m.detail = opts.detail
  if (opts.target) {
    m.target = opts.target
    m.verdict = evaluate(value, opts.target, unit)
  }
  return m
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

function fmtLoad(l: number[]): string {
  return l.length ? (l[0] as number).toFixed(2) : '?'
}

/** The markdown table of a run: one row per metric, grouped by benchmark. */
export function renderTable(report: RunReport): string {
  const lines: string[] = []
  lines.push(
    `# Bench ${report.date}`,
    '',
    `${report.machine.cpus} CPUs, Node ${report.machine.node}, load average at start ${report.machine.loadavgAtStart.map((x) => x.toFixed(2)).join(' ')}${report.options.quick ? ' — quick run (fewer rounds, shorter)' : ''}`,
    '',
    '| Benchmark | Metric | Value | Target | Result | Detail |',
    '| --- | --- | --- | --- | --- | --- |',
  )
  for (const b of report.benchmarks) {
    const load = `load ${fmtLoad(b.loadavg.before)}→${fmtLoad(b.loadavg.after)}`
    if (b.error || (b.skipped && b.metrics.length === 0)) {
      const why = b.error ? `error: ${b.error}` : `skipped: ${b.skipped}`
      lines.push(`| ${cell(b.title)} | – | – | – | – | ${cell(why)} |`)
      continue
    }
    b.metrics.forEach((m, i) => {
      const title = i === 0 ? `${b.title} (${load})` : ''
      const target = m.target
        ? `${m.target.op === '<=' ? '≤' : '≥'} ${formatValue(m.target.value, m.unit)}`
        : ''
      const result = m.verdict?.text ?? ''
      lines.push(
        `| ${cell(title)} | ${cell(m.name)} | ${cell(formatValue(m.value, m.unit))} | ${cell(target)} | ${cell(result)} | ${cell(m.detail ?? '')} |`,
      )
    })
    if (b.skipped) lines.push(`| | (partly skipped) | | | | ${cell(b.skipped)} |`)
  }
  const all = report.benchmarks.flatMap((b) => b.metrics).filter((m) => m.verdict)
  const passed = all.filter((m) => m.verdict?.pass).length
  lines.push('', `Targets: ${passed} of ${all.length} met.`, '')
  return lines.join('\n')
}

/** Writes `<date>.json`, `<date>.md`, `latest.json` and `latest.md` into `dir`. */
export async function writeResults(
  dir: string,
  report: RunReport,
): Promise<{ json: string; markdown: string }> {
  await mkdir(dir, { recursive: true })
  const json = `${JSON.stringify(report, null, 2)}\n`
  const markdown = renderTable(report)
  const jsonPath = join(dir, `${report.date}.json`)
  const mdPath = join(dir, `${report.date}.md`)
  await Promise.all([
    writeFile(jsonPath, json),
    writeFile(mdPath, markdown),
    writeFile(join(dir, 'latest.json'), json),
    writeFile(join(dir, 'latest.md'), markdown),
  ])
  return { json: jsonPath, markdown: mdPath }
}

/** YYYY-MM-DD in local time. */
export function dateStamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}
