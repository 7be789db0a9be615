import { describe, expect, it } from 'vitest'
import { APIRULE_FIXTURES } from './fixtures.ts'
import { validateApiRule, isAdmissible } from './validate.ts'
import { formatPath } from './paths.ts'
import { loadCrdFromDisk } from './test-crd.ts'

const crd = loadCrdFromDisk()

describe('fixtures', () => {
  it('has at least 30 uniquely named fixtures, valid and invalid, in both versions', () => {
    expect(APIRULE_FIXTURES.length).toBeGreaterThanOrEqual(30)
    expect(new Set(APIRULE_FIXTURES.map((f) => f.name)).size).toBe(APIRULE_FIXTURES.length)
    for (const version of ['v2', 'v1beta1'])
      for (const valid of [true, false])
        expect(APIRULE_FIXTURES.some((f) => f.version === version && f.valid === valid)).toBe(true)
  })

  for (const f of APIRULE_FIXTURES) {
    it(`${f.name}: ${f.valid ? 'accepted' : 'rejected'} (${f.why})`, () => {
      const issues = validateApiRule(f.object, f.version, { crd })
      const errors = issues.filter((i) => i.severity === 'error')
      expect(isAdmissible(issues), JSON.stringify(errors)).toBe(f.valid)
      for (const p of f.errorPaths ?? []) expect(errors.map((e) => formatPath(e.path))).toContain(p)
    })
  }
})

describe('validateApiRule', () => {
  it('reads a yaml Document and an object alike', async () => {
    const { parseDocument } = await import('yaml')
    const f = APIRULE_FIXTURES.find((x) => x.name === 'v2-no-access')!
    const doc = parseDocument(JSON.stringify(f.object))
    expect(validateApiRule(doc, 'v2', { crd })).toEqual(validateApiRule(f.object, 'v2', { crd }))
  })

  it("without a CRD only the metadata and controller layers run (schema and CEL are the CRD's)", () => {
    for (const name of ['v2-port-zero', 'v2-no-access']) {
      const f = APIRULE_FIXTURES.find((x) => x.name === name)!
      expect(isAdmissible(validateApiRule(f.object, 'v2')), name).toBe(true)
      expect(isAdmissible(validateApiRule(f.object, 'v2', { crd })), name).toBe(false)
    }
  })
})

describe('advisories from warnings.ts', () => {
  it('a public catch-all rule is a warning, not an error', () => {
    const f = APIRULE_FIXTURES.find((x) => x.name === 'v2-noauth-minimal')!
    const issues = validateApiRule(f.object, 'v2', { crd })
    expect(isAdmissible(issues)).toBe(true)
    expect(issues.some((i) => i.severity === 'warning' && /is public/.test(i.message))).toBe(true)
  })
})
