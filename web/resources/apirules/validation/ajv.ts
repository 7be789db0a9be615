// The schema layer: Ajv compiled once per (CRD object, version) and cached.
import { Ajv, type ErrorObject } from 'ajv'
import { apiRuleJsonSchema, type JsonSchema } from './schema.ts'
import { miniValidate } from './mini-schema.ts'
import { pointerToPath } from './paths.ts'
import type { Issue } from './types.ts'

// Go's time.ParseDuration, plus the `<n> <unit>` form go-openapi/strfmt also accepts.
const GO_DURATION = /^[-+]?(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/
const STRFMT_DURATION =
  /^(\d+)\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|sec|min|hr)$/i
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

const FORMATS: Record<string, (s: string) => boolean> = {
  duration: (s) => GO_DURATION.test(s) || STRFMT_DURATION.test(s),
  'date-time': (s) => RFC3339.test(s),
}

function newAjv(): Ajv {
  // logger: false — a failed compile is handled below (we fall back to the interpreter); Ajv must
  // not print the generated source to the console.
  const ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false })
  ajv.addFormat('int32', { type: 'number', validate: () => true })
  ajv.addFormat('int64', { type: 'number', validate: () => true })
  for (const [name, fn] of Object.entries(FORMATS)) ajv.addFormat(name, fn)
  return ajv
}

/** Validates one object and returns Ajv-shaped errors ([] when valid). */
export type SchemaCheck = (obj: unknown) => ErrorObject[]

const cache = new WeakMap<object, Map<string, SchemaCheck | null>>()
let sharedAjv: Ajv | undefined
let codegenAllowed: boolean | undefined

/**
 * Whether this realm may turn strings into code (Ajv compiles schemas with `new Function`). A CSP
 * without 'unsafe-eval' (ours: `script-src 'self'`) forbids it. Probed once with a one-line
 * function, so the choice between Ajv and the interpreter is made up front instead of by a failed
 * schema compile.
 */
export function canGenerateCode(): boolean {
  if (codegenAllowed === undefined) {
    try {
      codegenAllowed = (new Function('return 1') as () => unknown)() === 1
    } catch {
      codegenAllowed = false
    }
  }
  return codegenAllowed
}

function compile(schema: JsonSchema, engine: 'ajv' | 'mini'): SchemaCheck {
  if (engine === 'ajv' && canGenerateCode()) {
    try {
      sharedAjv ??= newAjv()
      const validate = sharedAjv.compile(schema)
      return (obj) => (validate(obj) ? [] : [...(validate.errors ?? [])])
    } catch {
      // not expected once the probe passed; interpret rather than fail validation
    }
  }
  return (obj) => miniValidate(schema, obj, FORMATS)
}

/**
 * The schema check for one version, compiled once per (CRD object, version) and cached; undefined
 * when the CRD lacks that version. `engine: 'mini'` forces the eval-free interpreter; 'ajv' uses
 * Ajv where code generation is allowed (see canGenerateCode) and the interpreter elsewhere.
 */
export function schemaValidator(
  crd: unknown,
  version: string,
  engine: 'ajv' | 'mini' = 'ajv',
): SchemaCheck | undefined {
  if (!crd || typeof crd !== 'object') return undefined
  let perCrd = cache.get(crd)
  if (!perCrd) cache.set(crd, (perCrd = new Map()))
  const key = `${engine}:${version}`
  if (!perCrd.has(key)) {
    const schema = apiRuleJsonSchema(crd, version)
    perCrd.set(key, schema ? compile(schema, engine) : null)
  }
  return perCrd.get(key) ?? undefined
}

function quote(v: unknown) {
  return JSON.stringify(v)
}

/** Turns one Ajv error into an Issue worded like the API server's field errors. */
export function ajvErrorToIssue(err: ErrorObject): Issue {
  const path = pointerToPath(err.instancePath)
  const p = err.params as Record<string, unknown>
  let message: string
  switch (err.keyword) {
    case 'required':
      path.push(String(p.missingProperty))
      message = 'Required value'
      break
    case 'enum':
      message = `Unsupported value: ${quote(err.data)}: supported values: ${((p.allowedValues as unknown[]) ?? []).map(quote).join(', ')}`
      break
    case 'pattern':
      message = `Invalid value: ${quote(err.data)}: should match '${String(p.pattern)}'`
      break
    case 'type':
      message = `Invalid value: must be of type ${String(p.type)}`
      break
    case 'minimum':
      message = `Invalid value: ${quote(err.data)}: should be greater than or equal to ${String(p.limit)}`
      break
    case 'maximum':
      message = `Invalid value: ${quote(err.data)}: should be less than or equal to ${String(p.limit)}`
      break
    case 'minItems':
      message = `Invalid value: should have at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`
      break
    case 'maxItems':
      message = `Too many: must have at most ${String(p.limit)} item${p.limit === 1 ? '' : 's'}`
      break
    case 'minLength':
      message = `Invalid value: should be at least ${String(p.limit)} chars long`
      break
    case 'maxLength':
      message = `Too long: may not be longer than ${String(p.limit)}`
      break
    case 'format':
      message = `Invalid value: ${quote(err.data)}: must be of format ${String(p.format)}`
      break
    default:
      message = err.message ?? `Invalid value (${err.keyword})`
  }
  return { path, message, severity: 'error', source: 'schema' }
}

/** Schema issues of an object, or [] when no CRD schema is available for that version. */
export function schemaIssues(
  obj: unknown,
  crd: unknown,
  version: string,
  engine: 'ajv' | 'mini' = 'ajv',
): Issue[] {
  const check = schemaValidator(crd, version, engine)
  if (!check) return []
  return check(obj)
    .filter((e) => e.keyword !== 'if')
    .map(ajvErrorToIssue)
}
