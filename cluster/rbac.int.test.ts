// The static users' permissions (cluster/lib/rbac.ts) as the dashboard will meet them.
import { randomBytes } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import type { ClusterUser } from './test/cluster-info.ts'
import {
  closeClients,
  createTestNamespace,
  kubeRequest,
  apiRulesPath as apirules,
  testApiRule as apiRule,
} from './test/helpers.ts'

const info = inject('cluster')
const unique = (p: string) => `${p}-${randomBytes(3).toString('hex')}`

async function canI(user: ClusterUser, attrs: Record<string, string>) {
  const res = await kubeRequest<{ status: { allowed: boolean } }>(
    info,
    user,
    'POST',
    '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: { resourceAttributes: attrs },
    },
  )
  expect(res.status).toBe(201)
  return res.body.status.allowed
}

afterAll(closeClients)

describe('viewer', () => {
  it('gets 403 when creating an APIRule', async () => {
    const res = await kubeRequest<{ reason: string }>(
      info,
      'viewer',
      'POST',
      apirules('demo'),
      apiRule(unique('v')),
    )
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('Forbidden')
  })

  it('reads APIRules, Services, Functions and namespaces everywhere, but not Secrets', async () => {
    for (const path of [
      '/apis/gateway.kyma-project.io/v2/apirules',
      '/api/v1/services',
      '/api/v1/namespaces',
      '/apis/serverless.kyma-project.io/v1alpha2/functions',
      '/apis/networking.istio.io/v1/gateways',
    ]) {
      expect((await kubeRequest(info, 'viewer', 'GET', path)).status, path).toBe(200)
    }
    expect(
      (await kubeRequest(info, 'viewer', 'GET', '/api/v1/namespaces/demo/secrets')).status,
    ).toBe(403)
  })
})

describe('developer', () => {
  it('creates, updates and deletes APIRules in demo', async () => {
    const name = unique('dev')
    const created = await kubeRequest(info, 'developer', 'POST', apirules('demo'), apiRule(name))
    expect(created.status).toBe(201)
    const patched = await kubeRequest(
      info,
      'developer',
      'PATCH',
      `${apirules('demo')}/${name}`,
      { spec: { timeout: 60 } },
      { 'content-type': 'application/merge-patch+json' },
    )
    expect(patched.status).toBe(200)
    expect(
      (await kubeRequest(info, 'developer', 'DELETE', `${apirules('demo')}/${name}`)).status,
    ).toBe(200)
  })

  it('cannot create APIRules in another namespace', async () => {
    const ns = await createTestNamespace(info, 'not-dev')
    const res = await kubeRequest(info, 'developer', 'POST', apirules(ns), apiRule(unique('dev')))
    expect(res.status).toBe(403)
    expect(
      (await kubeRequest(info, 'developer', 'POST', apirules('shop'), apiRule(unique('dev'))))
        .status,
    ).toBe(403)
  })

  it('reads Services and Functions only in demo, and lists namespaces', async () => {
    expect(
      (await kubeRequest(info, 'developer', 'GET', '/api/v1/namespaces/demo/services')).status,
    ).toBe(200)
    expect(
      (await kubeRequest(info, 'developer', 'GET', '/api/v1/namespaces/shop/services')).status,
    ).toBe(403)
    expect(
      (
        await kubeRequest(
          info,
          'developer',
          'GET',
          '/apis/serverless.kyma-project.io/v1alpha2/namespaces/demo/functions',
        )
      ).status,
    ).toBe(200)
    expect((await kubeRequest(info, 'developer', 'GET', '/api/v1/namespaces')).status).toBe(200)
    expect(
      (
        await kubeRequest(
          info,
          'developer',
          'GET',
          '/api/v1/namespaces/demo/services/hello',
          undefined,
        )
      ).status,
    ).toBe(200)
  })
})

describe('SelfSubjectAccessReview (system:basic-user, bootstrapped by the API server)', () => {
  it('answers per user and namespace', async () => {
    const create = { group: 'gateway.kyma-project.io', resource: 'apirules', verb: 'create' }
    expect(await canI('developer', { ...create, namespace: 'demo' })).toBe(true)
    expect(await canI('developer', { ...create, namespace: 'shop' })).toBe(false)
    expect(await canI('viewer', { ...create, namespace: 'demo' })).toBe(false)
    expect(await canI('viewer', { ...create, verb: 'list', namespace: 'shop' })).toBe(true)
    expect(await canI('admin', { ...create, namespace: 'shop' })).toBe(true)
  })
})
