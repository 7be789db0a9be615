// Cluster access for specs: the shared test cluster's info (KYMA_TEST_CLUSTER), fresh namespaces
// and small object builders. The `demo` namespace is read-only for specs (they run in parallel):
// everything a spec changes lives in a namespace of its own.
import { readFileSync } from 'node:fs'
import type { TestClusterInfo } from '../../cluster/test/cluster-info.ts'
import {
  applyYaml,
  createTestNamespace,
  kubeRequest,
  type KubeObject,
} from '../../cluster/test/helpers.ts'

export { applyYaml, closeClients, kubeRequest } from '../../cluster/test/helpers.ts'
export type { TestClusterInfo }

let cached: TestClusterInfo | undefined

/** The shared test cluster that `npm run e2e` started (or reused). */
export function clusterInfo(): TestClusterInfo {
  if (cached) return cached
  const file = process.env.KYMA_TEST_CLUSTER
  if (!file) throw new Error('KYMA_TEST_CLUSTER is not set: run the suite with `npm run e2e`.')
  cached = JSON.parse(readFileSync(file, 'utf8')) as TestClusterInfo
  return cached
}

export const APIRULES_V2 = '/apis/gateway.kyma-project.io/v2'
export const APIRULES_V1BETA1 = '/apis/gateway.kyma-project.io/v1beta1'

export function apiRulePath(ns: string, name: string, version: 'v2' | 'v1beta1' = 'v2') {
  return `${version === 'v2' ? APIRULES_V2 : APIRULES_V1BETA1}/namespaces/${ns}/apirules/${name}`
}

/** A Service like the demo's hello-kyma-svc (port 80 → 8080). */
export function serviceObject(name: string, ports = [{ name: 'http', port: 80 }]): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: {
      selector: { app: name },
      ports: ports.map((p) => ({ ...p, targetPort: 8080, protocol: 'TCP' })),
    },
  } as KubeObject
}

/** A v2 APIRule with one noAuth rule per path. */
export function apiRuleObject(
  name: string,
  o: { service?: string; port?: number; host?: string; paths?: string[]; methods?: string[] } = {},
): KubeObject {
  return {
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name },
    spec: {
      hosts: [o.host ?? name],
      service: { name: o.service ?? 'hello-kyma-svc', port: o.port ?? 80 },
      gateway: 'kyma-system/kyma-gateway',
      rules: (o.paths ?? ['/*']).map((path) => ({
        path,
        methods: o.methods ?? ['GET'],
        noAuth: true,
      })),
    },
  } as KubeObject
}

/**
 * A ready endpoint for Service `name`: the cluster has no nodes, so no Pod is ever ready, and the
 * editor would warn that the Service has no ready endpoints (as for the demo Services).
 */
export function readyEndpointSlice(name: string, port = 8080): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${name}-e2e`,
      labels: {
        'kubernetes.io/service-name': name,
        'endpointslice.kubernetes.io/managed-by': 'kyma-apirules-dashboard-e2e',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port, protocol: 'TCP' }],
    endpoints: [{ addresses: ['10.2.0.10'], conditions: { ready: true } }],
  } as KubeObject
}

/**
 * A fresh namespace (unique name, never reused) with a copy of the demo's hello-kyma-svc and the
 * given objects applied as admin; every Service gets a ready endpoint.
 */
export async function namespaceWith(prefix: string, objects: KubeObject[] = []): Promise<string> {
  const info = clusterInfo()
  const ns = await createTestNamespace(info, prefix)
  const all = [serviceObject('hello-kyma-svc'), ...objects]
  const slices = all
    .filter((o) => o.kind === 'Service')
    .map((o) => readyEndpointSlice(o.metadata.name))
  await applyYaml(info, [...all, ...slices], 'admin', ns)
  return ns
}

/** GET an APIRule as admin (undefined when it does not exist). */
export async function getApiRule(
  ns: string,
  name: string,
  version: 'v2' | 'v1beta1' = 'v2',
): Promise<Record<string, unknown> | undefined> {
  const res = await kubeRequest<Record<string, unknown>>(
    clusterInfo(),
    'admin',
    'GET',
    apiRulePath(ns, name, version),
  )
  if (res.status === 404) return undefined
  if (res.status !== 200) throw new Error(`GET ${name}: HTTP ${res.status}`)
  return res.body
}
