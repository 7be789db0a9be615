// `npm run cluster:build`: makes sure the control-plane binaries exist (kube-apiserver, etcd,
// kube-controller-manager, kubectl, and the Kyma API Gateway controller when its source is
// available), building them if needed. ensureBinaries() is what run.ts, the test global setup and
// the server's embedded cluster call.
import { ensureApiGatewayController } from './lib/api-gateway-build.ts'
import { buildIntoCache } from './lib/go-build.ts'
import { type BinaryPaths, SERVER_BINARIES, fromDir, fromPath } from './lib/find-binaries.ts'
import { binaryCacheDir } from './lib/paths.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'
import { GO_TARGETS, type BinaryName } from './versions.ts'

export type { BinaryPaths } from './lib/find-binaries.ts'

export interface EnsureBinariesOptions {
  log?: Log
  env?: NodeJS.ProcessEnv
  /** Build even when KUBEBUILDER_ASSETS or PATH has binaries (the cache is still reused). */
  ignoreExternal?: boolean
}

/**
 * kube-apiserver + etcd: KUBEBUILDER_ASSETS (both) → PATH (compatible versions) → the per-version
 * cache dir → `go build` from cluster/tools into that cache. kube-controller-manager and kubectl
 * always come from that cache (built on first use), so they match the cached kube-apiserver.
 */
export async function ensureBinaries(opts: EnsureBinariesOptions = {}): Promise<BinaryPaths> {
  const log = opts.log ?? consoleLog
  const env = opts.env ?? process.env
  const cacheDir = binaryCacheDir(env)
  let server: { pair: Record<(typeof SERVER_BINARIES)[number], string>; source: string } | undefined
  if (!opts.ignoreExternal) {
    const assets = env.KUBEBUILDER_ASSETS
      ? await fromDir(env.KUBEBUILDER_ASSETS, SERVER_BINARIES)
      : undefined
    if (assets) server = { pair: assets, source: 'KUBEBUILDER_ASSETS' }
    else {
      const onPath = await fromPath(env)
      if (onPath) server = { pair: onPath, source: 'PATH' }
    }
  }
  const wanted = (
    server ? ['kube-controller-manager', 'kubectl'] : Object.keys(GO_TARGETS)
  ) as BinaryName[]
  const cached = await fromDir(cacheDir, wanted)
  const built = cached ?? (await buildIntoCache(cacheDir, wanted, log, env))
  const all = { ...built, ...server?.pair } as Record<BinaryName, string>
  const source = (server?.source ?? (cached ? 'cache' : 'build')) as BinaryPaths['source']
  log(`using ${source} binaries: ${all['kube-apiserver']}, ${all.etcd}`)
  return {
    kubeApiserver: all['kube-apiserver'],
    etcd: all.etcd,
    kubeControllerManager: all['kube-controller-manager'],
    kubectl: all.kubectl,
    source,
  }
}

if (import.meta.main) {
  const started = performance.now()
  try {
    const paths = await ensureBinaries({ ignoreExternal: process.argv.includes('--force-cache') })
    const controller = await ensureApiGatewayController({})
    console.log(JSON.stringify({ ...paths, apiGatewayController: controller }, null, 2))
    consoleLog(`ready in ${formatDuration(performance.now() - started)}`)
  } catch (err) {
    consoleLog((err as Error).message)
    process.exitCode = 1
  }
}
