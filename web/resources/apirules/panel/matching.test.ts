import { describe, expect, it } from 'vitest'
import { toApiRuleViews } from '../domain/view.ts'
import { apiRulesForService } from './matching.ts'

const v2 = (name: string, spec: unknown, namespace = 'demo') => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name, namespace },
  spec,
})

const views = toApiRuleViews([
  v2('hello', {
    hosts: ['hello.local.kyma.dev'],
    service: { name: 'hello', namespace: 'demo', port: 80 },
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
  }),
  v2('hello-kyma', {
    hosts: ['hello-kyma-api'],
    service: { name: 'hello-kyma-svc', port: 80 },
    rules: [
      { path: '/a', methods: ['GET'], noAuth: true },
      { path: '/metrics', methods: ['GET'], noAuth: true, service: { name: 'orders', port: 9090 } },
    ],
  }),
  // v1beta1 data read through v2: spec.service is all that is left of the target.
  {
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: {
      name: 'my-api-rule',
      namespace: 'demo',
      annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' },
    },
    spec: {
      gateway: 'kyma-system/kyma-gateway',
      service: { name: 'hello-kyma-svc', port: 80 },
      rules: [{ path: '/.*', methods: ['GET'] }],
    },
  },
  // Another namespace, routing here through service.namespace.
  v2(
    'cross',
    {
      hosts: ['cross.local.kyma.dev'],
      service: { name: 'hello', namespace: 'demo', port: 80 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    },
    'shop',
  ),
  // Same name, other namespace: not the demo Service.
  v2(
    'shop-hello',
    {
      hosts: ['shop-hello.local.kyma.dev'],
      service: { name: 'hello', port: 80 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    },
    'shop',
  ),
])

const names = (ns: string, svc: string) => apiRulesForService(views, ns, svc).map((m) => m.view.key)

describe('apiRulesForService', () => {
  it('matches the exact Service name: hello and hello-kyma-svc never mix', () => {
    expect(names('demo', 'hello')).toEqual(['demo/hello', 'shop/cross'])
    expect(names('demo', 'hello-kyma-svc')).toEqual(['demo/hello-kyma', 'demo/my-api-rule'])
    expect(names('demo', 'hello-kyma')).toEqual([])
    expect(names('demo', 'hell')).toEqual([])
  })

  it('matches the namespace exactly', () => {
    expect(names('shop', 'hello')).toEqual(['shop/shop-hello'])
  })

  it('includes per-rule Services and reports their ports and partial routing', () => {
    const [m] = apiRulesForService(views, 'demo', 'orders')
    expect(m?.view.name).toBe('hello-kyma')
    expect(m?.ports).toEqual([9090])
    expect(m?.partial).toBe(true)
    const [full] = apiRulesForService(views, 'demo', 'hello')
    expect(full?.partial).toBe(false)
  })
})
