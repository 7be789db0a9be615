// The bench harness without a cluster: statistics, target verdicts, the table and the results files.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { proxyMetrics, type ProxyDetails } from './proxy.ts'
import {
  type RunReport,
  dateStamp,
  evaluate,
  formatValue,
  metric,
  renderTable,
  writeResults,
} from './lib/report.ts'
import { mean, median, percentile, round, summarize } from './lib/stats.ts'

describe('stats', () => {
  it('takes the median of odd and even samples, ignoring order and NaN', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([5, Number.NaN, 1, 3])).toBe(3)
    expect(median([])).toBeNaN()
  })

  it('interpolates percentiles between ranks', () => {
    const xs = Array.from({ length: 101 }, (_, i) => i) // 0..100
    expect(percentile(xs, 0)).toBe(0)
    expect(percentile(xs, 95)).toBe(95)
    expect(percentile(xs, 99)).toBe(99)
    expect(percentile(xs, 100)).toBe(100)
    expect(percentile([10, 20], 25)).toBe(12.5)
    expect(() => percentile(xs, 101)).toThrow(RangeError)
  })

  it('summarizes a sample', () => {
    const s = summarize([1, 2, 3, 4, 100])
    expect(s).toMatchObject({ n: 5, min: 1, max: 100, median: 3 })
    expect(s.mean).toBe(mean([1, 2, 3, 4, 100]))
    expect(s.p99).toBeGreaterThan(s.p95)
    expect(round(1.23456, 2)).toBe(1.23)
  })
})

describe('targets', () => {
  it('passes and misses upper bounds, saying by how much', () => {
    const under = evaluate(1.4, { op: '<=', value: 2 }, 'ms')
    expect(under.pass).toBe(true)
    expect(under.text).toBe('pass, 0.600 ms under (30 %)')
    const over = evaluate(3, { op: '<=', value: 2 }, 'ms')
    expect(over).toMatchObject({ pass: false, delta: 1, relative: 0.5 })
    expect(over.text).toBe('MISS, 1 ms over (50 %)')
  })

  it('passes and misses lower bounds (ratios)', () => {
    expect(evaluate(0.9, { op: '>=', value: 0.8 }, '×').pass).toBe(true)
    const short = evaluate(0.6, { op: '>=', value: 0.8 }, '×')
    expect(short.pass).toBe(false)
    expect(short.text).toMatch(/^MISS, 0\.200× short \(25 %\)$/)
  })

  it('treats the boundary as a pass and NaN as no data', () => {
    expect(evaluate(0, { op: '<=', value: 0 }).text).toBe('pass, at the target')
    expect(evaluate(Number.NaN, { op: '<=', value: 1 })).toMatchObject({
      pass: false,
      text: 'no data',
    })
  })

  it('fills in the verdict only when a metric has a target', () => {
    expect(metric('a', 1, 'ms').verdict).toBeUndefined()
    expect(metric('b', 1, 'ms', { target: { op: '<=', value: 2 } }).verdict?.pass).toBe(true)
  })

  it('formats values with their units', () => {
    expect(formatValue(0.8123, '×')).toBe('0.812×')
    expect(formatValue(12.345, 'ms')).toBe('12.3 ms')
    expect(formatValue(150, 'MB')).toBe('150 MB')
    expect(formatValue(5, '%')).toBe('5 %')
    expect(formatValue(Number.NaN, 'ms')).toBe('n/a')
  })
})

