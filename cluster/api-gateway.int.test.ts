// The real Kyma API Gateway controller in the local cluster: APIRules created through the BFF turn
// Ready and get their Istio objects, labelled with their owner; deleting a rule removes them; a
// deleted namespace (kube-controller-manager) finishes deleting.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { fetch } from 'undici'
import { writeHeaders } from '../server/test/malicious-requests.ts'
import { startBff, type RunningBff } from '../server/test/bff.ts'
import { applyYaml, closeClients, createTestNamespace, kubeRequest } from './test/helpers.ts'

const cluster = inject('cluster')
let bff: RunningBff
let ns: string

const OWNER_NAME = 'apirule.gateway.kyma-project.io/name'
const OWNER_NAMESPACE = 'apirule.gateway.kyma-project.io/namespace'
const KINDS = {
  VirtualService: 'networking.istio.io/v1beta1/virtualservices',
  AuthorizationPolicy: 'security.istio.io/v1beta1/authorizationpolicies',
  RequestAuthentication: 'security.istio.io/v1beta1/requestauthentications',
} as const
type Kind = keyof typeof KINDS

interface Owned {
  metadata: { name: string; namespace: string; labels?: Record<string, string> }
  spec?: Record<string, unknown>
}
interface Rule {
  metadata: { name: string }
  status?: { state?: string; description?: string }
}

const jwt = {
  authentications: [
    { issuer: 'https://auth.local.kyma.dev', jwksUri: 'https://auth.local.kyma.dev/jwks.json' },
  ],
}

/** The rule variants the issue names, each with the kinds the controller must generate. */
const CASES: { label: string; rule: Record<string, unknown>; spec?: object; kinds: Kind[] }[] = [
  { label: 'noAuth', rule: { noAuth: true }, kinds: ['VirtualService', 'AuthorizationPolicy'] },
  {
    label: 'jwt',
    rule: { jwt: { ...jwt, authorizations: [{ requiredScopes: ['read'] }] } },
    kinds: ['VirtualService', 'AuthorizationPolicy', 'RequestAuthentication'],
  },
  {
    label: 'extAuth',
    rule: { extAuth: { authorizers: ['oauth2-proxy'], restrictions: jwt } },
    kinds: ['VirtualService', 'AuthorizationPolicy', 'RequestAuthentication'],
  },
  {
    label: 'CORS',
    rule: { noAuth: true },
    spec: { corsPolicy: { allowOrigins: [{ exact: 'https://shop.example.com' }] } },
    kinds: ['VirtualService', 'AuthorizationPolicy'],
  },
  {
    label: 'request headers',
    rule: { noAuth: true, request: { headers: { 'X-Served-By': 'test' } } },
    kinds: ['VirtualService', 'AuthorizationPolicy'],
  },
]

const bffUrl = (path: string) => `${bff.origin}/api/k8s${path}`
const rulesPath = () => `/apis/gateway.kyma-project.io/v2/namespaces/${ns}/apirules`

async function owned(kind: Kind, name: string): Promise<Owned[]> {
  const selector = encodeURIComponent(`${OWNER_NAME}=${name},${OWNER_NAMESPACE}=${ns}`)
  const res = await fetch(bffUrl(`/apis/${KINDS[kind]}?labelSelector=${selector}`))
  expect(res.status).toBe(200)
  return ((await res.json()) as { items: Owned[] }).items
}

beforeAll(async () => {
  bff = await startBff({
    authMode: 'kubeconfig',
    kubeconfig: cluster.kubeconfigPath,
    context: 'local-admin',
  })
  ns = await createTestNamespace(cluster, 'controller')
  // The controller checks the Service (its selector finds the pods that need a sidecar).
  await applyYaml(
    cluster,
    [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'backend' },
        spec: { selector: { app: 'backend' }, ports: [{ port: 80, targetPort: 8080 }] },
      },
    ],
    'admin',
    ns,
  )
})

afterAll(async () => {
  await bff?.close()
  await closeClients()
})

