// Checks that a Go toolchain new enough for k8s 1.36 is installed, with an actionable error if not.
import { MIN_GO_VERSION } from '../versions.ts'
import { run } from './exec.ts'

const installHint =
  `Install Go ≥ ${MIN_GO_VERSION} from https://go.dev/dl/ (unpack to /usr/local/go and add ` +
  `/usr/local/go/bin to PATH). Debian's \`apt-get install golang\` is too old on bookworm (Go 1.19). ` +
  `Or skip the build: put prebuilt kube-apiserver and etcd in a folder and set KUBEBUILDER_ASSETS.`

function atLeast(actual: string, wanted: string): boolean {
  const a = actual.split('.').map(Number)
  const w = wanted.split('.').map(Number)
  for (let i = 0; i < w.length; i++) {
    const x = a[i] ?? 0
    const y = w[i] ?? 0
    if (x !== y) return x > y
  }
  return true
}

/** Returns the `go` version (e.g. "1.26.8") or throws with what to install. */
export async function requireGo(env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  let out: string
  try {
    // Run in the tools module so GOTOOLCHAIN=auto may switch to the version go.mod asks for.
    const res = await run('go', ['env', 'GOVERSION'], { env, cwd })
    if (res.code !== 0) throw new Error(res.stderr)
    out = res.stdout.trim()
  } catch {
    throw new Error(
      `Building kube-apiserver and etcd needs Go, and \`go\` was not found.\n${installHint}`,
    )
  }
  const version = out.replace(/^go/, '')
  if (!atLeast(version, MIN_GO_VERSION)) {
    throw new Error(`Found Go ${version}, but Go ≥ ${MIN_GO_VERSION} is needed.\n${installHint}`)
  }
  return version
}
