import { describe, expect, it } from 'vitest'
import { closestField, prunedFieldIssues } from './pruned.ts'
import { openApiSchemaOf, type JsonSchema } from './schema.ts'
import { formatPath } from './paths.ts'
import { loadCrdFromDisk } from './test-crd.ts'
import { validateApiRule } from './validate.ts'
import { APIRULE_FIXTURES } from './fixtures.ts'
import { isObj } from '../../../api/json.ts'

const crd = loadCrdFromDisk()
const versions = ((crd as { spec: { versions: { name: string }[] } }).spec.versions ?? []).map(
  (v) => v.name,
)

/**
 * A sample object with every field the schema declares, plus one undeclared key next to the
 * declared ones of every object node that prunes. Returns the object and the injected paths.
 */
function sampleWithStrangers(schema: JsonSchema): { value: unknown; strangers: string[] } {
  const strangers: string[] = []
  const build = (s: JsonSchema, path: (string | number)[]): unknown => {
    if (s.type === 'array' && isObj(s.items)) return [build(s.items, [...path, 0])]
    if (s.type === 'object' || isObj(s.properties)) {
      const out: Record<string, unknown> = {}
      if (isObj(s.properties))
        for (const [k, child] of Object.entries(s.properties))
          if (isObj(child)) out[k] = build(child, [...path, k])
      if (isObj(s.additionalProperties))
        out.anyKey = build(s.additionalProperties, [...path, 'anyKey'])
      const free =
        s['x-kubernetes-preserve-unknown-fields'] === true || isObj(s.additionalProperties)
      out.zzStranger = 'x'
      if (!free) strangers.push(formatPath([...path, 'zzStranger']))
      return out
    }
    if (s.type === 'integer' || s.type === 'number') return 1
    if (s.type === 'boolean') return true
    return 'x'
  }
  const value = build(schema, [])
  return { value, strangers }
}

describe('fields the API server would prune', () => {
  it('the bundled CRD has the three versions', () => {
    expect(versions.sort()).toEqual(['v1beta1', 'v2', 'v2alpha1'])
  })

  for (const version of versions) {
    it(`${version}: reports exactly the undeclared fields, at the field`, () => {
      const schema = openApiSchemaOf(crd, version)!
      const { value, strangers } = sampleWithStrangers(schema)
      const obj = value as Record<string, unknown>
      // metadata is ObjectMeta, handled on its own below
      obj.metadata = { name: 'x', labels: { 'zz/any': 'x' }, annotations: { anything: 'y' } }
      const strangersOutsideMeta = strangers.filter((p) => !p.startsWith('metadata'))
      expect(strangersOutsideMeta.length).toBeGreaterThan(10)
      const found = prunedFieldIssues(obj, crd, version).map((i) => formatPath(i.path))
      expect(found.sort()).toEqual(strangersOutsideMeta.sort())
    })

    it(`${version}: a valid fixture has no unknown fields`, () => {
      const f = APIRULE_FIXTURES.find(
        (x) => x.valid && x.version === (version === 'v1beta1' ? 'v1beta1' : 'v2'),
      )!
      expect(prunedFieldIssues(f.object, crd, version)).toEqual([])
    })
  }

  it('flags the fromParameters typo with a suggestion, in v2 and v2alpha1', () => {
    for (const version of ['v2', 'v2alpha1']) {
      const obj = {
        apiVersion: `gateway.kyma-project.io/${version}`,
        kind: 'APIRule',
        metadata: { name: 'a' },
        spec: {
          rules: [
            { jwt: { authentications: [{ issuer: 'https://a', fromParameters: ['token'] }] } },
          ],
        },
      }
      const issues = prunedFieldIssues(obj, crd, version)
      expect(issues.map((i) => formatPath(i.path))).toEqual([
        'spec.rules[0].jwt.authentications[0].fromParameters',
      ])
      expect(issues[0]?.message).toMatch(/did you mean "fromParams"\?/)
      expect(issues[0]?.severity).toBe('error')
    }
  })

  it('flags a custom spec.x and an unknown top-level key, not labels or annotations', () => {
    const obj = {
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: { name: 'a', labels: { x: 'y' }, annotations: { 'my.io/keep': 'z' }, lables: {} },
      spec: { x: 1, hosts: ['a'] },
      extra: true,
    }
    const issues = prunedFieldIssues(obj, crd, 'v2')
    expect(issues.map((i) => formatPath(i.path)).sort()).toEqual([
      'extra',
      'metadata.lables',
      'spec.x',
    ])
    expect(issues.find((i) => formatPath(i.path) === 'metadata.lables')?.message).toMatch(
      /did you mean "labels"/,
    )
  })

  it('v1beta1 accessStrategies config is free (preserve-unknown-fields)', () => {
    const obj = {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: { name: 'a' },
      spec: {
        hosts: ['a'],
        rules: [{ accessStrategies: [{ handler: 'jwt', config: { anything: { deep: 1 } } }] }],
      },
    }
    const issues = prunedFieldIssues(obj, crd, 'v1beta1')
    expect(issues.map((i) => formatPath(i.path))).toEqual(['spec.hosts'])
    expect(issues[0]?.message).toMatch(/did you mean "host"/)
  })

  it('suggests only close names', () => {
    expect(closestField('jwksURI', ['issuer', 'jwksUri'])).toBe('jwksUri')
    expect(closestField('methds', ['path', 'methods'])).toBe('methods')
    expect(closestField('x', ['hosts', 'rules', 'service'])).toBeUndefined()
    expect(closestField('somethingElse', ['hosts', 'rules'])).toBeUndefined()
  })

  it('is part of validateApiRule when the CRD is known', () => {
    const f = APIRULE_FIXTURES.find((x) => x.name === 'v2-noauth-minimal')!
    const obj = { ...f.object, spec: { ...(f.object.spec as object), x: 1 } }
    const issues = validateApiRule(obj, 'v2', { crd })
    expect(issues.some((i) => i.severity === 'error' && formatPath(i.path) === 'spec.x')).toBe(true)
  })
})