describe('the API Gateway controller', () => {
  it('runs in the test cluster', () => {
    // If not, `reason` says why (e.g. it could not be built).
    expect(cluster.apiGateway).toEqual({ running: true })
  })

  it.each(CASES)(
    '$label: Ready within 30 s with its owned objects; deleting the rule removes them',
    async ({ label, rule, spec, kinds }) => {
      const name = `c-${label.replace(/\W+/g, '-').toLowerCase()}`
      const created = await fetch(bffUrl(`${rulesPath()}?fieldManager=dashboard`), {
        method: 'POST',
        headers: writeHeaders(bff.origin),
        body: JSON.stringify({
          apiVersion: 'gateway.kyma-project.io/v2',
          kind: 'APIRule',
          metadata: { name },
          spec: {
            hosts: [`${name}-${ns}.local.kyma.dev`],
            gateway: 'kyma-system/kyma-gateway',
            service: { name: 'backend', port: 80 },
            rules: [{ path: '/*', methods: ['GET'], ...rule }],
            ...spec,
          },
        }),
      })
      expect(created.status).toBe(201)

      await expect
        .poll(
          async () => {
            const res = await fetch(bffUrl(`${rulesPath()}/${name}`))
            return ((await res.json()) as Rule).status
          },
          { timeout: 30_000, interval: 250 },
        )
        .toMatchObject({ state: 'Ready' })

      for (const kind of kinds) {
        const items = await owned(kind, name)
        expect(items.length, `${kind} of ${label}`).toBeGreaterThan(0)
        for (const item of items) {
          expect(item.metadata.labels).toMatchObject({
            [OWNER_NAME]: name,
            [OWNER_NAMESPACE]: ns,
          })
        }
      }

      const deleted = await fetch(bffUrl(`${rulesPath()}/${name}`), {
        method: 'DELETE',
        headers: { Origin: bff.origin, 'X-Kyma-Dashboard-Csrf': '1' },
      })
      expect(deleted.status).toBe(200)
      await expect
        .poll(
          async () => {
            const left = await Promise.all(kinds.map((k) => owned(k, name)))
            const rule = await fetch(bffUrl(`${rulesPath()}/${name}`))
            return { objects: left.flat().length, rule: rule.status }
          },
          { timeout: 30_000, interval: 250 },
        )
        .toEqual({ objects: 0, rule: 404 })
    },
    // Up to 30 s to Ready and 30 s to clean up, on a loaded machine.
    90_000,
  )

  it('writes the VirtualService for the rule host to the rule service', async () => {
    const name = 'c-vs'
    const host = `${name}-${ns}.local.kyma.dev`
    await applyYaml(
      cluster,
      [
        {
          apiVersion: 'gateway.kyma-project.io/v2',
          kind: 'APIRule',
          metadata: { name },
          spec: {
            hosts: [host],
            gateway: 'kyma-system/kyma-gateway',
            service: { name: 'backend', port: 80 },
            rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
          },
        },
      ],
      'admin',
      ns,
    )
    await expect.poll(() => owned('VirtualService', name), { timeout: 30_000 }).toHaveLength(1)
    const [vs] = await owned('VirtualService', name)
    expect(vs?.spec).toMatchObject({ hosts: [host], gateways: ['kyma-system/kyma-gateway'] })
    expect(JSON.stringify(vs?.spec)).toContain(`backend.${ns}.svc.cluster.local`)
  }, 60_000)
})

describe('kube-controller-manager', () => {
  it('finishes deleting a namespace with APIRules in it', async () => {
    const doomed = await createTestNamespace(cluster, 'doomed')
    await applyYaml(
      cluster,
      [
        {
          apiVersion: 'gateway.kyma-project.io/v2',
          kind: 'APIRule',
          metadata: { name: 'gone' },
          spec: {
            hosts: [`gone-${doomed}.local.kyma.dev`],
            gateway: 'kyma-system/kyma-gateway',
            service: { name: 'backend', namespace: ns, port: 80 },
            rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
          },
        },
      ],
      'admin',
      doomed,
    )
    const res = await kubeRequest(cluster, 'admin', 'DELETE', `/api/v1/namespaces/${doomed}`)
    expect(res.status).toBe(200)
    await expect
      .poll(
        async () =>
          (await kubeRequest(cluster, 'admin', 'GET', `/api/v1/namespaces/${doomed}`)).status,
        { timeout: 60_000, interval: 500 },
      )
      .toBe(404)
  }, 90_000)

  it('gives a new namespace its default ServiceAccount', async () => {
    const fresh = await createTestNamespace(cluster, 'sa')
    await expect
      .poll(
        async () =>
          (
            await kubeRequest(
              cluster,
              'admin',
              'GET',
              `/api/v1/namespaces/${fresh}/serviceaccounts/default`,
            )
          ).status,
        { timeout: 30_000 },
      )
      .toBe(200)
  }, 60_000)
})
