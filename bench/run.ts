// `npm run bench` = node bench/run.ts [--only name,...] [--quick]
// Starts one local cluster (or reuses the one named by KYMA_TEST_CLUSTER), builds the SPA if stale,
// runs the benchmarks, writes bench/results/<date>.json|.md (+ latest.*) and prints the table.
// Benchmarks: proxy, watch, first-load, big-list, huge-list, editor, validation, diff, remote (see
// bench/README.md).
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { Browser } from 'playwright-core'
import { startTestCluster } from '../cluster/test/start-test-cluster.ts'
import { closeClients } from '../cluster/test/helpers.ts'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { buildIfStale } from '../scripts/build-if-stale.ts'
import { log } from '../scripts/lib.ts'
import {
  BIG_RULES,
  BIG_TARGET,
  browserEditorBench,
  browserEditorMetrics,
  engineBench,
  engineMetrics,
  roundEditorDetails,
} from './editor.ts'
import { diffMetrics, roundDiffDetails, runDiffBench } from './diff.ts'
import { launchBrowser } from './lib/browser.ts'
import { ensureKubectl } from './lib/kubectl.ts'
import { type Bff, loadAverage, repoRoot, startBff } from './lib/processes.ts'
import {
  type BenchResult,
  type Metric,
  type RunReport,
  dateStamp,
  renderTable,
  writeResults,
} from './lib/report.ts'
import { type PageEnv, runBigListBench, runFirstLoadBench } from './pages.ts'
import { runProxyBench } from './proxy.ts'
import { runRemoteBench } from './remote.ts'
import { runWatchBench } from './watch.ts'
import { roundValidationDetails, runValidationBench, validationMetrics } from './validation.ts'

export const BENCHMARKS = [
  'proxy',
  'watch',
  'first-load',
  'big-list',
  'huge-list',
  'editor',
  'validation',
  'diff',
  'remote',
] as const
type Name = (typeof BENCHMARKS)[number]

const TITLES: Record<Name, string> = {
  proxy: 'Proxy overhead',
  watch: 'Watch fan-out',
  'first-load': 'First load',
  'big-list': 'Big list',
  'huge-list': 'Huge list',
  editor: 'Editor sync',
  validation: 'Editor validation',
  diff: 'Review diff',
  remote: 'Remote cluster',
}

