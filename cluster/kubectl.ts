// The kubectl built from the same k8s.io/kubernetes as the local kube-apiserver (GO_TARGETS), for
// tests and scripts: `kubectl kustomize` in the deploy tests, and `npm run kubectl -- …` against
// the local cluster (KUBECONFIG, else the kubeconfig of `npm run cluster` in .local-cluster/).
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fromDir } from './lib/find-binaries.ts'
import { buildIntoCache } from './lib/go-build.ts'
import { binaryCacheDir, defaultStateDir } from './lib/paths.ts'
import { type Log, consoleLog } from './lib/progress.ts'

/** Path of the cached kubectl, built on first use (a few minutes cold; shares the Go build cache). */
export async function ensureKubectl(
  opts: { log?: Log; env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  const env = opts.env ?? process.env
  const cacheDir = binaryCacheDir(env)
  const found = await fromDir(cacheDir, ['kubectl'])
  if (found) return found.kubectl
  return (await buildIntoCache(cacheDir, ['kubectl'], opts.log ?? consoleLog, env)).kubectl
}

if (import.meta.main) {
  const kubectl = await ensureKubectl()
  const local = join(defaultStateDir, 'kubeconfig')
  const env = { ...process.env }
  if (!env.KUBECONFIG && existsSync(local)) env.KUBECONFIG = local
  const child = spawn(kubectl, process.argv.slice(2), { stdio: 'inherit', env })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)))
}
