// Every manifest of deploy/ (the default kustomization and each opt-in component) is accepted by a
// real API server with the real CRDs, schema and CEL rules: server-side dry run, nothing is stored
// except the dashboard's namespace (each test run has a fresh cluster, so that is harmless).
import { afterAll, describe, expect, inject, it } from 'vitest'
import { resourcePath } from '../cluster/lib/apply.ts'
import { clientFor, closeClients, kubeRequest } from '../cluster/test/helpers.ts'
import { COMPONENTS, type Manifest, find, render } from './test/kustomize.ts'

const cluster = inject('cluster')
const admin = clientFor(cluster, 'admin')

afterAll(() => closeClients())

const defaults = render()
const namespace = find(defaults, 'Namespace')
// Each distinct object once: the default ones, then what the components add or change.
const seen = new Set<string>()
const objects = [...defaults, ...render(undefined, COMPONENTS)].filter((o) => {
  const key = JSON.stringify(o)
  if (o.kind === 'Namespace' || seen.has(key)) return false
  seen.add(key)
  return true
})

interface Status {
  kind: string
  code: number
  message: string
}

async function dryRunCreate(object: Manifest) {
  const collection = await resourcePath(admin, object, false)
  return admin.request<Status>('POST', `${collection}?dryRun=All`, object)
}

const label = (o: Manifest) => `${o.kind} ${o.metadata.name} (${o.apiVersion})`

describe('deploy/ manifests against the API server', () => {
  it('dry-runs the Namespace, then creates it for real for the namespaced objects', async () => {
    const dry = await dryRunCreate(namespace)
    expect(dry.status, JSON.stringify(dry.body)).toBe(201)
    const path = await resourcePath(admin, namespace)
    expect((await kubeRequest(cluster, 'admin', 'GET', path)).status).toBe(404)
    const created = await kubeRequest(cluster, 'admin', 'POST', '/api/v1/namespaces', namespace)
    // 409 only when the run reuses a live cluster (KYMA_TEST_CLUSTER) where a previous run made it.
    expect([201, 409], JSON.stringify(created.body)).toContain(created.status)
  })

  it('covers the default objects and every component', () => {
    const kinds = new Set(objects.map((o) => o.kind))
    for (const kind of [
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'ConfigMap',
      'Deployment',
      'Service',
      'PodDisruptionBudget',
      'APIRule',
    ]) {
      expect(kinds, kind).toContain(kind)
    }
    // default + extauth APIRule, default + in-cluster ConfigMap/Deployment, viewer + editor RBAC.
    expect(objects.filter((o) => o.kind === 'APIRule')).toHaveLength(2)
    expect(objects.filter((o) => o.kind === 'ClusterRole')).toHaveLength(2)
  })

  it.each(objects.map((o) => [label(o), o] as const))('accepts %s (dry run)', async (_, object) => {
    const res = await dryRunCreate(object)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    // Dry run: nothing stored.
    const stored = await kubeRequest(cluster, 'admin', 'GET', await resourcePath(admin, object))
    expect(stored.status).toBe(404)
  })
})

describe('the dry run can fail', () => {
  const apiRule = find<{ spec: { hosts: string[]; rules: Record<string, unknown>[] } }>(
    defaults,
    'APIRule',
  )
  const broken = (change: (copy: typeof apiRule) => void) => {
    const copy = structuredClone(apiRule)
    change(copy)
    return copy
  }

  it('refuses the APIRule with noAuth and jwt on one rule (CEL)', async () => {
    const res = await dryRunCreate(
      broken((copy) => {
        copy.spec.rules[0] = { ...copy.spec.rules[0], noAuth: true }
      }),
    )
    expect(res.status).toBe(422)
    expect(res.body.message).toContain(
      'One of the following fields must be set: noAuth, jwt, extAuth',
    )
  })

  it('refuses the APIRule with a host that is not a DNS name (CEL)', async () => {
    const res = await dryRunCreate(
      broken((copy) => {
        copy.spec.hosts = ['Dashboard.Example.invalid']
      }),
    )
    expect(res.status).toBe(422)
    expect(res.body.message).toContain('Host must be a lowercase RFC 1123 label')
  })
})
