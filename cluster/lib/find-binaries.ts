// Looks for usable kube-apiserver + etcd binaries without building anything.
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'
import type { BinaryName } from '../versions.ts'
import { run } from './exec.ts'

export interface BinaryPaths {
  kubeApiserver: string
  etcd: string
  /** Where they came from, for the log line. */
  source: 'KUBEBUILDER_ASSETS' | 'PATH' | 'cache' | 'build'
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Both binaries in one folder (KUBEBUILDER_ASSETS or the cache), or undefined. */
export async function fromDir(dir: string): Promise<Record<BinaryName, string> | undefined> {
  const kubeApiserver = join(dir, 'kube-apiserver')
  const etcd = join(dir, 'etcd')
  if ((await isExecutable(kubeApiserver)) && (await isExecutable(etcd))) {
    return { 'kube-apiserver': kubeApiserver, etcd }
  }
  return undefined
}

async function which(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return join(dir, name)
  }
  return undefined
}

/** The `--version` output must name a release this project's flags and CRDs are known to work with. */
const compatible: Record<BinaryName, RegExp> = {
  // e.g. "Kubernetes v1.36.3"; 1.30+ has every flag and CEL feature we use.
  'kube-apiserver': /^Kubernetes v1\.3\d\./m,
  // e.g. "etcd Version: 3.6.8"; Debian's 3.4 is below what k8s 1.3x supports.
  etcd: /^etcd Version: 3\.[56]\./m,
}

async function versionOk(name: BinaryName, path: string): Promise<boolean> {
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
): Promise<Record<BinaryName, string> | undefined> {
  const kubeApiserver = await which('kube-apiserver', env)
  const etcd = await which('etcd', env)
  if (!kubeApiserver || !etcd) return undefined
  if (!(await versionOk('kube-apiserver', kubeApiserver)) || !(await versionOk('etcd', etcd))) {
    return undefined
  }
  return { 'kube-apiserver': kubeApiserver, etcd }
}
