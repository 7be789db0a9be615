// Makes the API Gateway controller's webhook port settable, so every local cluster gets its own.
//
// The controller builds `webhook.NewServer(webhook.Options{TLSOpts: …})` without a Port, and
// controller-runtime then uses its package variable `webhook.DefaultPort` (9443); neither has a
// flag or an environment variable. Go refuses `-overlay` files beneath the module cache, so the
// build does what it already does for the controller's own source: a `replace` in the temp go.mod
// points controller-runtime (the exact version go.sum pins) at a temp copy of its module folder, to
// which ONE file of our own is added: an `init()` in `package webhook` that sets `DefaultPort` from
// WEBHOOK_PORT_ENV. No upstream file is changed, nothing lands in the repository, and without the
// variable the binary behaves exactly like upstream's.
import { cp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { run, runChecked } from './exec.ts'

/** The environment variable the built controller reads its webhook port from. */
export const WEBHOOK_PORT_ENV = 'KYMA_LOCAL_WEBHOOK_PORT'

const MODULE = 'sigs.k8s.io/controller-runtime'

/** Our file; `package webhook` so it can set the package variable before main() runs. */
export const PORT_FILE = 'zz_kyma_local_webhook_port.go'

export const portGoSource = `// Added at build time by kyma-apirules-dashboard (cluster/lib/webhook-port-build.ts).
package webhook

import (
	"os"
	"strconv"
)

func init() {
	if port, err := strconv.Atoi(os.Getenv("${WEBHOOK_PORT_ENV}")); err == nil && port > 0 {
		DefaultPort = port
	}
}
`

/**
 * Copies controller-runtime's module folder (the version `modfile` selects, downloaded through the
 * module proxy if needed) into `work`, adds our file to `pkg/webhook` and returns the `replace`
 * line for the temp go.mod.
 */
export async function webhookPortReplace(
  work: string,
  modfile: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<string> {
  const res = await run('go', ['mod', 'download', `-modfile=${modfile}`, '-json', MODULE], {
    cwd,
    env,
  })
  const out = JSON.parse(res.stdout || '{}') as { Dir?: string; Version?: string; Error?: string }
  if (res.code !== 0 || !out.Dir || !out.Version) {
    const why = (out.Error ?? res.stderr).split('\n')[0]?.trim() ?? `exit ${res.code}`
    throw new Error(`cannot get ${MODULE} (${why})`)
  }
  const dir = join(work, 'controller-runtime')
  await cp(out.Dir, dir, { recursive: true })
  // The module cache is read-only: the copy must take our file and be removable afterwards.
  await runChecked('chmod', ['-R', 'u+w', dir])
  await writeFile(join(dir, 'pkg', 'webhook', PORT_FILE), portGoSource)
  return `replace ${MODULE} ${out.Version} => ${dir}`
}
