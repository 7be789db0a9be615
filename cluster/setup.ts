// Everything applied to a fresh local cluster as admin: RBAC for the static users, the CRDs, the
// Kyma API Gateway controller when it is available, and (optionally) the demo data. Idempotent, so
// it also runs on every restart of a persistent cluster.
import { join } from 'node:path'
import { type ApiGatewayBuild, withoutControllerLine } from './lib/api-gateway-build.ts'
import {
  CONVERSION_URL,
  portInUseLine,
  startApiGateway,
  webhookCaBundle,
  webhookPortFree,
} from './lib/api-gateway.ts'
import { applyAll } from './lib/apply.ts'
import { CLUSTER_FIELD_MANAGER, installCrds } from './lib/crds.ts'
import type { KubeClient } from './lib/kube-client.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'
import { OIDC_PREFIX, type OidcProviderInfo } from './lib/oidc-provider.ts'
import { oidcRbacObjects, rbacObjects, waitForAggregatedView } from './lib/rbac.ts'
import type { LocalCluster } from './local-cluster.ts'
import { seedDemo } from './seed.ts'
import type { TestClusterInfo } from './test/cluster-info.ts'

export interface SetUpOptions {
  seed?: boolean
  /** The local OpenID provider, whose users get RBAC like their static twins. */
  oidc?: OidcProviderInfo
  log?: Log
  /** The controller build (or why there is none); undefined = run without it, silently. */
  apiGateway?: ApiGatewayBuild
}

/** Starts the controller if it can run; otherwise says why in one line. */
async function setUpApiGateway(
  cluster: LocalCluster,
  admin: KubeClient,
  build: ApiGatewayBuild | undefined,
  log: Log,
): Promise<TestClusterInfo['apiGateway']> {
  const without = (reason: string) => {
    log(withoutControllerLine(reason))
    return { running: false as const, reason }
  }
  if (!build) return { running: false, reason: 'disabled (--no-controller)' }
  if (!build.available) return without(build.reason)
  if (!(await webhookPortFree())) return without(portInUseLine())
  const pkiDir = join(cluster.stateDir, 'pki')
  const caBundle = await webhookCaBundle(pkiDir)
  await installCrds(admin, { crdDir: build.crdDir, conversionUrl: CONVERSION_URL, caBundle })
  try {
    const started = performance.now()
    const proc = await startApiGateway({
      admin,
      binary: build.binary,
      server: cluster.info.server,
      pki: cluster.pki,
      pkiDir,
      logsDir: cluster.logsDir,
      fieldManager: CLUSTER_FIELD_MANAGER,
    })
    cluster.adopt(proc)
    log(`API Gateway controller ready in ${formatDuration(performance.now() - started)}`)
    return { running: true }
  } catch (err) {
    // Back to the CRDs that work without a webhook, so the cluster stays usable.
    await installCrds(admin)
    return without(`it did not start (${(err as Error).message.split('\n')[0] ?? ''})`)
  }
}

/** RBAC, CRDs, the controller, demo data; records in `cluster.info` whether the controller runs. */
export async function setUpCluster(cluster: LocalCluster, opts: SetUpOptions = {}): Promise<void> {
  const log = opts.log ?? consoleLog
  const admin = cluster.client('admin')
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
  const apiGateway = await setUpApiGateway(cluster, admin, opts.apiGateway, log)
  const crds = apiGateway.running ? undefined : await installCrds(admin)
  cluster.info.apiGateway = apiGateway
  if (cluster.controllerManager) await waitForAggregatedView(admin)
  log(
    `RBAC${crds ? `, ${crds.length} CRDs` : ', CRDs, API Gateway controller'} ready in ` +
      formatDuration(performance.now() - started),
  )
  if (opts.seed !== false) await seedDemo(admin, log)
}
