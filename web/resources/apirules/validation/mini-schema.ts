// A small interpreter for the JSON Schema subset the APIRule CRD uses. It is the fallback when
// Ajv cannot compile (Ajv generates code with `new Function`, which a strict CSP without
// 'unsafe-eval' forbids). Errors are reported in Ajv's shape so both paths map identically.
import type { ErrorObject } from 'ajv'
import type { JsonSchema } from './schema.ts'

type Formats = Record<string, (s: string) => boolean>

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v)
    case 'array':
      return Array.isArray(v)
    case 'string':
      return typeof v === 'string'
    case 'boolean':
      return typeof v === 'boolean'
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v)
    case 'number':
      return typeof v === 'number'
    case 'null':
      return v === null
    default:
      return true
  }
}

const escapePtr = (k: string) => k.replace(/~/g, '~0').replace(/\//g, '~1')

export function miniValidate(schema: JsonSchema, data: unknown, formats: Formats): ErrorObject[] {
  const errors: ErrorObject[] = []
  const err = (
    keyword: string,
    instancePath: string,
    params: Record<string, unknown>,
    d: unknown,
  ): void => {
    errors.push({ keyword, instancePath, schemaPath: '', params, data: d } as ErrorObject)
  }
  const walk = (s: JsonSchema, v: unknown, at: string): void => {
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string]
      if (!types.some((t) => typeOk(t, v))) {
        err('type', at, { type: types.join(',') }, v)
        return
      }
    }
    if (Array.isArray(s.anyOf)) {
      const ok = (s.anyOf as JsonSchema[]).some((sub) => {
        const before = errors.length
        walk(sub, v, at)
        const passed = errors.length === before
        errors.length = before
        return passed
      })
      if (!ok) err('anyOf', at, {}, v)
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => e === v))
      err('enum', at, { allowedValues: s.enum }, v)
    if (typeof v === 'string') {
      if (typeof s.maxLength === 'number' && [...v].length > s.maxLength)
        err('maxLength', at, { limit: s.maxLength }, v)
      if (typeof s.minLength === 'number' && [...v].length < s.minLength)
        err('minLength', at, { limit: s.minLength }, v)
      if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v))
        err('pattern', at, { pattern: s.pattern }, v)
      if (typeof s.format === 'string') {
        const f = formats[s.format]
        if (f && !f(v)) err('format', at, { format: s.format }, v)
      }
    }
    if (typeof v === 'number') {
      if (typeof s.minimum === 'number' && v < s.minimum)
        err('minimum', at, { limit: s.minimum }, v)
      if (typeof s.maximum === 'number' && v > s.maximum)
        err('maximum', at, { limit: s.maximum }, v)
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems)
        err('minItems', at, { limit: s.minItems }, v)
      if (typeof s.maxItems === 'number' && v.length > s.maxItems)
        err('maxItems', at, { limit: s.maxItems }, v)
      if (s.items && typeof s.items === 'object' && !Array.isArray(s.items))
        v.forEach((item, i) => walk(s.items as JsonSchema, item, `${at}/${i}`))
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const obj = v as Record<string, unknown>
      if (Array.isArray(s.required))
        for (const r of s.required as string[])
          if (!(r in obj)) err('required', at, { missingProperty: r }, v)
      const props = (s.properties ?? {}) as Record<string, JsonSchema>
      for (const [k, child] of Object.entries(obj)) {
        const ps = props[k]
        if (ps) walk(ps, child, `${at}/${escapePtr(k)}`)
        else if (s.additionalProperties && typeof s.additionalProperties === 'object')
          walk(s.additionalProperties as JsonSchema, child, `${at}/${escapePtr(k)}`)
      }
    }
  }
  walk(schema, data, '')
  return errors
}
