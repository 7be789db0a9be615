// The schema layer: the CRD's OpenAPI schema (converted by schema.ts) checked by
// @cfworker/json-schema, an interpreter that generates no code, so the same engine runs under the
// dashboard's CSP (`script-src 'self'`, no 'unsafe-eval'), in the validation worker and in every
// test. This file is the thin layer around it: Kubernetes' meaning of the formats, patterns the
// browser's RegExp cannot compile, and the library's output turned into Issues worded like the
// API server's field errors.
import { dereference, format, validate, type OutputUnit, type Schema } from '@cfworker/json-schema'
import { pointerToPath } from './paths.ts'
import { apiRuleJsonSchema, type JsonSchema } from './schema.ts'
import type { DocPath, Issue } from './types.ts'

// Go's time.ParseDuration, plus the `<n> <unit>` form go-openapi/strfmt also accepts.
const GO_DURATION = /^[-+]?(?:0|(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/
const STRFMT_DURATION =
  /^(\d+)\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|sec|min|hr)$/i
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/

// The library's format table is JSON Schema's (ISO 8601 durations); a CRD means go-openapi's.
// Only this module uses the library, so replacing these two entries changes nothing else.
format.duration = (s: string) => GO_DURATION.test(s) || STRFMT_DURATION.test(s)
format['date-time'] = (s: string) => RFC3339.test(s)

/** One compiled check: the issues of an object. */
export type SchemaCheck = (obj: unknown) => Issue[]

const cache = new WeakMap<object, Map<string, SchemaCheck | null>>()

/**
 * The API server compiles `pattern` with Go's regexp (RE2); the browser with RegExp (`u` flag).
 * A pattern the browser cannot compile (e.g. `(?i)…` or `[[:alpha:]]`) would make the library
 * throw on every check, so it is dropped here and reported as checked by the server only
 * (a warning that offers the server-side validation).
 */
function withoutUncompilablePatterns(node: unknown, at: string, dropped: string[]): unknown {
  if (Array.isArray(node))
    return node.map((n, i) => withoutUncompilablePatterns(n, `${at}/${i}`, dropped))
  if (!node || typeof node !== 'object') return node
  const out: JsonSchema = {}
  for (const [k, v] of Object.entries(node as JsonSchema)) {
    if (k === 'pattern' && typeof v === 'string') {
      try {
        new RegExp(v, 'u')
      } catch {
        dropped.push(at)
        continue
      }
    }
    // `enum`/`default` hold data, not schemas
    out[k] =
      k === 'enum' || k === 'default' ? v : withoutUncompilablePatterns(v, `${at}/${k}`, dropped)
  }
  return out
}

/** `#/properties/spec/properties/hosts/items` → `spec.hosts[*]`. */
function schemaPathText(location: string): string {
  return pointerToPath(location)
    .filter((seg) => seg !== 'properties')
    .reduce<string>(
      (s, seg) =>
        seg === 'items' || seg === 'additionalProperties'
          ? `${s}[*]`
          : s
            ? `${s}.${seg}`
            : String(seg),
      '',
    )
}

function compile(schema: JsonSchema): SchemaCheck {
  const dropped: string[] = []
  const usable = withoutUncompilablePatterns(schema, '#', dropped) as Schema
  const lookup = dereference(usable)
  const unchecked = dropped.map((at): Issue => ({
    path: [],
    message: `Only the API server checks the pattern of ${schemaPathText(at)}: its regular expression uses RE2 syntax the browser's RegExp does not have. Validate on server to run it.`,
    severity: 'warning',
    source: 'schema',
    serverCheck: true,
  }))
  const check = (input: unknown): Issue[] => {
    // The validator throws on `undefined`; the API server sees the object as JSON, where an
    // undefined property is absent (and one in an array is null). A YAML document never has one,
    // but an object built in code (a form default, a test fixture) may.
    const obj = hasUndefined(input) ? (JSON.parse(JSON.stringify(input)) as unknown) : input
    const { errors } = validate(obj, usable, '7', lookup, false)
    return [...toIssues(errors, usable, obj), ...unchecked]
  }
  return check
}

function hasUndefined(value: unknown): boolean {
  if (value === undefined) return true
  if (!value || typeof value !== 'object') return false
  return Object.values(value).some(hasUndefined)
}

/**
 * The schema check for one version, built once per (CRD object, version) and cached; undefined
 * when the CRD lacks that version.
 */
export function schemaValidator(crd: unknown, version: string): SchemaCheck | undefined {
  if (!crd || typeof crd !== 'object') return undefined
  let perCrd = cache.get(crd)
  if (!perCrd) cache.set(crd, (perCrd = new Map()))
  if (!perCrd.has(version)) {
    const schema = apiRuleJsonSchema(crd, version)
    perCrd.set(version, schema ? compile(schema) : null)
  }
  return perCrd.get(version) ?? undefined
}

/** Schema issues of an object, or [] when no CRD schema is available for that version. */
export function schemaIssues(obj: unknown, crd: unknown, version: string): Issue[] {
  return schemaValidator(crd, version)?.(obj) ?? []
}

function schemaAt(root: Schema, location: string): JsonSchema {
  let node: unknown = root
  for (const seg of pointerToPath(location).map(String))
    node = node && typeof node === 'object' ? (node as JsonSchema)[seg] : undefined
  return node && typeof node === 'object' ? (node as JsonSchema) : {}
}

function valueAt(obj: unknown, path: DocPath): unknown {
  let v = obj
  for (const seg of path) v = v && typeof v === 'object' ? (v as JsonSchema)[seg] : undefined
  return v
}

const quote = (v: unknown) => JSON.stringify(v)
const plural = (n: unknown, word: string) => `${String(n)} ${word}${n === 1 ? '' : 's'}`
const typesOf = (s: JsonSchema): string =>
  Array.isArray(s.anyOf)
    ? (s.anyOf as JsonSchema[]).map(typesOf).join(' or ')
    : Array.isArray(s.type)
      ? (s.type as string[]).join(',')
      : String(s.type)

/** The message of one failed keyword; undefined for the wrappers that only say "a child failed". */
function messageOf(keyword: string, limit: unknown, node: JsonSchema, data: unknown) {
  switch (keyword) {
    case 'enum':
      return `Unsupported value: ${quote(data)}: supported values: ${((limit as unknown[]) ?? []).map(quote).join(', ')}`
    case 'pattern':
      return `Invalid value: ${quote(data)}: should match '${String(limit)}'`
    case 'type':
      return `Invalid value: must be of type ${typesOf(node)}`
    case 'anyOf':
      return `Invalid value: must be of type ${typesOf(node)}`
    case 'minimum':
      return `Invalid value: ${quote(data)}: should be greater than or equal to ${String(limit)}`
    case 'maximum':
      return `Invalid value: ${quote(data)}: should be less than or equal to ${String(limit)}`
    case 'minItems':
      return `Invalid value: should have at least ${plural(limit, 'item')}`
    case 'maxItems':
      return `Too many: must have at most ${plural(limit, 'item')}`
    case 'minLength':
      return `Invalid value: should be at least ${String(limit)} chars long`
    case 'maxLength':
      return `Too long: may not be longer than ${String(limit)}`
    case 'format':
      return `Invalid value: ${quote(data)}: must be of format ${String(limit)}`
    case 'const':
    case 'not':
    case 'oneOf':
    case 'minProperties':
    case 'maxProperties':
    case 'uniqueItems':
    case 'multipleOf':
      return `Invalid value: ${quote(data)}: must satisfy '${keyword}'`
    default:
      // properties, items, additionalProperties, allOf, $ref: a child's error is reported itself
      return undefined
  }
}

function toIssues(errors: OutputUnit[], root: Schema, obj: unknown): Issue[] {
  const out: Issue[] = []
  for (const e of errors) {
    // Inside anyOf only the anyOf itself speaks (int-or-string: "must be of type integer or
    // string", not one error per branch).
    if (/\/anyOf\/\d+(\/|$)/.test(e.keywordLocation)) continue
    const nodeLocation = e.keywordLocation.slice(0, e.keywordLocation.lastIndexOf('/'))
    const node = schemaAt(root, nodeLocation)
    const path = pointerToPath(e.instanceLocation)
    if (e.keyword === 'required') {
      // One error per missing property; the library names it only in its English sentence.
      const missing = /required property "(.*)"\.$/.exec(e.error)?.[1]
      if (missing !== undefined)
        out.push({
          path: [...path, missing],
          message: 'Required value',
          severity: 'error',
          source: 'schema',
        })
      continue
    }
    const message = messageOf(e.keyword, node[e.keyword], node, valueAt(obj, path))
    if (message) out.push({ path, message, severity: 'error', source: 'schema' })
  }
  return out
}
