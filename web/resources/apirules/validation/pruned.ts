// Fields the API server would drop. A custom resource keeps only what its structural schema
// declares (apiextensions "pruning"); anything else is removed on write with a `Warning` header, or
// refused with `fieldValidation=Strict` (what the editor sends). For an access rule a dropped field
// is a silent change of meaning (`fromParameters` for `fromParams`), so each one is an error here.
import { openApiSchemaOf, type JsonSchema } from './schema.ts'
import type { DocPath, Issue } from './types.ts'
import { isObj } from '../../../api/json.ts'

/** ObjectMeta fields the API server decodes (metav1.ObjectMeta); other keys are unknown. */
const OBJECT_META_FIELDS = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]

/** Always kept at the top level of any object, whatever the schema says. */
const TYPE_META_FIELDS = ['apiVersion', 'kind', 'metadata']

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
function distance(a: string, b: string): number {
  const s = a.toLowerCase()
  const t = b.toLowerCase()
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j)
  for (let i = 1; i <= s.length; i++) {
    const cur = [i]
    for (let j = 1; j <= t.length; j++)
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (s[i - 1] === t[j - 1] ? 0 : 1),
      )
    prev = cur
  }
  return prev[t.length] ?? 0
}

/**
 * The known field a typo most likely meant: the closest by edit distance when it is within a third
 * of the longer name, or one that shares a long stem (`fromParameters` → `fromParams`).
 */
export function closestField(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestScore = Infinity
  const stem = (s: string) => s.toLowerCase().replace(/s$/, '')
  for (const k of known) {
    const d = distance(key, k)
    const limit = Math.max(1, Math.floor(Math.max(key.length, k.length) / 3))
    const a = stem(key)
    const b = stem(k)
    const sharesStem = Math.min(a.length, b.length) >= 4 && (a.startsWith(b) || b.startsWith(a))
    if ((d <= limit || sharesStem) && d < bestScore) {
      best = k
      bestScore = d
    }
  }
  return best
}

function unknownField(path: DocPath, key: string, known: readonly string[]): Issue {
  const hint = closestField(key, known)
  return {
    path: [...path, key],
    message: `Unknown field "${key}": the API server would drop it${hint ? ` (did you mean "${hint}"?)` : ''}`,
    severity: 'error',
    source: 'schema',
  }
}

function walk(schema: JsonSchema | undefined, value: unknown, path: DocPath, out: Issue[]): void {
  if (!schema) return
  if (Array.isArray(value)) {
    const items = schema.items
    if (isObj(items)) value.forEach((v, i) => walk(items, v, [...path, i], out))
    return
  }
  if (!isObj(value)) return
  const props = isObj(schema.properties) ? schema.properties : undefined
  const additional = isObj(schema.additionalProperties) ? schema.additionalProperties : undefined
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true
  const free = preserve || schema.additionalProperties === true
  for (const [key, child] of Object.entries(value)) {
    const childSchema = props?.[key]
    if (isObj(childSchema)) walk(childSchema, child, [...path, key], out)
    else if (additional) walk(additional, child, [...path, key], out)
    else if (!free) out.push(unknownField(path, key, props ? Object.keys(props) : []))
  }
}

function metadataIssues(meta: unknown): Issue[] {
  if (!isObj(meta)) return []
  return Object.keys(meta)
    .filter((k) => !OBJECT_META_FIELDS.includes(k))
    .map((k) => unknownField(['metadata'], k, OBJECT_META_FIELDS))
}

/**
 * Every field of `obj` that the CRD schema of `version` does not declare, reported at the field.
 * Labels and annotations are free maps and never reported. [] when the CRD lacks the version.
 */
export function prunedFieldIssues(obj: unknown, crd: unknown, version: string): Issue[] {
  const schema = openApiSchemaOf(crd, version)
  if (!schema || !isObj(obj)) return []
  const out: Issue[] = [...metadataIssues(obj.metadata)]
  const props = isObj(schema.properties) ? schema.properties : {}
  const known = [...TYPE_META_FIELDS, ...Object.keys(props).filter((k) => k !== 'metadata')]
  for (const [key, child] of Object.entries(obj)) {
    if (TYPE_META_FIELDS.includes(key)) continue
    const childSchema = props[key]
    if (isObj(childSchema)) walk(childSchema, child, [key], out)
    else out.push(unknownField([], key, known))
  }
  return out
}
