// One local cluster per test run, shareable between runners: the first runner (Vitest or
// Playwright global setup) starts it and publishes its TestClusterInfo as a JSON file named by
// KYMA_TEST_CLUSTER; a runner that finds that variable pointing at a live cluster reuses it.
import { randomBytes } from 'node:crypto'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Agent, fetch } from 'undici'
import { startDemoCluster } from '../demo-cluster.ts'
import { defaultStateDir } from '../lib/paths.ts'
import { type Log, consoleLog } from '../lib/progress.ts'
import type { TestClusterInfo } from './cluster-info.ts'

export const CLUSTER_INFO_ENV = 'KYMA_TEST_CLUSTER'

export interface TestCluster {
  info: TestClusterInfo
  /** The JSON file holding `info` (also in process.env.KYMA_TEST_CLUSTER). */
  infoFile: string
  /** False when an already running cluster was reused: stop() then leaves it alone. */
  owned: boolean
  stop(): Promise<void>
}

async function isLive(info: TestClusterInfo): Promise<boolean> {
  const dispatcher = new Agent({ connect: { ca: info.caData } })
  try {
    const res = await fetch(`${info.server}/readyz`, {
      dispatcher,
      signal: AbortSignal.timeout(3000),
    })
    return res.status === 200
  } catch {
    return false
  } finally {
    await dispatcher.close()
  }
}

async function reuse(infoFile: string, log: Log): Promise<TestCluster | undefined> {
  const info = JSON.parse(
    await readFile(infoFile, 'utf8').catch(() => 'null'),
  ) as TestClusterInfo | null
  if (!info || !(await isLive(info))) {
    log(`${CLUSTER_INFO_ENV}=${infoFile} is not a running cluster; starting a new one`)
    return undefined
  }
  log(`reusing the test cluster at ${info.server} (${CLUSTER_INFO_ENV})`)
  return { info, infoFile, owned: false, stop: async () => {} }
}

export async function startTestCluster(
  opts: {
    log?: Log
    /** Run the Kyma API Gateway controller (default true). */
    controller?: boolean
  } = {},
): Promise<TestCluster> {
  const log = opts.log ?? consoleLog
  const existing = process.env[CLUSTER_INFO_ENV]
  if (existing) {
    const reused = await reuse(existing, log)
    if (reused) return reused
  }
  // A fresh dir per run: namespaces never finish deleting without a controller manager, so old
  // data would only get in the way.
  const stateDir = join(defaultStateDir, `test-${randomBytes(4).toString('hex')}`)
  // Short-lived OIDC tokens, so the browser tests see a session outlive several of them.
  const cluster = await startDemoCluster({
    stateDir,
    ephemeral: true,
    seed: true,
    log,
    oidcTokenTtlSeconds: 45,
    controller: opts.controller,
  })
  const infoFile = join(stateDir, 'cluster-info.json')
  await writeFile(infoFile, JSON.stringify(cluster.info, null, 2), { mode: 0o600 })
  process.env[CLUSTER_INFO_ENV] = infoFile
  log(`test cluster ready in ${(cluster.readyMs / 1000).toFixed(1)} s; info in ${infoFile}`)
  return {
    info: cluster.info,
    infoFile,
    owned: true,
    async stop() {
      await cluster.stop()
      if (process.env[CLUSTER_INFO_ENV] === infoFile) delete process.env[CLUSTER_INFO_ENV]
      await rm(stateDir, { recursive: true, force: true })
    },
  }
}
