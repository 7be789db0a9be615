// `npm run cluster:build`: makes sure kube-apiserver and etcd exist, building them if needed.
// ensureBinaries() is what run.ts, the test global setup and the server's embedded cluster call.
import { buildIntoCache } from './lib/go-build.ts'
import { type BinaryPaths, fromDir, fromPath } from './lib/find-binaries.ts'
import { binaryCacheDir } from './lib/paths.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'

export type { BinaryPaths } from './lib/find-binaries.ts'

export interface EnsureBinariesOptions {
  log?: Log
  env?: NodeJS.ProcessEnv
  /** Build even when KUBEBUILDER_ASSETS or PATH has binaries (the cache is still reused). */
  ignoreExternal?: boolean
}

/**
 * Order: KUBEBUILDER_ASSETS (both binaries) → PATH (compatible versions) → the per-version cache dir
 * → `go build` from cluster/tools into that cache.
 */
export async function ensureBinaries(opts: EnsureBinariesOptions = {}): Promise<BinaryPaths> {
  const log = opts.log ?? consoleLog
  const env = opts.env ?? process.env
  const pick = (b: { 'kube-apiserver': string; etcd: string }, source: BinaryPaths['source']) => {
    log(`using ${source} binaries: ${b['kube-apiserver']}, ${b.etcd}`)
    return { kubeApiserver: b['kube-apiserver'], etcd: b.etcd, source }
  }
  if (!opts.ignoreExternal) {
    const assets = env.KUBEBUILDER_ASSETS ? await fromDir(env.KUBEBUILDER_ASSETS) : undefined
    if (assets) return pick(assets, 'KUBEBUILDER_ASSETS')
    const onPath = await fromPath(env)
    if (onPath) return pick(onPath, 'PATH')
  }
  const cacheDir = binaryCacheDir(env)
  const cached = await fromDir(cacheDir)
  if (cached) return pick(cached, 'cache')
  return pick(await buildIntoCache(cacheDir, log, env), 'build')
}

if (import.meta.main) {
  const started = performance.now()
  try {
    const paths = await ensureBinaries({ ignoreExternal: process.argv.includes('--force-cache') })
    console.log(JSON.stringify(paths, null, 2))
    consoleLog(`ready in ${formatDuration(performance.now() - started)}`)
  } catch (err) {
    consoleLog((err as Error).message)
    process.exitCode = 1
  }
}