interface Outcome {
  metrics: Metric[]
  details: Record<string, unknown>
  skipped?: string
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'results-dir': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
})
if (values.help) {
  console.log(
    `node bench/run.ts [--only ${BENCHMARKS.join(',')}] [--quick] [--results-dir DIR]\nSee bench/README.md.`,
  )
  process.exit(0)
}
const only = values.only ? values.only.split(',').map((s) => s.trim()) : null
const unknown = (only ?? []).filter((n) => !(BENCHMARKS as readonly string[]).includes(n))
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`)
  process.exit(2)
}
const selected = BENCHMARKS.filter((n) => !only || only.includes(n))
const quick = values.quick
const resultsDir = values['results-dir'] ?? join(repoRoot, 'bench/results')
const needsPages = selected.some((n) =>
  ['first-load', 'big-list', 'huge-list', 'editor', 'remote'].includes(n),
)

const startedAt = new Date()
const report: RunReport = {
  date: dateStamp(startedAt),
  startedAt: startedAt.toISOString(),
  finishedAt: '',
  options: { only, quick },
  machine: {
    cpus: cpus().length,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadavgAtStart: loadAverage(),
  },
  benchmarks: [],
}

const say = (m: string) => log(`bench: ${m}`)

async function measure(name: Name, body: () => Promise<Outcome>): Promise<void> {
  say(`${TITLES[name]}…`)
  const before = loadAverage()
  const t0 = performance.now()
  const result: BenchResult = {
    name,
    title: TITLES[name],
    startedAt: new Date().toISOString(),
    durationMs: 0,
    loadavg: { before, after: [] },
    metrics: [],
    details: {},
  }
  try {
    const out = await body()
    result.metrics = out.metrics
    result.details = out.details
    if (out.skipped) result.skipped = out.skipped
  } catch (error) {
    result.error = (error as Error).message
    console.error(error)
  }
  result.durationMs = Math.round(performance.now() - t0)
  result.loadavg.after = loadAverage()
  report.benchmarks.push(result)
  say(`${TITLES[name]} done in ${(result.durationMs / 1000).toFixed(0)} s`)
}

let staticDir: string | undefined
let pageBff: Bff | undefined
let browser: Browser | undefined
// Without the API Gateway controller: it would reconcile every seeded APIRule (thousands in the
// list benchmarks) while the dashboard is measured.
const cluster = await startTestCluster({ log: (l) => say(l), controller: false })
const info: TestClusterInfo = cluster.info
try {
  if (needsPages) {
    await buildIfStale()
    // Serve a private copy of the build: other jobs may rebuild dist/web during the run.
    staticDir = await mkdtemp(join(tmpdir(), 'kyma-bench-web-'))
    await cp(join(repoRoot, 'dist/web'), staticDir, { recursive: true })
    pageBff = await startBff(info, ['--static-dir', staticDir])
    browser = await launchBrowser()
  }
  const pageEnv = (): PageEnv => ({
    info,
    browser: browser as Browser,
    origin: (pageBff as Bff).origin,
    staticDir: staticDir as string,
    log: say,
  })

  for (const name of selected) {
    if (name === 'proxy')
      await measure(name, async () => {
        let kubectl: string | undefined
        let note: string | undefined
        try {
          const k = await ensureKubectl(say)
          kubectl = k.path
          note = `kubectl ${k.version}`
        } catch (error) {
          note = (error as Error).message
        }
        const r = await runProxyBench(info, {
          count: 500,
          connections: 10,
          duration: quick ? 1 : 3,
          rounds: quick ? 1 : 3,
          probes: quick ? 20 : 100,
          ...(kubectl ? { kubectl } : {}),
          log: say,
        })
        return { ...r, details: { ...r.details, kubectl: note } }
      })
    if (name === 'watch')
      await measure(name, () =>
        runWatchBench(info, {
          watchers: 200,
          reference: 10,
          writes: quick ? 20 : 100,
          spacingMs: 50,
          log: say,
        }),
      )
    if (name === 'first-load')
      await measure(name, () => runFirstLoadBench(pageEnv(), { runs: quick ? 1 : 5 }))
    if (name === 'big-list')
      await measure(name, () =>
        runBigListBench(pageEnv(), {
          count: 2000,
          runs: quick ? 1 : 3,
          wheelSteps: quick ? 40 : 80,
          interactions: quick ? 3 : 5,
          typingTries: quick ? 2 : 3,
          targets: true,
        }),
      )
    if (name === 'huge-list')
      await measure(name, () =>
        runBigListBench(pageEnv(), {
          count: 10_000,
          runs: 1,
          wheelSteps: quick ? 40 : 80,
          interactions: quick ? 2 : 3,
          typingTries: quick ? 1 : 2,
          targets: false,
        }),
      )
    if (name === 'editor')
      await measure(name, async () => {
        const engine = engineBench({ rules: 100, iterations: quick ? 30 : 200 })
        const metrics = engineMetrics(engine, 100)
        let skipped: string | undefined
        let inBrowser: Awaited<ReturnType<typeof browserEditorBench>> | undefined
        try {
          inBrowser = await browserEditorBench(info, browser as Browser, (pageBff as Bff).origin, {
            rules: 100,
            keystrokes: quick ? 5 : 30,
            log: say,
            // BENCH_EDITOR_PROFILE=/tmp/ed: CPU profile and trace of the 100-rule keystrokes
            ...(process.env.BENCH_EDITOR_PROFILE
              ? { profilePrefix: process.env.BENCH_EDITOR_PROFILE }
              : {}),
          })
          metrics.push(...browserEditorMetrics(inBrowser, 100, engine))
        } catch (error) {
          skipped = `browser part failed: ${(error as Error).message.split('\n')[0]}`
        }
        // ≈ 300 KB of YAML: keystroke → other view within 100 ms (issue 15)
        const engineBig = engineBench({ rules: BIG_RULES, iterations: quick ? 5 : 30 })
        metrics.push(...engineMetrics(engineBig, BIG_RULES, BIG_TARGET))
        let inBrowserBig: Awaited<ReturnType<typeof browserEditorBench>> | undefined
        try {
          inBrowserBig = await browserEditorBench(
            info,
            browser as Browser,
            (pageBff as Bff).origin,
            { rules: BIG_RULES, keystrokes: quick ? 3 : 10, log: say },
          )
          metrics.push(...browserEditorMetrics(inBrowserBig, BIG_RULES, engineBig, BIG_TARGET))
        } catch (error) {
          skipped = `${skipped ? `${skipped}; ` : ''}browser part (${BIG_RULES} rules) failed: ${(error as Error).message.split('\n')[0]}`
        }
        return {
          metrics,
          details: {
            ...roundEditorDetails(engine, inBrowser),
            big: roundEditorDetails(engineBig, inBrowserBig),
          },
          ...(skipped ? { skipped } : {}),
        }
      })
    if (name === 'remote')
      await measure(name, () =>
        runRemoteBench(
          { info, browser: browser as Browser, staticDir: staticDir as string, log: say },
          { runs: quick ? 1 : 3 },
        ),
      )
    if (name === 'validation')
      await measure(name, async () => {
        const r = await runValidationBench({
          iterations: quick ? 20 : 100,
          bigIterations: quick ? 3 : 10,
        })
        return { metrics: validationMetrics(r), details: roundValidationDetails(r) }
      })
    if (name === 'diff')
      await measure(name, async () => {
        const r = runDiffBench({ runs: quick ? 3 : 10, referenceRuns: quick ? 1 : 2 })
        return { metrics: diffMetrics(r), details: roundDiffDetails(r) }
      })
  }
} finally {
  await browser?.close().catch(() => {})
  await pageBff?.stop()
  if (staticDir) await rm(staticDir, { recursive: true, force: true })
  await closeClients()
  await cluster.stop()
}

report.finishedAt = new Date().toISOString()
const files = await writeResults(resultsDir, report)
console.log(`\n${renderTable(report)}`)
say(`results: ${files.json}, ${files.markdown}`)
process.exitCode = report.benchmarks.some((b) => b.error) ? 1 : 0
