import { describe, expect, it } from 'vitest'
import { toApiRuleView } from './domain/view.ts'
import { pathCovers } from './domain/paths.ts'
import { formatPath } from './validation/paths.ts'
import { apiRuleWarnings, hostIndexOf, type WarningContext } from './warnings.ts'

const rule = (name: string, spec: Record<string, unknown>, ns = 'default') => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name, namespace: ns },
  spec: {
    hosts: ['httpbin'],
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'httpbin', port: 8000 },
    ...spec,
  },
})

const gateways = [
  {
    metadata: { namespace: 'kyma-system', name: 'kyma-gateway' },
    spec: { servers: [{ hosts: ['*.local.kyma.dev'] }] },
  },
]
const services = [
  { metadata: { namespace: 'default', name: 'httpbin' }, spec: { ports: [{ port: 8000 }] } },
]

const kinds = (r: unknown, ctx?: WarningContext) => apiRuleWarnings(r, ctx).map((w) => w.kind)

describe('pathCovers', () => {
  it('matches the controller semantics', () => {
    expect(pathCovers('/*', '/anything/at/all')).toBe(true)
    expect(pathCovers('/{**}', '/a/{*}/b')).toBe(true)
    expect(pathCovers('/a/{**}', '/a/b')).toBe(true)
    expect(pathCovers('/a/{**}', '/b')).toBe(false)
    expect(pathCovers('/a/{*}', '/a/b')).toBe(true)
    expect(pathCovers('/a/{*}', '/a/b/c')).toBe(false)
    expect(pathCovers('/a/{*}', '/a/{**}')).toBe(false)
    expect(pathCovers('/a/b', '/a/b')).toBe(true)
    expect(pathCovers('/a/b', '/a/{*}')).toBe(false)
    expect(pathCovers('/a/{**}/c', '/a/x/y/c')).toBe(true)
  })
})

