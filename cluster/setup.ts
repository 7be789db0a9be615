// Everything applied to a fresh local cluster as admin: RBAC for the static users, the CRDs, the
// Kyma API Gateway controller when it is available, and (optionally) the demo data. Idempotent, so
// it also runs on every restart of a persistent cluster.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { type ApiGatewayBuild, withoutControllerLine } from './lib/api-gateway-build.ts'
import { conversionUrl, startApiGateway, webhookCaBundle } from './lib/api-gateway.ts'
import { applyAll } from './lib/apply.ts'
import { CLUSTER_FIELD_MANAGER, installCrds } from './lib/crds.ts'
import type { KubeClient } from './lib/kube-client.ts'
import { freePort } from './lib/ports.ts'
import { supervise } from './lib/supervise.ts'
import { waitFor } from './lib/wait.ts'
import {
  prepareForWebhook,
  restoreForNoWebhook,
  restoreThroughWebhook,
} from './lib/apirule-storage.ts'
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
  const pkiDir = join(cluster.stateDir, 'pki')
  const caBundle = await webhookCaBundle(pkiDir)
  const started = performance.now()
  // Rules this state dir stored without the controller, made readable for its webhook first.
  const pending = await prepareForWebhook(admin)
  let lastError = ''
  // The webhook binds its port on every interface and freePort() probes loopback only, so a port
  // taken elsewhere (or between probe and bind) is retried with another one.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const webhookPort = await freePort()
    const url = conversionUrl(webhookPort)
    await installCrds(admin, { crdDir: build.crdDir, conversionUrl: url, caBundle })
    const start = () =>
      startApiGateway({
        admin,
        binary: build.binary,
        server: cluster.info.server,
        pki: cluster.pki,
        pkiDir,
        logsDir: cluster.logsDir,
        fieldManager: CLUSTER_FIELD_MANAGER,
        webhookPort,
      })
    let controller: ReturnType<typeof supervise> | undefined
    try {
      // Restarted on the same port when it dies: the CRD names that port.
      controller = supervise(await start(), start, log)
      await waitForApiRuleReads(admin)
      await restoreThroughWebhook(admin, pending)
      if (pending.length) {
        log(
          `re-stored ${pending.length} APIRules written without the controller through its webhook`,
        )
      }
      log(
        `API Gateway controller ready (webhook ${url}) in ${formatDuration(performance.now() - started)}`,
      )
      cluster.adopt(controller)
      return { running: true }
    } catch (err) {
      await controller?.stop()
      lastError = (err as Error).message.split('\n')[0] ?? ''
      if (!(await portWasTaken(cluster.logsDir))) break
    }
  }
  // Back to the CRDs that work without a webhook, so the cluster stays usable.
  await installCrds(admin)
  return without(`it did not start (${lastError})`)
}

/**
 * The API server serves APIRule lists: after a restart its watch cache for them initializes only
 * once the webhook converts, and until then lists answer 429 "storage is (re)initializing".
 */
async function waitForApiRuleReads(admin: KubeClient) {
  await waitFor(
    'APIRule lists served through the webhook',
    async () =>
      // resourceVersion=0: served from the watch cache (a list with a limit alone would go to etcd
      // and succeed while the cache still answers 429).
      (await admin.request('GET', '/apis/gateway.kyma-project.io/v2/apirules?resourceVersion=0'))
        .status === 200 || undefined,
    60_000,
    200,
  )
}

/** Whether the controller's last run failed to bind its webhook port (its log says so). */
async function portWasTaken(logsDir: string): Promise<boolean> {
  const log = await readFile(join(logsDir, 'api-gateway.log'), 'utf8').catch(() => '')
  return /address already in use/.test(log.slice(-4000))
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
  if (crds) {
    const n = await restoreForNoWebhook(admin)
    if (n) log(`re-stored ${n} APIRules written with the controller for a cluster without it`)
  }
  cluster.info.apiGateway = apiGateway
  if (cluster.controllerManager) await waitForAggregatedView(admin)
  log(
    `RBAC${crds ? `, ${crds.length} CRDs` : ', CRDs, API Gateway controller'} ready in ` +
      formatDuration(performance.now() - started),
  )
  // A restarted state dir keeps what the user changed in the demo data; only what is missing is added.
  if (opts.seed !== false) await seedDemo(admin, log, { onlyMissing: true })
}
