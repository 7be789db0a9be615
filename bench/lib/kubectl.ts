// kubectl for the `kubectl proxy` arm of the proxy benchmark. Any kubectl works (`kubectl proxy`
// is a plain reverse proxy, so client/server version skew does not matter). Order: $KUBECTL, then
// `kubectl` on PATH, then — as root — Debian's `kubernetes-client` package (apt-get). Otherwise it
// says what to install and the benchmark runs without that arm.
//   node bench/lib/kubectl.ts   prints what was found (and installs it when root and missing)
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { isMain } from '../../scripts/lib.ts'

const exec = promisify(execFile)

export const INSTALL_HINT =
  'sudo apt-get update && sudo apt-get install -y kubernetes-client   # Debian: provides /usr/bin/kubectl'

export interface KubectlInfo {
  path: string
  version: string
  /** The Debian package owning the binary, when dpkg knows it. */
  package?: string
}

async function probe(path: string): Promise<KubectlInfo | undefined> {
  try {
    const { stdout } = await exec(path, ['version', '--client'], { timeout: 20_000 })
    const version = /Client Version:\s*(\S+)/.exec(stdout)?.[1] ?? stdout.trim().split('\n')[0]
    const resolved = await exec('sh', ['-c', `command -v "$0"`, path]).then(
      (r) => r.stdout.trim(),
      () => path,
    )
    const pkg = await exec('dpkg', ['-S', resolved]).then(
      (r) => r.stdout.split(':')[0]?.trim(),
      () => undefined,
    )
    return { path: resolved || path, version: version ?? '?', ...(pkg ? { package: pkg } : {}) }
  } catch {
    return undefined
  }
}

async function aptInstall(log: (m: string) => void): Promise<boolean> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  log('kubectl is missing: installing Debian kubernetes-client (apt-get)…')
  try {
    await exec('apt-get', ['update', '-qq'], { env, timeout: 300_000 })
    await exec('apt-get', ['install', '-y', '-qq', 'kubernetes-client'], { env, timeout: 600_000 })
    return true
  } catch (error) {
    log(`apt-get install kubernetes-client failed: ${(error as Error).message.split('\n')[0]}`)
    return false
  }
}

/** Finds a working kubectl, installing Debian's when running as root; throws with a hint otherwise. */
export async function ensureKubectl(
  log: (m: string) => void = console.error,
): Promise<KubectlInfo> {
  const candidates = [process.env.KUBECTL, 'kubectl'].filter((c): c is string => !!c)
  for (const c of candidates) {
    const found = await probe(c)
    if (found) return found
  }
  if (process.getuid?.() === 0 && (await aptInstall(log))) {
    const found = (await probe('/usr/bin/kubectl')) ?? (await probe('kubectl'))
    if (found) return found
  }
  throw new Error(`kubectl not found (set KUBECTL or install it: ${INSTALL_HINT})`)
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
