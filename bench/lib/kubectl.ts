// kubectl for the `kubectl proxy` arm of the proxy benchmark: $KUBECTL if set, else the kubectl
// built with the local cluster (same Kubernetes release as its kube-apiserver; built on first use).
//   node bench/lib/kubectl.ts   prints what was found
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { ensureKubectl as ensureBuiltKubectl } from '../../cluster/kubectl.ts'
import { isMain } from '../../scripts/lib.ts'

const exec = promisify(execFile)

export interface KubectlInfo {
  path: string
  version: string
}

async function probe(path: string): Promise<KubectlInfo | undefined> {
  try {
    const { stdout } = await exec(path, ['version', '--client'], { timeout: 20_000 })
    const version = /Client Version:\s*(\S+)/.exec(stdout)?.[1] ?? stdout.trim().split('\n')[0]
    return { path, version: version ?? '?' }
  } catch {
    return undefined
  }
}

/** Finds a working kubectl; throws with the reason otherwise. */
export async function ensureKubectl(
  log: (m: string) => void = console.error,
): Promise<KubectlInfo> {
  const path = process.env.KUBECTL || (await ensureBuiltKubectl({ log }))
  const found = await probe(path)
  if (!found) throw new Error(`kubectl at ${path} does not run (\`${path} version --client\`)`)
  return found
}

if (isMain(import.meta.url)) {
  ensureKubectl().then(
    (k) => console.log(JSON.stringify(k)),
    (error: Error) => {
      console.error(error.message)
      process.exit(1)
    },
  )
}