describe('apiRuleWarnings', () => {
  it('warns about a public catch-all and names the resolved host', () => {
    const ws = apiRuleWarnings(
      rule('r', { rules: [{ path: '/*', methods: ['GET'], noAuth: true }] }),
      {
        gateways,
      },
    )
    expect(ws).toHaveLength(1)
    expect(ws[0]?.kind).toBe('public-catch-all')
    expect(ws[0]?.message).toMatch(/^Everything under httpbin\.local\.kyma\.dev is public/)
    expect(ws[0]?.path).toEqual(['spec', 'rules', 0, 'path'])
    expect(
      kinds(rule('r', { rules: [{ path: '/{**}', methods: ['GET'], noAuth: true }] })),
    ).toEqual(['public-catch-all'])
    expect(kinds(rule('r', { rules: [{ path: '/*', methods: ['GET'], jwt: {} }] }))).toEqual([])
    expect(kinds(rule('r', { rules: [{ path: '/api', methods: ['GET'], noAuth: true }] }))).toEqual(
      [],
    )
  })

  it('warns about v1beta1 public catch-alls', () => {
    const v1 = {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      metadata: { name: 'old', namespace: 'default' },
      spec: {
        host: 'old.example.com',
        gateway: 'kyma-system/kyma-gateway',
        rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'noop' }] }],
      },
    }
    const ws = apiRuleWarnings(v1)
    expect(ws.map((w) => w.kind)).toEqual(['public-catch-all'])
    expect(ws[0]?.message).toContain('old.example.com')
  })

  it('warns about JWKS over plain http (v2, extAuth restrictions and v1beta1)', () => {
    const ws = apiRuleWarnings(
      rule('r', {
        rules: [
          {
            path: '/a',
            methods: ['GET'],
            jwt: {
              authentications: [{ issuer: 'https://i', jwksUri: 'http://keys.example.com/jwks' }],
            },
          },
          {
            path: '/b',
            methods: ['GET'],
            extAuth: {
              authorizers: ['x'],
              restrictions: { authentications: [{ issuer: 'i', jwksUri: 'https://ok' }] },
            },
          },
        ],
      }),
    )
    expect(ws.map((w) => w.kind)).toEqual(['insecure-jwks'])
    expect(formatPath(ws[0]?.path ?? [])).toBe('spec.rules[0].jwt.authentications[0].jwksUri')
    const v1 = apiRuleWarnings({
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      metadata: { name: 'o', namespace: 'n' },
      spec: {
        host: 'h.example.com',
        rules: [
          {
            path: '/a',
            methods: ['GET'],
            accessStrategies: [{ handler: 'jwt', config: { jwks_urls: ['http://x/jwks'] } }],
          },
        ],
      },
    })
    expect(v1.map((w) => w.kind)).toEqual(['insecure-jwks'])
  })

  it('warns about shadowed rules', () => {
    const shadow = (rules: unknown[]) =>
      apiRuleWarnings(rule('r', { rules })).filter((w) => w.kind === 'shadowed-rule')
    const withJwt = (path: string, methods = ['GET']) => ({ path, methods, jwt: {} })
    expect(shadow([withJwt('/*'), withJwt('/a')]).map((w) => w.path[2])).toEqual([1])
    expect(shadow([withJwt('/{**}'), withJwt('/a'), withJwt('/b')]).map((w) => w.path[2])).toEqual([
      1, 2,
    ])
    expect(shadow([withJwt('/a/{**}'), withJwt('/a/b')])).toHaveLength(1)
    expect(shadow([withJwt('/a'), withJwt('/a')])[0]?.message).toContain(
      'repeats the path /a of rule 1',
    )
    // different methods: no shadowing
    expect(shadow([withJwt('/*', ['POST']), withJwt('/a', ['GET'])])).toHaveLength(0)
    // a more specific rule first is fine
    expect(shadow([withJwt('/a/b'), withJwt('/a/{**}')])).toHaveLength(0)
  })

  it('warns about a host used by another APIRule (after resolving short hosts)', () => {
    const me = rule('me', { rules: [{ path: '/a', methods: ['GET'], jwt: {} }] })
    const other = rule('other', { hosts: ['httpbin.local.kyma.dev'], rules: [] }, 'team-b')
    const unrelated = rule('x', { hosts: ['x.example.com'], rules: [] })
    const ws = apiRuleWarnings(me, { gateways, otherApiRules: [me, other, unrelated] })
    expect(ws.map((w) => w.kind)).toEqual(['duplicate-host'])
    expect(ws[0]?.message).toContain('team-b/other')
    const index = hostIndexOf(
      [me, other, unrelated].map((o) => toApiRuleView(o)),
      gateways as never,
    )
    expect(kinds(me, { gateways, hostIndex: index })).toEqual(['duplicate-host'])
    expect(kinds(unrelated, { gateways, hostIndex: index })).toEqual([])
  })

  it('warns about a missing Service, port or Gateway only when it can know', () => {
    const r = rule('r', { rules: [{ path: '/a', methods: ['GET'], jwt: {} }] })
    expect(kinds(r)).toEqual([])
    expect(kinds(r, { services, gateways })).toEqual([])
    expect(kinds(r, { services: [], gateways: [] })).toEqual(['missing-service', 'missing-gateway'])
    expect(
      kinds(
        rule('r', {
          service: { name: 'httpbin', port: 1 },
          rules: [{ path: '/a', methods: ['GET'], jwt: {} }],
        }),
        {
          services,
        },
      ),
    ).toEqual(['missing-service-port'])
    // a Service in a namespace that was not listed is not reported
    expect(
      kinds(rule('r', { service: { name: 's', namespace: 'elsewhere', port: 1 }, rules: [] }), {
        services,
        serviceNamespaces: ['default'],
      }),
    ).toEqual([])
  })

  it('never throws on odd input', () => {
    for (const odd of [
      null,
      {},
      { spec: { rules: [null, { path: 5 }] } },
      rule('r', { rules: 'x' }),
    ]) {
      expect(() => apiRuleWarnings(odd, { services, gateways, otherApiRules: [odd] })).not.toThrow()
    }
  })
})
