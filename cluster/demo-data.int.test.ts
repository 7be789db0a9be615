// The seeded demo data as the dashboard will read it.
import { afterAll, describe, expect, inject, it } from 'vitest'
import {
  MISSING_SERVICE,
  NOT_READY_DEMO_RULES,
  apiRuleObjects,
  functionObjects,
} from './lib/demo-data.ts'
import { closeClients, kubeRequest, objectPath } from './test/helpers.ts'

const info = inject('cluster')
afterAll(closeClients)

interface Obj {
  apiVersion: string
  metadata: {
    name: string
    uid: string
    ownerReferences?: { kind: string; name: string; uid: string }[]
  }
  spec: Record<string, unknown>
  status?: {
    state?: string
    description?: string
    APIRuleStatus?: { code?: string; desc?: string }
  }
}

const statusOf = async (obj: Parameters<typeof objectPath>[1]) =>
  (await kubeRequest<Obj>(info, 'viewer', 'GET', await objectPath(info, obj))).body.status

describe('demo APIRules', () => {
  it.each(
    apiRuleObjects().map((o) => [
      `${o.metadata.namespace}/${o.metadata.name} (${o.apiVersion})`,
      o,
    ]),
  )('%s reads back in its written version with the spec intact', async (_label, obj) => {
    const res = await kubeRequest<Obj>(info, 'viewer', 'GET', await objectPath(info, obj))
    expect(res.status).toBe(200)
    expect(res.body.apiVersion).toBe(obj.apiVersion)
    expect(res.body.spec).toEqual(obj.spec)
  })

  it('covers every v2 access strategy and a v1beta1 leftover', () => {
    const rules = apiRuleObjects().flatMap(
      (o) => (o.spec as { rules: Record<string, unknown>[] }).rules,
    )
    for (const key of ['noAuth', 'jwt', 'extAuth', 'accessStrategies']) {
      expect(
        rules.some((r) => key in r),
        key,
      ).toBe(true)
    }
  })
})

describe('demo APIRules reconciled by the API Gateway controller', () => {
  const v2 = apiRuleObjects().filter(
    (o) => !(NOT_READY_DEMO_RULES as readonly string[]).includes(o.metadata.name),
  )

  it.each(v2.map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]))(
    '%s is Ready',
    async (_label, obj) => {
      expect(info.apiGateway).toEqual({ running: true })
      await expect.poll(() => statusOf(obj), { timeout: 30_000 }).toMatchObject({ state: 'Ready' })
    },
    60_000,
  )

  it('the lesson v1beta1 rule carries the controller’s "migrate to v2" error', async () => {
    const obj = apiRuleObjects().find((o) => o.metadata.name === 'my-api-rule')
    if (!obj) throw new Error('demo data lost my-api-rule')
    await expect
      .poll(() => statusOf(obj), { timeout: 30_000 })
      .toMatchObject({ APIRuleStatus: { code: 'ERROR', desc: expect.stringMatching(/migrate/) } })
  }, 60_000)

  it('the rule whose Service is missing shows the controller’s Error', async () => {
    const obj = apiRuleObjects().find((o) => o.metadata.name === 'inventory')
    if (!obj) throw new Error('demo data lost inventory')
    await expect
      .poll(() => statusOf(obj), { timeout: 30_000 })
      .toMatchObject({ state: 'Error', description: expect.stringContaining(MISSING_SERVICE) })
  }, 60_000)
})

describe('demo Functions', () => {
  it.each(functionObjects().map((f) => [f.metadata.name]))(
    '%s has a Service of the same name owned by it',
    async (name) => {
      const fn = await kubeRequest<Obj>(
        info,
        'viewer',
        'GET',
        `/apis/serverless.kyma-project.io/v1alpha2/namespaces/demo/functions/${name}`,
      )
      const svc = await kubeRequest<Obj>(
        info,
        'viewer',
        'GET',
        `/api/v1/namespaces/demo/services/${name}`,
      )
      expect(fn.status).toBe(200)
      expect(svc.status).toBe(200)
      expect(svc.body.metadata.ownerReferences).toEqual([
        expect.objectContaining({ kind: 'Function', name, uid: fn.body.metadata.uid }),
      ])
    },
  )

  it('leaves greeter unexposed', () => {
    const services = apiRuleObjects().flatMap((o) => {
      const spec = o.spec as { service?: { name: string }; rules: { service?: { name: string } }[] }
      return [spec.service?.name, ...spec.rules.map((r) => r.service?.name)]
    })
    expect(services).toContain('hello')
    expect(services).toContain('hello-kyma-svc')
    expect(services).not.toContain('greeter')
  })
})