function sampleReport(): RunReport {
  return {
    date: '2030-01-02',
    startedAt: '2030-01-02T10:00:00.000Z',
    finishedAt: '2030-01-02T10:05:00.000Z',
    options: { only: null, quick: true },
    machine: { cpus: 2, node: 'v24.0.0', platform: 'linux x64', loadavgAtStart: [1.5, 1, 0.5] },
    benchmarks: [
      {
        name: 'watch',
        title: 'Watch fan-out',
        startedAt: '2030-01-02T10:00:00.000Z',
        durationMs: 1000,
        loadavg: { before: [1.5, 1, 0.5], after: [2, 1, 0.5] },
        metrics: [
          metric('p99 | latency', 50, 'ms', { target: { op: '<=', value: 100 }, detail: 'n=10' }),
          metric('peak RSS', 200, 'MB', { target: { op: '<=', value: 150 } }),
        ],
        details: {},
      },
      {
        name: 'proxy',
        title: 'Proxy overhead',
        startedAt: '2030-01-02T10:01:00.000Z',
        durationMs: 0,
        loadavg: { before: [], after: [] },
        metrics: [],
        details: {},
        error: 'boom',
      },
    ],
  }
}

describe('table', () => {
  it('renders one row per metric with target, verdict and load, escaping pipes', () => {
    const md = renderTable(sampleReport())
    expect(md).toContain('| Benchmark | Metric | Value | Target | Result | Detail |')
    expect(md).toContain(
      '| Watch fan-out (load 1.50→2.00) | p99 \\| latency | 50 ms | ≤ 100 ms | pass, 50 ms under (50 %) | n=10 |',
    )
    expect(md).toContain('|  | peak RSS | 200 MB | ≤ 150 MB | MISS, 50 MB over (33 %) |  |')
    expect(md).toContain('| Proxy overhead | – | – | – | – | error: boom |')
    expect(md).toContain('Targets: 1 of 2 met.')
    expect(md).toContain('quick run')
  })

  it('builds proxy rows from per-round figures', () => {
    const run = (rps: number, p50: number) => ({
      rps,
      p50,
      p99: p50 * 2,
      requests: 10,
      bytesPerRequest: 1,
    })
    const unloaded = { n: 3, min: 1, max: 3, mean: 2, median: 2, p95: 3, p99: 3 }
    const d: ProxyDetails = {
      count: 5,
      connections: 2,
      duration: 1,
      rounds: 2,
      arms: ['bff', 'direct', 'kubectl'],
      loaded: {
        'list gzip': {
          bff: [run(90, 11), run(80, 12)],
          direct: [run(100, 10), run(100, 10)],
          kubectl: [run(60, 15), run(80, 14)],
        },
      },
      unloaded: { 'list gzip': { bff: { ...unloaded, median: 2.5 }, direct: unloaded } },
      bodyBytes: { 'list gzip': 2048 },
    }
    const rows = proxyMetrics(d)
    expect(rows.map((r) => [r.name, r.value, r.verdict?.pass])).toEqual([
      ['list gzip: BFF / direct req/s', 0.85, true],
      ['list gzip: BFF / kubectl proxy req/s', 1.25, true],
      ['list gzip: added p50 at 2 connections', 1.5, true],
      ['list gzip: added p50 unloaded', 0.5, true],
    ])
  })
})

describe('results files', () => {
  let dir = ''
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('writes dated and latest JSON and markdown', async () => {
    dir = await mkdtemp(join(tmpdir(), 'bench-results-'))
    const report = sampleReport()
    const files = await writeResults(join(dir, 'nested'), report)
    expect(files.json).toBe(join(dir, 'nested', '2030-01-02.json'))
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual([
      '2030-01-02.json',
      '2030-01-02.md',
      'latest.json',
      'latest.md',
    ])
    const back = JSON.parse(await readFile(join(dir, 'nested', 'latest.json'), 'utf8')) as RunReport
    expect(back.benchmarks[0]?.metrics[1]?.verdict?.pass).toBe(false)
    expect(back.benchmarks[0]?.loadavg.before).toEqual([1.5, 1, 0.5])
    expect(await readFile(join(dir, 'nested', '2030-01-02.md'), 'utf8')).toBe(renderTable(report))
  })

  it('stamps dates as YYYY-MM-DD', () => {
    expect(dateStamp(new Date(2031, 0, 5, 23, 59))).toBe('2031-01-05')
  })
})
