import { describe, expect, it } from 'vitest'
import {
  convertGateway,
  convertPath,
  durationToSeconds,
  migrateToV2,
  needsMigration,
} from './migrate.ts'
import { validateApiRule } from '../../validation/validate.ts'
import { loadCrdFromDisk } from '../../validation/test-crd.ts'

const v1 = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.kyma-project.io/v1beta1',
  kind: 'APIRule',
  metadata: { name: 'r', namespace: 'ns', resourceVersion: '7' },
  spec: {
    host: 'httpbin.local.kyma.dev',
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'httpbin', port: 8000 },
    ...spec,
  },
})

describe('paths', () => {
  it.each([
    ['/.*', ['/*']],
    ['/*', ['/*']],
    ['/foo/.*', ['/foo/{**}']],
    ['/foo', ['/foo']],
    ['/a/b-c', ['/a/b-c']],
    ['/foo(.*)', ['/foo', '/foo/{**}']],
  ])('%s → %j', (from, to) => {
    const r = convertPath(from)
    expect('paths' in r && r.paths).toEqual(to)
  })
  it.each(['/foo/[0-9]+', '/a|b', '^/x$', '/foo.*bar', '/(a|b)'])('%s is reported', (p) => {
    expect('error' in convertPath(p)).toBe(true)
  })
})

describe('helpers', () => {
  it('durations and gateways', () => {
    expect(durationToSeconds('300s')).toBe(300)
    expect(durationToSeconds('5m')).toBe(300)
    expect(durationToSeconds('1h1s')).toBe(3601)
    expect(durationToSeconds('500ms')).toBeUndefined()
    expect(durationToSeconds('soon')).toBeUndefined()
    expect(convertGateway('kyma-gateway.kyma-system.svc.cluster.local')).toBe(
      'kyma-system/kyma-gateway',
    )
    expect(convertGateway('kyma-system/kyma-gateway')).toBe('kyma-system/kyma-gateway')
    expect(convertGateway('weird_gw')).toBeUndefined()
  })
})

