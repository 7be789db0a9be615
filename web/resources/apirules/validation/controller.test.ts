import { describe, expect, it } from 'vitest'
import { doubleStarProblems, pathCovers } from '../domain/paths.ts'
import { controllerIssuesV1beta1, controllerIssuesV2 } from './controller.ts'
import { formatPath } from './paths.ts'
import { firstPathConflict } from './controller-paths.ts'
import { meshConfigOf } from '../domain/mesh.ts'
import type { Issue, ValidationContext } from './types.ts'

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

describe("v2 controller checks: the controller's words at its attribute paths", () => {
  const errors = (issues: Issue[]) =>
    msgs(issues.filter((i) => i.severity === 'error' && i.source === 'controller'))
  it('a valid rule set has none', () => {
    expect(
      controllerIssuesV2(v2({ rules: [{ path: '/a', methods: ['GET'], noAuth: true }] })),
    ).toEqual([])
  })
  it('gateway xor externalGateway', () => {
    const rules = [{ path: '/a', methods: ['GET'], noAuth: true }]
    expect(errors(controllerIssuesV2(v2({ gateway: undefined, rules })))).toEqual([
      'spec: Either gateway or externalGateway must be specified',
    ])
    // The controller's Gateway lookup says the same for both (validation never sees it).
    expect(errors(controllerIssuesV2(v2({ externalGateway: 'a/b', rules })))).toEqual([
      'spec: Either gateway or externalGateway must be specified',
    ])
  })
  it('one rule-order conflict, at spec.rules, /* named /{**}', () => {
    const issues = controllerIssuesV2(
      v2({
        rules: [
          { path: '/*', methods: ['GET'], noAuth: true },
          { path: '/a', methods: ['POST'], noAuth: true },
          { path: '/b', methods: ['GET'], noAuth: true },
          { path: '/c', methods: ['GET'], noAuth: true },
        ],
      }),
    )
    expect(errors(issues)).toEqual([
      'spec.rules: Path /b with method GET conflicts with at least one of the previous rule paths',
    ])
    expect(
      firstPathConflict([
        { index: 0, path: '/*', methods: [] },
        { index: 1, path: '/*', methods: [] },
      ]),
    ).toEqual({ index: 1, path: '/{**}', method: 'NO_METHODS' })
    // A later catch-all after a specific path is no conflict for the controller.
    expect(
      firstPathConflict([
        { index: 0, path: '/a', methods: [] },
        { index: 1, path: '/*', methods: [] },
      ]),
    ).toBeUndefined()
    // The controller's tree, not "covers": an earlier {*} matches a later {**} segment.
    expect(
      firstPathConflict([
        { index: 0, path: '/a/{*}/c', methods: ['GET'] },
        { index: 1, path: '/a/{**}/c', methods: ['GET'] },
      ])?.index,
    ).toBe(1)
    expect(
      firstPathConflict([
        { index: 0, path: '/a/{**}/c', methods: ['GET'] },
        { index: 1, path: '/{*}/{*}/c', methods: ['GET'] },
      ]),
    ).toBeUndefined()
  })
  it("jwt: authentications, URIs with Go's parse error, headers, authorizations", () => {
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
                { issuer: 'https://i', jwksUri: 'https://k', fromParams: ['t'] },
                { issuer: 'https://i', jwksUri: '/k' },
              ],
              authorizations: [{ requiredScopes: ['', 'x'], audiences: [] }],
            },
          },
        ],
      }),
    )
    expect(errors(issues)).toEqual([
      'spec.rules[0].jwt.authentications: A JWT config must have at least one authentication',
      // audiences: [] is dropped by the conversion to v2alpha1: the controller never sees it.
      'spec.rules[1].jwt.authorizations[0].requiredScopes: scope value is empty',
      'spec.rules[1].jwt.authentications[0].issuer: value is empty or not a valid uri err=value is empty',
      'spec.rules[1].jwt.authentications[0].jwksUri: value is empty or not a valid uri err=parse "not a uri": invalid URI for request',
      'spec.rules[1].jwt.authentications[0].fromHeaders: multiple fromHeaders are not supported',
      'spec.rules[1].jwt.authentications[1].fromParams: mixture of multiple fromHeaders and fromParams is not supported',
      'spec.rules[1].jwt.authentications[2].jwksUri: url must have scheme http:// or https://',
    ])
  })
  it('two jwt authentications for one issuer that differ (the two-issuer rule)', () => {
    const auth = { issuer: 'https://i', jwksUri: 'https://i/jwks' }
    const issues = controllerIssuesV2(
      v2({
        rules: [
          { path: '/a', methods: ['GET'], jwt: { authentications: [auth] } },
          {
            path: '/b',
            methods: ['GET'],
            jwt: { authentications: [{ ...auth, fromHeaders: [{ name: 'X-Token' }] }] },
          },
          { path: '/c', methods: ['GET'], jwt: { authentications: [auth] } },
        ],
      }),
    )
    expect(errors(issues)).toEqual([
      'spec.rules[1].jwt.authentications[0]: multiple jwt configurations that differ for the same issuer',
    ])
  })
  it('restrictions of extAuth are checked like jwt', () => {
    const issues = controllerIssuesV2(
      v2({
        rules: [
          {
            path: '/a',
            methods: ['GET'],
            extAuth: { authorizers: ['x'], restrictions: { authentications: [] } },
          },
        ],
      }),
    )
    expect(errors(issues)).toEqual([
      'spec.rules[0].extAuth.restrictions.authentications: A JWT config must have at least one authentication',
    ])
  })
  it('Service, Gateway, occupied host, authorizers and sidecars come from the context', () => {
    const ctx: ValidationContext = {
      namespace: 'ns',
      services: [{ name: 's', ports: [80], selector: { app: 's' } }],
      gateways: [{ namespace: 'kyma-system', name: 'kyma-gateway', hosts: ['*.local.kyma.dev'] }],
      virtualServices: [
        { namespace: 'o', name: 'vs', hosts: ['h.local.kyma.dev'], labels: {} },
        {
          namespace: 'ns',
          name: 'mine',
          hosts: ['h.local.kyma.dev'],
          labels: {
            'apirule.gateway.kyma-project.io/name': 'r',
            'apirule.gateway.kyma-project.io/namespace': 'ns',
          },
        },
      ],
      mesh: {
        providers: [
          { name: 'oauth2-proxy', http: true },
          { name: 'grpc', http: false },
        ],
      },
      pods: [
        { namespace: 'ns', name: 'p1', labels: { app: 's' }, sidecar: false },
        { namespace: 'ns', name: 'p2', labels: { app: 's' }, sidecar: true },
        { namespace: 'ns', name: 'p3', labels: { app: 'other' }, sidecar: false },
      ],
    }
    const issues = controllerIssuesV2(
      v2({
        rules: [
          { path: '/a', methods: ['GET'], noAuth: true, service: { name: 'x', port: 1 } },
          {
            path: '/b',
            methods: ['GET'],
            extAuth: { authorizers: ['nope', 'grpc', 'oauth2-proxy'] },
          },
        ],
      }),
      ctx,
    )
    expect(errors(issues)).toEqual([
      'spec.rules[0]: Failed to execute sidecar injection validation, err: Service "x" not found',
      'spec.rules[1]: Pod ns/p1 does not have an injected istio sidecar',
      'spec.rules[1].extAuth.authorizers[0]: Authorizer not found in Istio ConfigMap mesh data',
      'spec.rules[1].extAuth.authorizers[1]: EnvoyExtAuthzHttp not found in Istio ConfigMap mesh data for authorizer',
      'spec.hosts[0]: Host is occupied by another Virtual Service',
    ])
    expect(errors(controllerIssuesV2(v2({ gateway: 'a/b', rules: [] }), ctx))).toContain(
      'spec.gateway: Could not get specified Gateway',
    )
  })
  it('a read the user may not make is a warning that says so, not silence', () => {
    const issues = controllerIssuesV2(
      v2({ rules: [{ path: '/b', methods: ['GET'], extAuth: { authorizers: ['a'] } }] }),
      { namespace: 'ns', unreadable: ['mesh', 'gateways', 'virtualServices', 'services'] },
    )
    expect(issues.every((i) => i.severity === 'warning')).toBe(true)
    expect(issues.map((i) => formatPath(i.path))).toEqual([
      'spec.rules[0]',
      'spec.rules[0].extAuth.authorizers',
      'spec.hosts[0]',
      'spec.hosts[0]',
      'spec.gateway',
    ])
    expect(issues[1]?.message).toMatch(/^Not checked: you may not read the Istio mesh config/)
  })
  it('no service at all: both failures the controller reports', () => {
    expect(
      errors(
        controllerIssuesV2(
          v2({ service: undefined, rules: [{ path: '/a', methods: ['GET'], noAuth: true }] }),
        ),
      ),
    ).toEqual([
      'spec.rules[0].service: The rule must define a service, because no service is defined on spec level',
      'spec.rules[0]: Failed to execute sidecar injection validation, err: service name is required but missing',
    ])
  })
})

