// The client validator must say what the real API server says. Every fixture is sent to the local
// kube-apiserver as a server-side dry run (nothing is stored) and to validateApiRule with the CRD
// the cluster serves; both verdicts must match each other and the fixture's expectation. The dry
// run is strict (fieldValidation=Strict), as the editor's writes are: unknown fields are refused.
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestNamespace } from '../../../../cluster/test/helpers.ts'
import { APIRULE_FIXTURES } from './fixtures.ts'
import { dryRunApiRule, servedApiRuleCrd } from './test-dry-run.ts'
import { isAdmissible, validateApiRule } from './validate.ts'

const cluster = inject('cluster')
let namespace = ''
let crd: unknown

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'validator-agreement')
  crd = await servedApiRuleCrd(cluster)
})

describe('client validator agrees with the API server dry run', () => {
  it('has at least 30 fixtures, valid and invalid, of both versions', () => {
    expect(APIRULE_FIXTURES.length).toBeGreaterThanOrEqual(30)
    for (const version of ['v2', 'v1beta1'] as const) {
      const ofVersion = APIRULE_FIXTURES.filter((f) => f.version === version)
      expect(ofVersion.some((f) => f.valid)).toBe(true)
      expect(ofVersion.some((f) => !f.valid)).toBe(true)
    }
  })

  for (const fixture of APIRULE_FIXTURES) {
    it(`${fixture.version} ${fixture.name}: ${fixture.valid ? 'accepted' : 'rejected'} (${fixture.why})`, async () => {
      const res = await dryRunApiRule<{ message?: string }>(
        cluster,
        namespace,
        fixture.version,
        fixture.object,
      )
      const serverAccepts = res.status >= 200 && res.status < 300
      const issues = validateApiRule(fixture.object, fixture.version, { crd, namespace })
      const clientAccepts = isAdmissible(issues)

      const detail = `server ${res.status} ${res.body?.message ?? ''}\nclient errors: ${issues
        .filter((i) => i.severity === 'error')
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`
      expect(serverAccepts, detail).toBe(fixture.valid)
      expect(clientAccepts, detail).toBe(serverAccepts)
    })
  }
})
