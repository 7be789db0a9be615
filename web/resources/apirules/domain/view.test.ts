import { describe, expect, it } from 'vitest'
import { accessSummary, serviceLabel } from './targets.ts'
import { gatewayDomainOf, gatewayDomains, normalizeGatewayRef } from './gateway.ts'
import { hostUrl, resolveHost } from './hosts.ts'
import { isV1Beta1Shaped } from './versions.ts'
import { statusOf } from './status.ts'
import { toApiRuleView, toApiRuleViews } from './view.ts'
import { toRow } from '../list-rows.ts'
import { basicSpec, v2 } from '../test-apirules.ts'

const gateway = (ns: string, name: string, hosts: string[]) => ({
  metadata: { namespace: ns, name },
  spec: { servers: [{ port: { number: 443 }, hosts }] },
})

describe('statusOf', () => {
  it('maps v2 state and description', () => {
    expect(statusOf({ status: { state: 'Error', description: 'boom' } })).toEqual({
      state: 'Error',
      label: 'Error',
      description: 'boom',
    })
    expect(statusOf({ status: { state: 'Processing' } }).label).toBe('Processing')
  })
  it('maps v1beta1 codes', () => {
    const code = (c: string) =>
      statusOf({ status: { APIRuleStatus: { code: c, desc: 'd' } } }).state
    expect(code('OK')).toBe('Ready')
    expect(code('ERROR')).toBe('Error')
    expect(code('WARNING')).toBe('Warning')
    expect(code('SKIPPED')).toBe('Warning')
  })
  it('says Not reconciled without a status, Deleting when being deleted', () => {
    expect(statusOf({}).label).toBe('Not reconciled')
    expect(statusOf(undefined).state).toBe('NotReconciled')
    expect(
      statusOf({
        metadata: { deletionTimestamp: '2026-01-01T00:00:00Z' },
        status: { state: 'Ready' },
      }).state,
    ).toBe('Deleting')
  })
})

describe('v1beta1 detection', () => {
  it('uses the annotation, the v1beta1 shape, or the apiVersion', () => {
    expect(isV1Beta1Shaped(v2('a', basicSpec))).toBe(false)
    expect(
      isV1Beta1Shaped({
        ...v2('a', basicSpec),
        metadata: { annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' } },
      }),
    ).toBe(true)
    expect(isV1Beta1Shaped(v2('a', { host: 'x', gateway: 'g', rules: [] }))).toBe(true)
    expect(isV1Beta1Shaped({ apiVersion: 'gateway.kyma-project.io/v1beta1', metadata: {} })).toBe(
      true,
    )
    expect(isV1Beta1Shaped(null)).toBe(false)
    // what the local cluster returns for a v1beta1 object read through v2 (cluster/README.md)
    expect(
      isV1Beta1Shaped(
        v2('a', {
          gateway: 'kyma-system/kyma-gateway',
          rules: [{ path: '/.*', methods: ['GET'] }],
        }),
      ),
    ).toBe(true)
    expect(
      isV1Beta1Shaped(v2('a', { hosts: ['h'], rules: [{ path: '/', methods: ['GET'] }] })),
    ).toBe(false)
  })

  it('builds a v1beta1 view from v1beta1 data read through v2 (no conversion webhook)', () => {
    const obj = v2('old', {
      host: 'legacy',
      gateway: 'kyma-gateway.kyma-system.svc.cluster.local',
      service: { name: 'svc', port: 80 },
      rules: [
        { path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] },
        { path: '/api', methods: ['POST'], accessStrategies: [{ handler: 'jwt', config: {} }] },
      ],
    })
    const view = toApiRuleView(obj)
    expect(view.version).toBe('v1beta1')
    expect(view.needsMigration).toBe(true)
    expect(view.gateway).toBe('kyma-system/kyma-gateway')
    expect(view.host).toBe('legacy')
    expect(view.rules.map((r) => r.access)).toEqual(['noAuth', 'jwt'])
    expect(accessSummary(view).label).toBe('allow, jwt')
    expect(view.object.apiVersion).toBe('gateway.kyma-project.io/v1beta1')
  })

  it('prefers the v1beta1 read when the v2 read has converted/empty data', () => {
    const annotated = {
      ...v2('r', { hosts: ['x'], rules: [] }),
      metadata: {
        name: 'r',
        namespace: 'default',
        annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' },
      },
    }
    const v1 = {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      metadata: { name: 'r', namespace: 'default' },
      spec: {
        host: 'x',
        gateway: 'a/b',
        rules: [{ path: '/a', methods: ['GET'], accessStrategies: [{ handler: 'noop' }] }],
      },
      status: { APIRuleStatus: { code: 'ERROR', desc: 'not reconciled' } },
    }
    const view = toApiRuleView(annotated, v1)
    expect(view.rules).toHaveLength(1)
    expect(view.status.state).toBe('Error')
    const views = toApiRuleViews([annotated], new Map([['default/r', v1]]))
    expect(views).toHaveLength(1)
    expect(views[0]?.version).toBe('v1beta1')
  })

  it('falls back to the v1beta1-spec annotation', () => {
    const view = toApiRuleView({
      ...v2('r', { hosts: ['x'], rules: [] }),
      metadata: {
        name: 'r',
        namespace: 'n',
        annotations: {
          'gateway.kyma-project.io/original-version': 'v1beta1',
          'gateway.kyma-project.io/v1beta1-spec': JSON.stringify({
            host: 'h',
            gateway: 'a/b',
            rules: [],
          }),
        },
      },
    })
    expect(view.host).toBe('h')
  })
})

