// Realistic v2 APIRules for the benchmarks, created straight against the API server.
import { createTestNamespace, kubeRequest } from '../../cluster/test/helpers.ts'
import type { TestClusterInfo } from '../../cluster/test/cluster-info.ts'

export const GROUP_VERSION = 'gateway.kyma-project.io/v2'
const DOMAIN = 'local.kyma.dev'
const ISSUER = `https://auth.${DOMAIN}`

export function apiRulesPath(namespace: string): string {
  return `/apis/${GROUP_VERSION}/namespaces/${namespace}/apirules`
}

const jwt = (scopes: string[]) => ({
  authentications: [{ issuer: ISSUER, jwksUri: `${ISSUER}/.well-known/jwks.json` }],
  authorizations: [{ requiredScopes: scopes, audiences: ['shop'] }],
})

/** The i-th bench APIRule: 2 or 3 rules mixing noAuth, jwt and extAuth, like a real shop API. */
export function benchApiRule(namespace: string, name: string, i: number): Record<string, unknown> {
  const rules: Record<string, unknown>[] = [
    { path: '/health', methods: ['GET'], noAuth: true },
    {
      path: `/api/v1/items/{**}`,
      methods: ['GET', 'HEAD'],
      jwt: jwt([`items:read`]),
      timeout: 30,
    },
  ]
  if (i % 3 !== 0)
    rules.push({
      path: '/api/v1/items',
      methods: ['POST', 'PUT', 'DELETE'],
      extAuth: { authorizers: ['oauth2-proxy'] },
      request: { headers: { 'x-bench-rule': String(i) } },
    })
  return {
    apiVersion: GROUP_VERSION,
    kind: 'APIRule',
    metadata: {
      name,
      namespace,
      labels: { app: `svc-${i % 50}`, 'bench.kyma-project.io/set': 'true' },
      annotations: { 'gateway.kyma-project.io/original-version': 'v2' },
    },
    spec: {
      gateway: 'kyma-system/kyma-gateway',
      hosts: [`${name}.${DOMAIN}`],
      service: { name: `svc-${i % 50}`, port: 8080 },
      corsPolicy: { allowOrigins: [{ prefix: 'https://' }], allowMethods: ['GET', 'POST'] },
      timeout: 60,
      rules,
    },
  }
}

/** An APIRule with `count` rules, for the editor benchmarks. */
export function manyRulesApiRule(namespace: string, name: string, count: number) {
  return {
    apiVersion: GROUP_VERSION,
    kind: 'APIRule',
    metadata: {
      name,
      namespace,
      annotations: { 'gateway.kyma-project.io/original-version': 'v2' },
    },
    spec: {
      gateway: 'kyma-system/kyma-gateway',
      hosts: [`${name}.${DOMAIN}`],
      service: { name: 'big', port: 8080 },
      rules: Array.from({ length: count }, (_, i) => ({
        path: `/r${i}`,
        methods: i % 2 ? ['GET', 'POST'] : ['GET'],
        ...(i % 4 === 0 ? { noAuth: true } : { jwt: jwt([`r${i}:read`]) }),
      })),
    },
  }
}

/** POSTs `objects` with `concurrency` requests in flight; throws on the first non-201. */
export async function createAll(
  info: TestClusterInfo,
  path: string,
  objects: Record<string, unknown>[],
  concurrency = 20,
): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < objects.length) {
      const obj = objects[next++]
      const res = await kubeRequest(info, 'admin', 'POST', path, obj)
      if (res.status !== 201)
        throw new Error(`create failed (${res.status}): ${JSON.stringify(res.body).slice(0, 300)}`)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
}

/** A fresh namespace holding `count` bench APIRules named `<prefix>-<i>`. */
export async function namespaceWithApiRules(
  info: TestClusterInfo,
  nsPrefix: string,
  count: number,
  concurrency = 20,
): Promise<string> {
  const ns = await createTestNamespace(info, nsPrefix)
  const objects = Array.from({ length: count }, (_, i) =>
    benchApiRule(ns, `api-${String(i).padStart(4, '0')}`, i),
  )
  await createAll(info, apiRulesPath(ns), objects, concurrency)
  return ns
}
