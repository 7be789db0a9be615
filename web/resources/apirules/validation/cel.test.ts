import { describe, expect, it } from 'vitest'
import {
  celIssues,
  EXTERNAL_GATEWAY_MESSAGE,
  GATEWAY_MESSAGE,
  HOST_MESSAGE,
  MIRRORED_CEL_RULES,
  ONE_ACCESS_MESSAGE,
} from './cel.ts'
import { celRulesOf } from './schema.ts'
import { formatPath } from './paths.ts'
import { loadCrdFromDisk } from './test-crd.ts'

const crd = loadCrdFromDisk()

const rule = (spec: Record<string, unknown>) => ({ spec })
const issuesAt = (obj: unknown, version = 'v2') =>
  celIssues(obj, version).map((i) => `${formatPath(i.path)}: ${i.message}`)

describe('CEL mirror covers the CRD', () => {
  for (const version of ['v1beta1', 'v2alpha1', 'v2']) {
    it(`every x-kubernetes-validations rule of ${version} has a mirror with the same message`, () => {
      for (const r of celRulesOf(crd, version)) {
        const m = MIRRORED_CEL_RULES.find(
          (x) => x.rule === r.rule && x.at === r.path && x.versions.includes(version),
        )
        expect(m, `${version} ${r.path} ${r.rule}`).toBeDefined()
        expect(m?.message).toBe(r.message)
      }
    })
  }
  it('mirrors nothing the CRD does not declare', () => {
    for (const m of MIRRORED_CEL_RULES)
      for (const v of m.versions)
        expect(celRulesOf(crd, v).some((r) => r.rule === m.rule && r.path === m.at)).toBe(true)
  })
})

describe('gateway / externalGateway', () => {
  for (const good of ['kyma-system/kyma-gateway', 'a/b', 'ns1/gw-2'])
    it(`accepts ${good}`, () => {
      expect(issuesAt(rule({ gateway: good, externalGateway: good }))).toEqual([])
    })
  for (const bad of [
    'kyma-gateway',
    'a/b/c',
    'Kyma/gw',
    'a.b',
    '-a/b',
    'a/b-',
    `${'a'.repeat(64)}/b`,
    '',
  ])
    it(`rejects ${JSON.stringify(bad)}`, () => {
      expect(issuesAt(rule({ gateway: bad }))).toEqual([`spec.gateway: ${GATEWAY_MESSAGE}`])
      expect(issuesAt(rule({ externalGateway: bad }))).toEqual([
        `spec.externalGateway: ${EXTERNAL_GATEWAY_MESSAGE}`,
      ])
    })
  it('does not apply to v1beta1', () => {
    expect(
      issuesAt(rule({ gateway: 'kyma-gateway.kyma-system.svc.cluster.local' }), 'v1beta1'),
    ).toEqual([])
  })
})

describe('hosts', () => {
  for (const good of [
    'httpbin',
    'a',
    'my-host',
    'a.example.com',
    '*.example.com',
    'x.local.kyma.dev',
    '1.2.3.com',
  ])
    it(`accepts ${good}`, () => expect(issuesAt(rule({ hosts: [good] }))).toEqual([]))
  for (const bad of [
    'My-Host',
    'a_b',
    '-a',
    'a-',
    '*.com',
    'a.b.c',
    'foo.',
    '*',
    'a..b.com',
    'a.example.c0m!',
  ])
    it(`rejects ${bad}`, () =>
      expect(issuesAt(rule({ hosts: ['ok.example.com', bad] }))).toEqual([
        `spec.hosts[1]: ${HOST_MESSAGE}`,
      ]))
})

describe('exactly one access strategy per rule', () => {
  const jwt = { authentications: [] }
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['noAuth true', { noAuth: true }, true],
    ['jwt', { jwt }, true],
    ['extAuth', { extAuth: { authorizers: ['x'] } }, true],
    ['noAuth false + jwt', { noAuth: false, jwt }, true],
    ['noAuth false + extAuth', { noAuth: false, extAuth: {} }, true],
    ['nothing', {}, false],
    ['noAuth false', { noAuth: false }, false],
    ['noAuth + jwt', { noAuth: true, jwt }, false],
    ['jwt + extAuth', { jwt, extAuth: {} }, false],
    ['all three', { noAuth: true, jwt, extAuth: {} }, false],
    ['empty jwt object still counts', { jwt: {} }, true],
  ]
  for (const [name, access, ok] of cases)
    it(`${name} → ${ok ? 'ok' : 'error'}`, () => {
      const obj = rule({
        rules: [
          { path: '/a', methods: ['GET'], noAuth: true },
          { path: '/*', methods: ['GET'], ...access },
        ],
      })
      expect(issuesAt(obj)).toEqual(ok ? [] : [`spec.rules[1]: ${ONE_ACCESS_MESSAGE}`])
    })
})
