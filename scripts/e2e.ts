// `npm run e2e`: Debian Chromium, a fresh build, one local cluster (or the one KYMA_TEST_CLUSTER
// names), then Playwright. Arguments go to Playwright (`npm run e2e -- --headed e2e/shell.spec.ts`).
import { startTestCluster } from '../cluster/test/start-test-cluster.ts'
import { buildIfStale } from './build-if-stale.ts'
import { ensureChromium } from './ensure-chromium.ts'
import { bin, isMain, run, useVendoredApiGatewaySource } from './lib.ts'

/** Runs Playwright with a cluster; returns its exit code. */
export async function runE2e(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  useVendoredApiGatewaySource()
  await ensureChromium()
  await buildIfStale()
  const cluster = await startTestCluster()
  try {
    return await run(bin('playwright'), ['test', ...args], {
      env: { ...process.env, ...env, KYMA_TEST_CLUSTER: cluster.infoFile },
    })
  } finally {
    await cluster.stop()
  }
}

if (isMain(import.meta.url)) {
  process.exit(await runE2e(process.argv.slice(2)))
}
