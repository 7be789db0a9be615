// Runs in a child process started with --disallow-code-generation-from-strings (see
// bench/validation.ts): V8 then refuses `eval` and `new Function` as the dashboard's CSP
// (`script-src 'self'`, no 'unsafe-eval') makes the browser refuse them, so the validator takes the
// same path it takes in production. Prints one JSON line with the samples.
import { Document, parseDocument } from 'yaml'
import { validateApiRule } from '../../web/resources/apirules/validation/validate.ts'
import { loadCrdFromDisk } from '../../web/resources/apirules/validation/test-crd.ts'
import { apiRuleWarnings } from '../../web/resources/apirules/warnings.ts'
import { bigApiRule } from '../diff.ts'
import { manyRulesApiRule } from './fixtures.ts'

const iterations = Number(process.argv[2] ?? 50)
const bigIterations = Number(process.argv[3] ?? 10)

function codeGenerationAllowed(): boolean {
  try {
    return (new Function('return 1') as () => number)() === 1
  } catch {
    return false
  }
}

function measure(obj: Record<string, unknown>, text: string, runs: number) {
  const crd = loadCrdFromDisk()
  // The first call builds the schema check for the CRD (cached per CRD object afterwards).
  let t = performance.now()
  const issues = validateApiRule(obj, 'v2', { crd })
  const firstMs = performance.now() - t
  const validate: number[] = []
  const noSchema: number[] = []
  const parse: number[] = []
  const warnings: number[] = []
  for (let i = 0; i < runs; i++) {
    const arms = [
      () => {
        t = performance.now()
        validateApiRule(obj, 'v2', { crd })
        validate.push(performance.now() - t)
      },
      () => {
        // Without the CRD no schema layer runs: the difference is the schema engine's share.
        t = performance.now()
        validateApiRule(obj, 'v2', {})
        noSchema.push(performance.now() - t)
      },
      () => {
        // The list row's and the details page's checks of the stored rule (rule-order conflicts).
        t = performance.now()
        apiRuleWarnings(obj)
        warnings.push(performance.now() - t)
      },
      () => {
        t = performance.now()
        parseDocument(text)
        parse.push(performance.now() - t)
      },
    ]
    // Alternate the order so that drift in machine load hits both arms alike.
    for (const arm of i % 2 ? [...arms].reverse() : arms) arm()
  }
  const errors = issues.filter((x) => x.severity === 'error').length
  return { firstMs, validate, noSchema, parse, warnings, errors, bytes: Buffer.byteLength(text) }
}

const small = manyRulesApiRule('bench', 'small', 100)
const big = bigApiRule()
const huge = bigApiRule(1024 * 1024)
const out = {
  codeGeneration: codeGenerationAllowed(),
  small: {
    rules: 100,
    ...measure(small, new Document(small).toString({ lineWidth: 0 }), iterations),
  },
  big: { rules: big.rules, ...measure(big.obj, big.text, bigIterations) },
  huge: {
    rules: huge.rules,
    ...measure(huge.obj, huge.text, Math.max(1, Math.ceil(bigIterations / 2))),
  },
}
process.stdout.write(`${JSON.stringify(out)}\n`)
