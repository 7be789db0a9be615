// `npm test`: everything that proves the project, in order — lint, typecheck, unit, integration
// (real local kube-apiserver), build, e2e (Playwright + Debian Chromium). It ends with one line
// `N passed, N failed` that adds up the test suites. `npm test -- unit integration` runs a subset.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startTestCluster, type TestCluster } from '../cluster/test/start-test-cluster.ts'
import { runE2e } from './e2e.ts'
import { bin, log, run, useVendoredApiGatewaySource } from './lib.ts'

interface Counts {
  passed: number
  failed: number
  skipped: number
}
interface Step {
  name: string
  /** Returns test counts, or null for a gate that has no tests (lint, typecheck, build). */
  run: (reportDir: string) => Promise<{ ok: boolean; counts: Counts | null }>
}

const gate = (cmd: string, args: string[]) => async () => ({
  ok: (await run(cmd, args)) === 0,
  counts: null,
})

async function vitest(project: string, reportDir: string) {
  const out = join(reportDir, `vitest-${project}.json`)
  const code = await run(bin('vitest'), [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ])
  const counts = readJson(
    out,
    (r: {
      numPassedTests: number
      numFailedTests: number
      numPendingTests: number
      numTodoTests: number
    }) => ({
      passed: r.numPassedTests,
      failed: r.numFailedTests,
      skipped: r.numPendingTests + r.numTodoTests,
    }),
  )
  return { ok: code === 0, counts: counts ?? { passed: 0, failed: 1, skipped: 0 } }
}

async function playwright(reportDir: string) {
  const out = join(reportDir, 'playwright.json')
  const code = await runE2e(['--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out })
  const counts = readJson(
    out,
    (r: { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }) => ({
      passed: r.stats.expected,
      failed: r.stats.unexpected + r.stats.flaky,
      skipped: r.stats.skipped,
    }),
  )
  return { ok: code === 0, counts: counts ?? { passed: 0, failed: 1, skipped: 0 } }
}

function readJson<T, R>(file: string, map: (report: T) => R): R | null {
  try {
    return map(JSON.parse(readFileSync(file, 'utf8')) as T)
  } catch {
    return null
  }
}

const STEPS: Step[] = [
  { name: 'lint', run: gate(bin('eslint'), ['.']) },
  { name: 'format', run: gate(bin('prettier'), ['--check', '.']) },
  { name: 'typecheck', run: gate(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) },
  { name: 'unit', run: (dir) => vitest('unit', dir) },
  { name: 'integration', run: (dir) => vitest('integration', dir) },
  { name: 'build', run: gate(bin('vite'), ['build', '--logLevel', 'warn']) },
  { name: 'e2e', run: (dir) => playwright(dir) },
]

async function main() {
  useVendoredApiGatewaySource()
  const wanted = process.argv.slice(2)
  const unknown = wanted.filter((w) => !STEPS.some((s) => s.name === w))
  if (unknown.length) {
    console.error(
      `Unknown step(s): ${unknown.join(', ')}. Steps: ${STEPS.map((s) => s.name).join(', ')}`,
    )
    process.exit(2)
  }
  const steps = wanted.length ? STEPS.filter((s) => wanted.includes(s.name)) : STEPS
  const reportDir = mkdtempSync(join(tmpdir(), 'kyma-dashboard-test-'))
  const total: Counts = { passed: 0, failed: 0, skipped: 0 }
  const failedSteps: string[] = []
  const started = Date.now()
  // Integration tests and e2e share one local cluster (their setups reuse KYMA_TEST_CLUSTER).
  let cluster: TestCluster | undefined
  try {
    if (steps.some((s) => s.name === 'integration' || s.name === 'e2e')) {
      log('▶ local cluster')
      cluster = await startTestCluster()
    }
    for (const step of steps) {
      log(`▶ ${step.name}`)
      const t0 = Date.now()
      const { ok, counts } = await step.run(reportDir).catch((err: Error) => {
        console.error(err.message)
        return { ok: false, counts: { passed: 0, failed: 1, skipped: 0 } }
      })
      if (counts) {
        total.passed += counts.passed
        total.failed += counts.failed
        total.skipped += counts.skipped
      }
      if (!ok) failedSteps.push(step.name)
      log(`${ok ? '✔' : '✘'} ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
    }
  } catch (err) {
    console.error((err as Error).message)
    failedSteps.push('cluster')
  } finally {
    await cluster?.stop()
    rmSync(reportDir, { recursive: true, force: true })
  }
  log(
    `Done in ${((Date.now() - started) / 1000).toFixed(0)} s.${failedSteps.length ? ` Failed steps: ${failedSteps.join(', ')}` : ''}`,
  )
  // A failed gate (lint, typecheck, build) counts as one failure so the total never hides it.
  const gateFailures = failedSteps.filter(
    (name) => !['unit', 'integration', 'e2e'].includes(name),
  ).length
  console.log(
    `${total.passed} passed, ${total.failed + gateFailures} failed, ${total.skipped} skipped`,
  )
  process.exit(failedSteps.length ? 1 : 0)
}

await main()