describe('migrateToV2', () => {
  it('converts allow/no_auth/noop, jwt (Ory and Istio), mutators, cors and host', () => {
    const r = migrateToV2(
      v1({
        corsPolicy: { allowOrigins: [{ regex: '.*' }], maxAge: '300s' },
        rules: [
          { path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] },
          { path: '/n', methods: ['GET'], accessStrategies: [{ handler: 'noop' }] },
          {
            path: '/api/.*',
            methods: ['GET'],
            accessStrategies: [
              {
                handler: 'jwt',
                config: {
                  trusted_issuers: ['https://i'],
                  jwks_urls: ['https://i/jwks'],
                  required_scopes: ['read'],
                },
              },
            ],
            mutators: [
              { handler: 'header', config: { headers: { 'X-A': 'b' } } },
              { handler: 'cookie', config: { cookies: { c: 'd' } } },
            ],
          },
          {
            path: '/foo(.*)',
            methods: ['POST'],
            accessStrategies: [
              {
                handler: 'jwt',
                config: { authentications: [{ issuer: 'https://i', jwksUri: 'https://i/j' }] },
              },
            ],
          },
        ],
      }),
    )
    expect(r.problems).toEqual([])
    expect(r.object.apiVersion).toBe('gateway.kyma-project.io/v2')
    const spec = r.object.spec as Record<string, unknown>
    expect(spec.hosts).toEqual(['httpbin.local.kyma.dev'])
    expect(spec.corsPolicy).toEqual({ allowOrigins: [{ regex: '.*' }], maxAge: 300 })
    // v2 matches in order: the public /* moves behind the rules it would hide
    expect(spec.rules).toEqual([
      { path: '/n', methods: ['GET'], noAuth: true },
      {
        path: '/api/{**}',
        methods: ['GET'],
        jwt: {
          authentications: [{ issuer: 'https://i', jwksUri: 'https://i/jwks' }],
          authorizations: [{ requiredScopes: ['read'] }],
        },
        request: { headers: { 'X-A': 'b' }, cookies: { c: 'd' } },
      },
      { path: '/*', methods: ['GET'], noAuth: true },
      {
        path: '/foo',
        methods: ['POST'],
        jwt: { authentications: [{ issuer: 'https://i', jwksUri: 'https://i/j' }] },
      },
      {
        path: '/foo/{**}',
        methods: ['POST'],
        jwt: { authentications: [{ issuer: 'https://i', jwksUri: 'https://i/j' }] },
      },
    ])
    expect(r.notes).toEqual([
      'moved /n before /*: v2 matches rules in order, and the earlier rule would hide it',
      'moved /api/{**} before /*: v2 matches rules in order, and the earlier rule would hide it',
    ])
    expect(r.dropped).toEqual([])
    expect((r.object.metadata as Record<string, unknown>).resourceVersion).toBe('7')
    // neither the API server nor the controller would refuse it (rule order included)
    const errors = validateApiRule(r.object, 'v2', { crd: loadCrdFromDisk() }).filter(
      (i) => i.severity === 'error',
    )
    expect(errors).toEqual([])
  })

  it('lists each dropped rule with why, and removes the v1beta1 last-applied annotation', () => {
    const r = migrateToV2({
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: {
        name: 'a',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', keep: 'me' },
      },
      spec: {
        host: 'a.example.com',
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 's', port: 80 },
        rules: [
          { path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] },
          {
            path: '/secure/.*',
            methods: ['POST'],
            accessStrategies: [{ handler: 'oauth2_introspection' }],
          },
        ],
      },
    })
    expect(r.dropped).toEqual([
      {
        rule: 2,
        path: '/secure/.*',
        methods: ['POST'],
        why: 'could not convert: rule 2 access strategy oauth2_introspection because v2 has no equivalent (use extAuth with an external authorizer)',
      },
    ])
    const ann = (r.object.metadata as { annotations: Record<string, string> }).annotations
    expect(ann).toEqual({ keep: 'me', 'gateway.kyma-project.io/original-version': 'v2' })
    expect(r.notes.some((n) => n.startsWith('removed annotation kubectl.kubernetes.io/'))).toBe(
      true,
    )
  })

  it('reports what it cannot convert', () => {
    const r = migrateToV2(
      v1({
        gateway: 'odd_gw',
        corsPolicy: { maxAge: '1.5s' },
        rules: [
          { path: '/x/[0-9]+', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] },
          { path: '/o', methods: ['GET'], accessStrategies: [{ handler: 'oauth2_introspection' }] },
          {
            path: '/j',
            methods: ['GET'],
            accessStrategies: [
              { handler: 'jwt', config: { trusted_issuers: ['a', 'b'], jwks_urls: ['c'] } },
            ],
          },
          {
            path: '/m',
            methods: ['GET'],
            accessStrategies: [{ handler: 'noop' }],
            mutators: [{ handler: 'id_token' }],
          },
          { path: '/ok', methods: ['GET'], accessStrategies: [{ handler: 'no_auth' }] },
        ],
      }),
    )
    expect(r.problems).toEqual([
      'could not convert: gateway odd_gw because it is not in namespace/name form',
      'could not convert: corsPolicy.maxAge 1.5s because it is not a whole number of seconds',
      'could not convert: rule 1 path /x/[0-9]+ because it is a regular expression with no exact v2 path equivalent',
      'could not convert: rule 2 access strategy oauth2_introspection because v2 has no equivalent (use extAuth with an external authorizer)',
      'could not convert: rule 3 jwt because an Ory config needs exactly one trusted_issuers and one jwks_urls entry (found 2 and 1)',
      'could not convert: rule 4 mutator id_token because v2 supports only header and cookie mutators',
    ])
    expect((r.object.spec as { rules: unknown[] }).rules).toEqual([
      { path: '/m', methods: ['GET'], noAuth: true },
      { path: '/ok', methods: ['GET'], noAuth: true },
    ])
  })

  it('reads the v1beta1 spec from the annotation of a v2 view', () => {
    const v2 = {
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: {
        name: 'r',
        annotations: {
          'gateway.kyma-project.io/original-version': 'v1beta1',
          'gateway.kyma-project.io/v1beta1-spec': JSON.stringify(
            v1({
              rules: [
                { path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'no_auth' }] },
              ],
            }).spec,
          ),
          keep: 'me',
        },
      },
      spec: { hosts: ['httpbin.local.kyma.dev'], rules: [] },
    }
    expect(needsMigration(v2)).toBe(true)
    const r = migrateToV2(v2)
    expect(r.problems).toEqual([])
    expect((r.object.metadata as { annotations: unknown }).annotations).toEqual({
      'gateway.kyma-project.io/original-version': 'v2',
      keep: 'me',
    })
    expect((r.object.spec as { rules: unknown }).rules).toEqual([
      { path: '/*', methods: ['GET'], noAuth: true },
    ])
    expect(r.notes).toHaveLength(1)
  })
})
