// Helpers for integration tests (Vitest now, Playwright later): raw REST calls as one of the
// static users, unique namespaces, and applying YAML.
import { randomBytes } from 'node:crypto'
import { type KubeObject, applyObject, parseYamlObjects, resourcePath } from '../lib/apply.ts'
import { type KubeClient, type KubeResponse, createKubeClient } from '../lib/kube-client.ts'
import type { ClusterUser, TestClusterInfo } from './cluster-info.ts'

export type { KubeObject } from '../lib/apply.ts'
export type { KubeResponse } from '../lib/kube-client.ts'

export const TEST_FIELD_MANAGER = 'kyma-apirules-dashboard-test'

const clients = new Map<string, KubeClient>()

/** A cached REST client for `user` on the cluster in `info`. */
export function clientFor(info: TestClusterInfo, user: ClusterUser = 'admin'): KubeClient {
  const key = `${info.server}|${user}`
  let c = clients.get(key)
  if (!c) {
    c = createKubeClient({ server: info.server, caData: info.caData, token: info.tokens[user] })
    clients.set(key, c)
  }
  return c
}

/** Closes the cached clients' connection pools (e.g. in an afterAll). */
export async function closeClients(): Promise<void> {
  await Promise.all([...clients.values()].map((c) => c.close()))
  clients.clear()
}

/** One request as `user`: status, parsed JSON body and headers; never throws on HTTP errors. */
export function kubeRequest<T = unknown>(
  info: TestClusterInfo,
  user: ClusterUser,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<KubeResponse<T>> {
  return clientFor(info, user).request<T>(method, path, body, headers)
}

/**
 * Creates a namespace with a unique name (`<prefix>-<random>`). Names are never reused: without a
 * controller manager a deleted namespace stays Terminating forever.
 */
export async function createTestNamespace(info: TestClusterInfo, prefix = 'test'): Promise<string> {
  const safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40)
    .replace(/-+$/, '')
  const name = `${safe}-${randomBytes(4).toString('hex')}`
  await clientFor(info, 'admin').ok('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kyma-apirules-dashboard/test': 'true' } },
  })
  return name
}

/** REST path of the v2 APIRules of namespace `ns`. */
export const apiRulesPath = (ns: string) =>
  `/apis/gateway.kyma-project.io/v2/namespaces/${ns}/apirules`

/**
 * A minimal v2 APIRule: host `<name>.local.kyma.dev` on the Kyma gateway, to `hello-kyma-svc:80`,
 * with one `GET /*` rule completed by `rule` (no authentication unless `rule` says otherwise).
 */
export const testApiRule = (name: string, rule: Record<string, unknown> = { noAuth: true }) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name },
  spec: {
    hosts: [`${name}.local.kyma.dev`],
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'hello-kyma-svc', port: 80 },
    rules: [{ path: '/*', methods: ['GET'], ...rule }],
  },
})

/** Server-side applies every document of `yaml` (or the given objects) as `user`. */
export async function applyYaml(
  info: TestClusterInfo,
  yaml: string | KubeObject[],
  user: ClusterUser = 'admin',
  namespace?: string,
): Promise<KubeObject[]> {
  const objs = typeof yaml === 'string' ? parseYamlObjects(yaml) : yaml
  const out: KubeObject[] = []
  for (const o of objs) {
    const obj =
      namespace && !o.metadata.namespace ? { ...o, metadata: { ...o.metadata, namespace } } : o
    out.push(await applyObject(clientFor(info, user), obj, TEST_FIELD_MANAGER))
  }
  return out
}

/** REST path of an object (e.g. for GET/DELETE), resolved through discovery. */
export function objectPath(info: TestClusterInfo, obj: Parameters<typeof resourcePath>[1]) {
  return resourcePath(clientFor(info, 'admin'), obj)
}

export { parseYamlObjects }

/**
 * Lets the local OpenID provider's editors (group `oidc:dashboard-editors`) change APIRules in
 * namespace `ns`, as the developer may in `demo`.
 */
export async function bindOidcEditors(info: TestClusterInfo, ns: string): Promise<void> {
  await clientFor(info, 'admin').ok(
    'POST',
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'oidc-editors' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: 'kyma-apirules-dashboard:apirule-developer',
      },
      subjects: [
        { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'oidc:dashboard-editors' },
      ],
    },
  )
}
