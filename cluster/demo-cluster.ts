// One call that gives a ready-to-use local cluster: binaries, start, RBAC, CRDs, demo data.
// Used by `npm run cluster`, by the server's `npm start` when no kubeconfig is configured, and by
// test global setups (Vitest now, Playwright later).
import { ensureBinaries } from './build.ts'
import { type LocalCluster, type LocalClusterOptions, startLocalCluster } from './local-cluster.ts'
import { consoleLog } from './lib/progress.ts'
import { setUpCluster } from './setup.ts'

export interface DemoClusterOptions extends LocalClusterOptions {
  /** Apply the demo data set (default true). */
  seed?: boolean
}

export interface DemoCluster extends LocalCluster {
  kubeconfigPath: string
  /** ms from spawning etcd until RBAC, CRDs and seed are applied. */
  readyMs: number
}

export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const log = opts.log ?? consoleLog
  const binaries = opts.binaries ?? (await ensureBinaries({ log }))
  const cluster = await startLocalCluster({ ...opts, binaries, log })
  const t0 = performance.now()
  try {
    await setUpCluster(cluster.client('admin'), { seed: opts.seed, log, oidc: cluster.info.oidc })
  } catch (err) {
    await cluster.stop()
    throw err
  }
  return {
    ...cluster,
    kubeconfigPath: cluster.info.kubeconfigPath,
    readyMs: cluster.startupMs + (performance.now() - t0),
  }
}
