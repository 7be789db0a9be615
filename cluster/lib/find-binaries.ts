// Looks for usable control-plane binaries without building anything.
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import type { BinaryName } from '../versions.ts'
import { run } from './exec.ts'

export interface BinaryPaths {
  kubeApiserver: string
  etcd: string
  /** Always from the cache (built from the same k8s.io/kubernetes as the cached kube-apiserver). */
  kubeControllerManager: string
  kubectl: string
  /** Where kube-apiserver and etcd came from, for the log line. */
  source: 'KUBEBUILDER_ASSETS' | 'PATH' | 'cache' | 'build'
}

/** The pair that may come from outside the cache (KUBEBUILDER_ASSETS, PATH). */
export const SERVER_BINARIES = ['kube-apiserver', 'etcd'] as const satisfies readonly BinaryName[]

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** All of `names` in one folder (KUBEBUILDER_ASSETS or the cache), or undefined. */
export async function fromDir<N extends BinaryName>(
  dir: string,
  names: readonly N[],
): Promise<Record<N, string> | undefined> {
  const found: Partial<Record<N, string>> = {}
  for (const name of names) {
    const path = join(dir, name)
    if (!(await isExecutable(path))) return undefined
    found[name] = path
  }
  return found as Record<N, string>
}

async function which(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return join(dir, name)
  }
  return undefined
}

/** The `--version` output must name a release this project's flags and CRDs are known to work with. */
const compatible: Record<(typeof SERVER_BINARIES)[number], RegExp> = {
  // e.g. "Kubernetes v1.36.3"; 1.30+ has every flag and CEL feature we use.
  'kube-apiserver': /^Kubernetes v1\.3\d\./m,
  // e.g. "etcd Version: 3.6.8"; Debian's 3.4 is below what k8s 1.3x supports.
  etcd: /^etcd Version: 3\.[56]\./m,
}

async function versionOk(name: (typeof SERVER_BINARIES)[number], path: string): Promise<boolean> {
  try {
    const res = await run(path, ['--version'])
    return res.code === 0 && compatible[name].test(res.stdout)
  } catch {
    return false
  }
}

/** Both binaries on PATH at compatible versions, or undefined. */
export async function fromPath(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<(typeof SERVER_BINARIES)[number], string> | undefined> {
  const kubeApiserver = await which('kube-apiserver', env)
  const etcd = await which('etcd', env)
  if (!kubeApiserver || !etcd) return undefined
  if (!(await versionOk('kube-apiserver', kubeApiserver)) || !(await versionOk('etcd', etcd))) {
    return undefined
  }
  return { 'kube-apiserver': kubeApiserver, etcd }
}
