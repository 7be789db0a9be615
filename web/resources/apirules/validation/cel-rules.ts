// The CEL rules (`x-kubernetes-validations`) a CRD version declares, each with the schema node it
// sits on, and the values of an object that node describes: what the API server binds to `self`.
import type { JsonSchema } from './schema.ts'
import { openApiSchemaOf } from './schema.ts'
import type { DocPath } from './types.ts'

/** One x-kubernetes-validations entry, as the CRD writes it. */
export interface CrdCelRule {
  /** Schema location: `spec.rules[*]` (`[*]` for array items and map values; '' for the root). */
  at: string
  /** Property names and `*` (every item or map value) from the root to the node. */
  segments: readonly string[]
  rule: string
  message?: string
  messageExpression?: string
  /** A JSONPath relative to the node (`.foo.bar`, `.items['x']`) where the error is reported. */
  fieldPath?: string
  /** The schema node the rule is declared on (the type `self` has). */
  node: JsonSchema
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** Every CEL rule of one CRD version, in schema order. */
export function crdCelRules(crd: unknown, version: string): CrdCelRule[] {
  const out: CrdCelRule[] = []
  const walk = (node: unknown, segments: string[]) => {
    if (!node || typeof node !== 'object') return
    const n = node as JsonSchema
    const rules = n['x-kubernetes-validations']
    if (Array.isArray(rules))
      for (const r of rules as JsonSchema[]) {
        const rule = str(r.rule)
        if (!rule) continue
        const message = str(r.message)
        const messageExpression = str(r.messageExpression)
        const fieldPath = str(r.fieldPath)
        out.push({
          at: formatSegments(segments),
          segments,
          rule,
          node: n,
          ...(message ? { message } : {}),
          ...(messageExpression ? { messageExpression } : {}),
          ...(fieldPath ? { fieldPath } : {}),
        })
      }
    const props = n.properties
    if (props && typeof props === 'object')
      for (const [k, v] of Object.entries(props as JsonSchema)) walk(v, [...segments, k])
    if (n.items) walk(n.items, [...segments, '*'])
    if (n.additionalProperties && typeof n.additionalProperties === 'object')
      walk(n.additionalProperties, [...segments, '*'])
  }
  walk(openApiSchemaOf(crd, version), [])
  return out
}

function formatSegments(segments: readonly string[]): string {
  return segments.reduce((s, seg) => (seg === '*' ? `${s}[*]` : s ? `${s}.${seg}` : seg), '')
}

/** The values at `segments` in `obj` with their document paths (`*` fans out). */
export function valuesAt(
  obj: unknown,
  segments: readonly string[],
): { path: DocPath; value: unknown }[] {
  let found: { path: DocPath; value: unknown }[] = [{ path: [], value: obj }]
  for (const seg of segments) {
    const next: typeof found = []
    for (const { path, value } of found) {
      if (seg === '*') {
        if (Array.isArray(value))
          value.forEach((v, i) => next.push({ path: [...path, i], value: v }))
        else if (value && typeof value === 'object')
          for (const [k, v] of Object.entries(value)) next.push({ path: [...path, k], value: v })
      } else if (value && typeof value === 'object' && !Array.isArray(value) && seg in value) {
        next.push({ path: [...path, seg], value: (value as JsonSchema)[seg] })
      }
    }
    found = next
  }
  return found.filter((f) => f.value !== undefined && f.value !== null)
}

/**
 * `.foo.bar`, `.items['key']`, `.list[2]` (a rule's `fieldPath`) → path segments. Undefined for
 * a form this parser does not know: the error then stays on the rule's node.
 */
export function parseRuleFieldPath(fieldPath: string): DocPath | undefined {
  const out: DocPath = []
  const re = /\.([A-Za-z_][\w-]*)|\[\s*'([^']*)'\s*\]|\[\s*(\d+)\s*\]/y
  let m: RegExpExecArray | null
  let i = 0
  while (i < fieldPath.length) {
    re.lastIndex = i
    if (!(m = re.exec(fieldPath))) return undefined
    out.push(m[1] ?? m[2] ?? Number(m[3]))
    i = re.lastIndex
  }
  return out
}
