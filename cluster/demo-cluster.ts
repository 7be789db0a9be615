// One call that gives a ready-to-use local cluster: binaries, start (etcd, kube-apiserver,
// kube-controller-manager), RBAC, CRDs, the Kyma API Gateway controller, demo data.
// Used by `npm run cluster`, by the server's `npm start` when no kubeconfig is configured, and by
// the test global setups (Vitest, Playwright).
import { join, resolve } from 'node:path'
import { ensureBinaries } from './build.ts'
import { defaultStateDir } from './lib/paths.ts'
import { StateDirInUse } from './lib/state-dir-lock.ts'
import { type ApiGatewayBuild, ensureApiGatewayController } from './lib/api-gateway-build.ts'
import { type LocalCluster, type LocalClusterOptions, startLocalCluster } from './local-cluster.ts'
import { consoleLog } from './lib/progress.ts'
import { setUpCluster } from './setup.ts'

export interface DemoClusterOptions extends LocalClusterOptions {
  /** Apply the demo data set (default true). */
  seed?: boolean
  /**
   * Run the Kyma API Gateway controller (default true; built on first use). Without it, or when it
   * cannot be built or started, the cluster goes on and says why in one line.
   */
  controller?: boolean
}

export interface DemoCluster extends LocalCluster {
  kubeconfigPath: string
  /** ms from spawning etcd until RBAC, CRDs, the controller and seed are applied. */
  readyMs: number
}

/** A start that failed on a state dir: one line naming it and the way out (not a stack trace). */
function unusable(stateDir: string | undefined, err: unknown): Error {
  if (err instanceof StateDirInUse) return err
  const dir = resolve(stateDir ?? defaultStateDir)
  const why = (err as Error).message.split('\n')[0] ?? String(err)
  return new Error(
    `cannot use the state dir ${dir}: ${why}. Logs: ${join(dir, 'logs')}. To start from ` +
      `scratch delete it (rm -rf ${dir}), or use another state dir (--dir, KYMA_LOCAL_CLUSTER_DIR)`,
  )
}

export async function startDemoCluster(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
  const log = opts.log ?? consoleLog
  const binaries = opts.binaries ?? (await ensureBinaries({ log }))
  // Built before the cluster starts: a first build takes minutes and must not eat into timeouts.
  const apiGateway: ApiGatewayBuild | undefined =
    opts.controller === false ? undefined : await ensureApiGatewayController({ log })
  const cluster = await startLocalCluster({ ...opts, binaries, log }).catch((err: unknown) => {
    throw unusable(opts.stateDir, err)
  })
  const t0 = performance.now()
  try {
    await setUpCluster(cluster, { seed: opts.seed, log, apiGateway, oidc: cluster.info.oidc })
  } catch (err) {
    await cluster.stop()
    throw unusable(cluster.stateDir, err)
  }
  return {
    ...cluster,
    kubeconfigPath: cluster.info.kubeconfigPath,
    readyMs: cluster.startupMs + (performance.now() - t0),
  }
}
