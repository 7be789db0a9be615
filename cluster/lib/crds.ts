// Installs the CRDs in cluster/crds/ (and, with the API Gateway controller, the controller's own
// CRDs from its source in their place) and waits until they are served.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { type KubeObject, applyObject, parseYamlObjects } from './apply.ts'
import type { KubeClient } from './kube-client.ts'
import { crdDir } from './paths.ts'
import { waitFor } from './wait.ts'

export const CLUSTER_FIELD_MANAGER = 'kyma-apirules-dashboard-cluster'

interface CrdVersion {
  name: string
  served: boolean
  storage: boolean
  schema?: { openAPIV3Schema?: { properties?: Record<string, unknown> } }
}

interface Crd extends KubeObject {
  spec: {
    group: string
    scope: 'Namespaced' | 'Cluster'
    names: { plural: string; kind: string }
    versions: CrdVersion[]
    conversion?: unknown
  }
  status?: { conditions?: { type: string; status: string }[] }
}

const APIRULE_CRD = 'apirules.gateway.kyma-project.io'

/**
 * With the controller: its conversion webhook, on loopback (Kyma's kustomize build points it at the
 * in-cluster Service instead). The only change made to the controller's CRDs.
 */
export function withConversionWebhook(crd: Crd, url: string, caBundle: string): Crd {
  if (crd.metadata.name !== APIRULE_CRD) return crd
  return {
    ...crd,
    spec: {
      ...crd.spec,
      conversion: {
        strategy: 'Webhook',
        webhook: { conversionReviewVersions: ['v1'], clientConfig: { url, caBundle } },
      },
    },
  }
}

/**
 * Only without the controller. The APIRule CRD stores v2alpha1 and relies on Kyma's conversion
 * webhook, which then does not run,
 * so conversion is `None` (apiVersion relabel only). The API server prunes an object against the
 * storage version's schema before writing it, so a v1beta1 APIRule would lose `host`,
 * `accessStrategies` and `mutators` on create. Letting the storage version's `spec` keep unknown
 * fields makes every APIRule read back intact in the version it was written in. See README.md.
 */
export function adaptForLocalCluster(crd: Crd): Crd {
  if (crd.metadata.name !== APIRULE_CRD) return crd
  const copy = structuredClone(crd)
  for (const v of copy.spec.versions) {
    const props = v.schema?.openAPIV3Schema?.properties
    if (v.storage && props) {
      props.spec = {
        description:
          'Local cluster: kept as written (no conversion webhook; see cluster/README.md).',
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true,
      }
    }
  }
  return copy
}

export async function loadCrds(dir = crdDir): Promise<Crd[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort()
  const crds: Crd[] = []
  for (const f of files)
    crds.push(...(parseYamlObjects(await readFile(join(dir, f), 'utf8')) as Crd[]))
  return crds
}

/** Where the controller's CRDs are and how the API server reaches its conversion webhook. */
export interface ControllerCrds {
  crdDir: string
  conversionUrl: string
  /** Base64 PEM of the CA that signed the webhook's serving certificate. */
  caBundle: string
}

/**
 * The project's CRDs, and with the controller its own CRDs (same name: the controller's wins).
 * Without the controller the APIRule CRD is adapted (see adaptForLocalCluster).
 */
export async function crdsToInstall(controller?: ControllerCrds): Promise<Crd[]> {
  const byName = new Map((await loadCrds()).map((c) => [c.metadata.name, c]))
  if (!controller) return [...byName.values()].map(adaptForLocalCluster)
  for (const crd of await loadCrds(controller.crdDir)) byName.set(crd.metadata.name, crd)
  return [...byName.values()].map((c) =>
    withConversionWebhook(c, controller.conversionUrl, controller.caBundle),
  )
}

/** Applies the CRDs and waits until each is Established and its served versions answer. */
export async function installCrds(
  client: KubeClient,
  controller?: ControllerCrds,
  timeoutMs = 60_000,
): Promise<string[]> {
  const crds = await crdsToInstall(controller)
  await Promise.all(crds.map((crd) => applyObject(client, crd, CLUSTER_FIELD_MANAGER)))
  await Promise.all(
    crds.map(async (crd) => {
      const name = crd.metadata.name
      await waitFor(
        `CRD ${name} Established`,
        async () => {
          const cur = await client.ok<Crd>(
            'GET',
            `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
          )
          return (
            cur.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True') ||
            undefined
          )
        },
        timeoutMs,
      )
      for (const v of crd.spec.versions.filter((x) => x.served)) {
        const path = `/apis/${crd.spec.group}/${v.name}/${crd.spec.names.plural}?limit=1`
        await waitFor(
          `${name} ${v.name} served`,
          async () => {
            const res = await client.request('GET', path)
            // Objects stored earlier need the conversion webhook, which the controller only
            // serves once it runs (it starts after the CRDs): its error proves the version served.
            const needsWebhook =
              res.status === 500 && JSON.stringify(res.body).includes('conversion')
            return res.status === 200 || needsWebhook ? true : undefined
          },
          timeoutMs,
        )
      }
    }),
  )
  // Measured: the first POST to a just-installed CRD blocks for ~2 s (PATCH/apply does not), once per
  // CRD. An invalid dry-run POST (nothing is stored) takes that hit here rather than in the first
  // test or the first "Create" click.
  await Promise.all(
    crds.map((crd) => {
      const v = crd.spec.versions.find((x) => x.served)
      if (!v) return
      const ns = crd.spec.scope === 'Namespaced' ? '/namespaces/default' : ''
      const path = `/apis/${crd.spec.group}/${v.name}${ns}/${crd.spec.names.plural}?dryRun=All`
      return client.request('POST', path, {
        apiVersion: `${crd.spec.group}/${v.name}`,
        kind: crd.spec.names.kind,
        metadata: { name: 'warm-up' },
      })
    }),
  )
  return crds.map((c) => c.metadata.name)
}
