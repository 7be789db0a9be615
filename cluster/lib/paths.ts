// Well-known locations: the repo root, the default state dir and the binary cache.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BINARY_SET } from '../versions.ts'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const clusterDir = join(repoRoot, 'cluster')
export const toolsModuleDir = join(clusterDir, 'tools')
/** The separate Go module of the Kyma API Gateway controller (its dependency versions differ). */
export const controllerModuleDir = join(clusterDir, 'controller')
export const crdDir = join(clusterDir, 'crds')

/** Default state dir of `npm run cluster` (git-ignored). */
export const defaultStateDir = join(repoRoot, '.local-cluster')

/** `${XDG_CACHE_HOME:-~/.cache}/kyma-apirules-dashboard/bin`: shared by all checkouts. */
export function binaryCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache')
  return join(base, 'kyma-apirules-dashboard', 'bin')
}

/** The folder of the k8s binaries: `<cache root>/<versions>`. */
export function binaryCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(binaryCacheRoot(env), BINARY_SET)
}
