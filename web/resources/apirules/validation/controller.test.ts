import { describe, expect, it } from 'vitest'
import { doubleStarProblems, pathCovers } from '../domain/paths.ts'
import { controllerIssuesV1beta1, controllerIssuesV2 } from './controller.ts'
import { formatPath } from './paths.ts'

const msgs = (issues: { path: (string | number)[]; message: string }[]) =>
  issues.map((i) => `${formatPath(i.path)}: ${i.message}`)

const v2 = (spec: Record<string, unknown>) => ({
  metadata: { name: 'r', namespace: 'ns' },
  spec: {
    hosts: ['h'],
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 's', port: 80 },
    ...spec,
  },
})

describe('paths', () => {
  it('covers', () => {
    expect(pathCovers('/*', '/anything/deep')).toBe(true)
    expect(pathCovers('/{**}', '/a')).toBe(true)
    expect(pathCovers('/a/{*}', '/a/b')).toBe(true)
    expect(pathCovers('/a/{*}', '/a/b/c')).toBe(false)
    expect(pathCovers('/a/{*}', '/a/{*}')).toBe(true)
    expect(pathCovers('/a/{*}', '/a/{**}')).toBe(false)
    expect(pathCovers('/a', '/a/b')).toBe(false)
    expect(pathCovers('/a/{**}', '/a/b/{**}')).toBe(true)
    expect(pathCovers('/a/b', '/a/{*}')).toBe(false)
  })
  it('{** } operator rules', () => {
    expect(doubleStarProblems('/a/{**}')).toEqual([])
    expect(doubleStarProblems('/{**}/b')).toEqual([])
    expect(doubleStarProblems('/{**}/{**}')).toEqual([
      'Only one {**} operator is allowed in the path.',
    ])
    expect(doubleStarProblems('/{**}/{*}')).toEqual([
      'The {**} operator must be the last operator in the path.',
    ])
  })
})

describe('v2 controller checks', () => {
  it('a valid rule set has none', () => {
    expect(
      controllerIssuesV2(v2({ rules: [{ path: '/a', methods: ['GET'], noAuth: true }] })),
    ).toEqual([])
  })
  it('gateway xor externalGateway', () => {
    expect(msgs(controllerIssuesV2(v2({ gateway: undefined, rules: [] })))).toEqual([
      'spec: Either gateway or externalGateway must be specified',
    ])
    expect(msgs(controllerIssuesV2(v2({ externalGateway: 'a/b', rules: [] })))).toEqual([
      'spec: Only one of gateway or externalGateway can be specified',
    ])
  })
  it('shadowed rule for a shared method', () => {
    const issues = controllerIssuesV2(
      v2({
        rules: [
          { path: '/*', methods: ['GET'], noAuth: true },
          { path: '/a', methods: ['POST'], noAuth: true },
          { path: '/b', methods: ['GET'], noAuth: true },
        ],
      }),
    )
    expect(msgs(issues)).toEqual([
      'spec.rules[2].path: Path /b with method GET conflicts with at least one of the previous rule paths',
    ])
  })
  it('jwt needs an authentication, valid URIs, one header', () => {
    const issues = controllerIssuesV2(
      v2({
        rules: [
          { path: '/a', methods: ['GET'], jwt: { authentications: [] } },
          {
            path: '/b',
            methods: ['GET'],
            jwt: {
              authentications: [
                { issuer: '', jwksUri: 'not a uri', fromHeaders: [{ name: 'a' }, { name: 'b' }] },
              ],
              authorizations: [],
            },
          },
        ],
      }),
    )
    expect(msgs(issues)).toEqual([
      'spec.rules[0].jwt.authentications: A JWT config must have at least one authentication',
      'spec.rules[1].jwt.authentications[0].issuer: Required value',
      'spec.rules[1].jwt.authentications[0].jwksUri: value is empty or not a valid uri',
      'spec.rules[1].jwt.authentications[0].fromHeaders: multiple fromHeaders are not supported',
      'spec.rules[1].jwt.authorizations: authorizations defined, but no configuration exists',
    ])
  })
  it('missing service, gateway and used host come from the context', () => {
    const issues = controllerIssuesV2(
      v2({
        service: undefined,
        rules: [{ path: '/a', methods: ['GET'], noAuth: true, service: { name: 'x', port: 1 } }],
      }),
      {
        services: [{ name: 's', ports: [80] }],
        gateways: [{ namespace: 'kyma-system', name: 'kyma-gateway', hosts: ['*.local.kyma.dev'] }],
        apiRules: [{ namespace: 'other', name: 'o', hosts: ['h.local.kyma.dev'] }],
      },
    )
    expect(msgs(issues)).toEqual([
      'spec.hosts[0]: Host is occupied by another Virtual Service (APIRule other/o)',
      'spec.rules[0].service: Service "x" not found in namespace "ns"',
    ])
  })
  it('what the controller always rejects is an error; what depends on the view, a warning', () => {
    const issues = controllerIssuesV2(
      v2({
        service: { name: '', port: 80 },
        rules: [{ path: '/a', methods: ['GET'], jwt: { authentications: [{ issuer: '' }] } }],
      }),
      { services: [] },
    )
    expect(issues.map((i) => `${formatPath(i.path)} ${i.severity}`)).toEqual([
      'spec.service.name error',
      'spec.rules[0].jwt.authentications[0].issuer error',
      'spec.rules[0].jwt.authentications[0].jwksUri error',
    ])
    const missing = controllerIssuesV2(v2({ rules: [] }), { services: [] })
    expect(missing.map((i) => i.severity)).toEqual(['warning'])
  })
  it('no service at all', () => {
    expect(
      msgs(
        controllerIssuesV2(
          v2({ service: undefined, rules: [{ path: '/a', methods: ['GET'], noAuth: true }] }),
        ),
      ),
    ).toEqual([
      'spec.rules[0].service: The rule must define a service, because no service is defined on spec level',
    ])
  })
})

describe('v1beta1 controller checks', () => {
  it('handlers', () => {
    const issues = controllerIssuesV1beta1({
      spec: {
        service: { name: 's', port: 1 },
        rules: [
          { path: '/a', methods: ['GET'], accessStrategies: [{ handler: 'magic' }] },
          {
            path: '/b',
            methods: ['GET'],
            accessStrategies: [{ handler: 'allow' }, { handler: 'jwt' }],
          },
          { path: '/a', methods: ['GET'], accessStrategies: [{ handler: 'noop' }] },
        ],
      },
    })
    expect(msgs(issues)).toEqual([
      'spec.rules[0].accessStrategies[0].handler: Unsupported accessStrategy: magic',
      'spec.rules[1].accessStrategies[0].handler: allow access strategy is not allowed in combination with other access strategies',
      'spec.rules[1].accessStrategies: Secure access strategies cannot be used in combination with unsecure access strategies',
      'spec.rules[2].path: multiple rules defined for the same path and method',
    ])
  })
})
