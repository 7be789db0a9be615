// Everything applied to a fresh local cluster as admin: RBAC for the static users, the CRDs, and
// (optionally) the demo data. Idempotent, so it also runs on every restart of a persistent cluster.
import { applyAll } from './lib/apply.ts'
import { CLUSTER_FIELD_MANAGER, installCrds } from './lib/crds.ts'
import type { KubeClient } from './lib/kube-client.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'
import { OIDC_PREFIX, type OidcProviderInfo } from './lib/oidc-provider.ts'
import { oidcRbacObjects, rbacObjects } from './lib/rbac.ts'
import { seedDemo } from './seed.ts'

export interface SetUpOptions {
  seed?: boolean
  /** The local OpenID provider, whose users get RBAC like their static twins. */
  oidc?: OidcProviderInfo
  log?: Log
}

export async function setUpCluster(admin: KubeClient, opts: SetUpOptions = {}): Promise<void> {
  const log = opts.log ?? consoleLog
  const started = performance.now()
  const oidcGroups = opts.oidc && {
    editor: OIDC_PREFIX + opts.oidc.users.editor.groups[0],
    viewer: OIDC_PREFIX + opts.oidc.users.viewer.groups[0],
  }
  await applyAll(
    admin,
    [...rbacObjects(), ...(oidcGroups ? oidcRbacObjects(oidcGroups) : [])],
    CLUSTER_FIELD_MANAGER,
  )
  const crds = await installCrds(admin)
  log(`RBAC and ${crds.length} CRDs ready in ${formatDuration(performance.now() - started)}`)
  if (opts.seed !== false) await seedDemo(admin, log)
}