describe('defensive views', () => {
  it('never throws on odd shapes', () => {
    for (const odd of [
      null,
      undefined,
      42,
      'x',
      {},
      { metadata: null },
      { spec: null },
      { spec: { rules: 'no' } },
      { spec: { rules: [null, 3, { methods: 'GET' }] } },
    ]) {
      const view = toApiRuleView(odd)
      const row = toRow(view, new Map())
      expect(typeof row.searchText).toBe('string')
    }
  })
})

describe('hosts and gateways', () => {
  it('reads the Gateway domain from the first server host', () => {
    expect(gatewayDomainOf(gateway('kyma-system', 'kyma-gateway', ['*.local.kyma.dev']))).toBe(
      'local.kyma.dev',
    )
    expect(gatewayDomainOf(gateway('a', 'b', ['ns/*.example.com']))).toBe('example.com')
    expect(gatewayDomainOf(gateway('a', 'b', ['exact.example.com']))).toBeUndefined()
    expect(gatewayDomainOf({ metadata: {}, spec: {} })).toBeUndefined()
  })

  it('completes short hosts with the Gateway domain', () => {
    const domains = gatewayDomains([
      gateway('kyma-system', 'kyma-gateway', ['*.local.kyma.dev']),
    ] as never)
    const view = toApiRuleView(v2('a', basicSpec))
    expect(resolveHost(view, domains)).toBe('httpbin.local.kyma.dev')
    expect(resolveHost({ ...view, host: 'full.example.com' }, domains)).toBe('full.example.com')
    expect(resolveHost({ ...view, gateway: 'other/gw' }, domains)).toBe('httpbin')
    expect(hostUrl('httpbin.local.kyma.dev')).toBe('https://httpbin.local.kyma.dev')
    expect(hostUrl('*.example.com')).toBeUndefined()
    expect(hostUrl('httpbin')).toBeUndefined()
  })

  it('normalizes legacy gateway names', () => {
    expect(normalizeGatewayRef('kyma-gateway.kyma-system.svc.cluster.local')).toBe(
      'kyma-system/kyma-gateway',
    )
    expect(normalizeGatewayRef('kyma-gateway.kyma-system')).toBe('kyma-system/kyma-gateway')
    expect(normalizeGatewayRef('ns/gw')).toBe('ns/gw')
  })
})

describe('service and access labels', () => {
  it('shows name:port and counts extra rule services', () => {
    const view = toApiRuleView(
      v2('a', {
        ...basicSpec,
        rules: [
          { path: '/a', methods: ['GET'], noAuth: true },
          {
            path: '/b',
            methods: ['GET'],
            jwt: {},
            service: { name: 'other', namespace: 'x', port: 9 },
          },
        ],
      }),
    )
    expect(serviceLabel(view)).toBe('httpbin:8000 +1')
    expect(accessSummary(view)).toEqual({ kinds: ['noAuth', 'jwt'], label: 'No auth, JWT' })
  })
  it('handles rules-only services', () => {
    const view = toApiRuleView(
      v2('a', {
        hosts: ['h'],
        rules: [
          {
            path: '/',
            methods: ['GET'],
            extAuth: { authorizers: ['x'] },
            service: { name: 's', port: 1 },
          },
        ],
      }),
    )
    expect(serviceLabel(view)).toBe('s:1')
    expect(accessSummary(view).label).toBe('External auth')
  })
})
