// Run by schema-engine.test.ts in a Node process started with
// --disallow-code-generation-from-strings: V8 then refuses eval and new Function, as the browser
// does under the dashboard's CSP. Validates every fixture with the bundled CRD (schema and CEL)
// and prints the verdicts that differ from the fixtures' expectations.
import { APIRULE_FIXTURES } from './fixtures.ts'
import { CEL_RULE_FIXTURES } from './cel-fixtures.ts'
import { isAdmissible, validateApiRule } from './validate.ts'
import { loadCrdFromDisk } from './test-crd.ts'

let codeGeneration = true
try {
  new Function('return 1')
} catch {
  codeGeneration = false
}

const crd = loadCrdFromDisk()
const cases = [
  ...APIRULE_FIXTURES.map((f) => ({
    name: f.name,
    version: f.version,
    valid: f.valid,
    obj: f.object,
  })),
  ...CEL_RULE_FIXTURES.map((f) => ({
    name: f.name,
    version: f.version,
    valid: !f.failsAt,
    obj: f.object,
  })),
]
const wrong: string[] = []
for (const c of cases) {
  try {
    if (isAdmissible(validateApiRule(c.obj, c.version, { crd })) !== c.valid) wrong.push(c.name)
  } catch (err) {
    wrong.push(`${c.name}: ${(err as Error).message}`)
  }
}
process.stdout.write(JSON.stringify({ codeGeneration, verdicts: cases.length, wrong }))