describe('beyond the controller: Ready, but no traffic', () => {
  const ctx: ValidationContext = {
    namespace: 'ns',
    services: [{ name: 's', ports: [80], selector: { app: 's' } }],
    gateways: [
      {
        namespace: 'kyma-system',
        name: 'kyma-gateway',
        hosts: ['*.local.kyma.dev'],
        servers: [{ hosts: ['*.local.kyma.dev'], protocol: 'HTTPS' }],
      },
    ],
    readyEndpoints: [],
  }
  const warnings = (issues: Issue[]) => msgs(issues.filter((i) => i.severity === 'warning'))
  it('a host no server serves, a blank issuer, a Service without ready endpoints', () => {
    const issues = controllerIssuesV2(
      v2({
        hosts: ['api.example.org'],
        rules: [
          {
            path: '/a',
            methods: ['GET'],
            jwt: { authentications: [{ issuer: '   ', jwksUri: 'https://k/jwks' }] },
          },
        ],
      }),
      ctx,
    )
    expect(issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(warnings(issues)).toEqual([
      'spec.hosts[0]: No server of Gateway kyma-system/kyma-gateway serves api.example.org (it serves *.local.kyma.dev): the controller accepts the rule, but no request can reach it',
      'spec.rules[0].jwt.authentications[0].issuer: The issuer is blank: no token has it as its iss claim, so every request to this rule is refused',
      'spec.rules[0]: Service "s" has no ready endpoints: requests to this rule fail (503) until a Pod behind it is ready',
    ])
    const ready = controllerIssuesV2(
      v2({ rules: [{ path: '/a', methods: ['GET'], noAuth: true }] }),
      {
        ...ctx,
        readyEndpoints: [{ namespace: 'ns', service: 's', ready: 1 }],
      },
    )
    expect(ready).toEqual([])
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

describe('the mesh config as the controller reads it', () => {
  const ext = v2({ rules: [{ path: '/a', methods: ['GET'], extAuth: { authorizers: ['a'] } }] })
  const with_ = (data: Record<string, string> | null) =>
    msgs(controllerIssuesV2(ext, { namespace: 'ns', mesh: meshConfigOf(data) }))
  it('no ConfigMap, no mesh key, mesh that is not mesh YAML', () => {
    expect(with_(null)).toEqual(['spec.rules[0].extAuth: Failed to get Istio ConfigMap'])
    expect(with_({})).toEqual([
      'spec.rules[0].extAuth.authorizers: Istio ConfigMap does not contain mesh key',
    ])
    expect(with_({ mesh: 'extensionProviders: {a: 1' })).toEqual([
      'spec.rules[0].extAuth.authorizers: Failed to unmarshal mesh data',
    ])
    expect(with_({ mesh: 'extensionProviders: 3' })).toEqual([
      'spec.rules[0].extAuth.authorizers: Failed to unmarshal mesh data',
    ])
  })
  it('the providers, HTTP or not', () => {
    expect(
      meshConfigOf({
        mesh: 'extensionProviders:\n- name: a\n  envoyExtAuthzHttp: {service: x, port: 80}\n- name: g\n  envoyExtAuthzGrpc: {}\n',
      }),
    ).toEqual({
      providers: [
        { name: 'a', http: true },
        { name: 'g', http: false },
      ],
    })
    expect(with_({ mesh: 'extensionProviders:\n- name: a\n  envoyExtAuthzHttp: {}\n' })).toEqual([])
  })
})

describe('a host the Gateway only redirects to HTTPS', () => {
  it('is warned when no HTTPS server of the Gateway serves it', () => {
    const issues = controllerIssuesV2(
      v2({ hosts: ['api.b.dev'], rules: [{ path: '/a', methods: ['GET'], noAuth: true }] }),
      {
        namespace: 'ns',
        gateways: [
          {
            namespace: 'kyma-system',
            name: 'kyma-gateway',
            hosts: ['*.a.dev', '*'],
            servers: [
              { hosts: ['*.a.dev'], protocol: 'HTTPS' },
              { hosts: ['*'], protocol: 'HTTP', httpsRedirect: true },
            ],
          },
        ],
      },
    )
    expect(msgs(issues.filter((i) => i.path[1] === 'hosts'))).toEqual([
      'spec.hosts[0]: Gateway kyma-system/kyma-gateway only redirects api.b.dev to HTTPS, and none of its HTTPS servers serves it: no request can reach the rule',
    ])
  })
})
