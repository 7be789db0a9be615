// ObjectMeta checks the API server applies to every custom resource (name, labels, annotations).
import type { DocPath, Issue } from './types.ts'

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

const err = (path: DocPath, message: string): Issue => ({
  path,
  message,
  severity: 'error',
  source: 'schema',
})

export function isDnsSubdomain(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name)
}

function keyProblem(key: string): string | undefined {
  const parts = key.split('/')
  if (parts.length > 2) return 'a qualified name must consist of an optional prefix and a name'
  const name = parts.length === 2 ? (parts[1] ?? '') : key
  const prefix = parts.length === 2 ? parts[0] : undefined
  if (prefix !== undefined && !isDnsSubdomain(prefix)) return 'prefix part must be a DNS subdomain'
  if (!name || name.length > 63 || !QUALIFIED_NAME.test(name))
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (max 63)"
  return undefined
}

export function metadataIssues(obj: unknown): Issue[] {
  if (!obj || typeof obj !== 'object') return []
  const meta = (obj as { metadata?: unknown }).metadata
  if (!meta || typeof meta !== 'object') return [err(['metadata', 'name'], 'Required value')]
  const m = meta as Record<string, unknown>
  const out: Issue[] = []
  const name = m.name
  if (typeof name !== 'string' || name === '') {
    if (typeof m.generateName !== 'string' || !m.generateName)
      out.push(err(['metadata', 'name'], 'Required value: name or generateName is required'))
  } else if (!isDnsSubdomain(name)) {
    out.push(
      err(
        ['metadata', 'name'],
        `Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      ),
    )
  }
  for (const field of ['labels', 'annotations'] as const) {
    const map = m[field]
    if (map === undefined || map === null) continue
    if (typeof map !== 'object' || Array.isArray(map)) {
      out.push(err(['metadata', field], 'Invalid value: must be a map of strings'))
      continue
    }
    for (const [k, v] of Object.entries(map as Record<string, unknown>)) {
      const p = keyProblem(k)
      if (p) out.push(err(['metadata', field, k], `Invalid value: "${k}": ${p}`))
      if (typeof v !== 'string')
        out.push(err(['metadata', field, k], 'Invalid value: must be a string'))
      else if (field === 'labels' && (v.length > 63 || !LABEL_VALUE.test(v)))
        out.push(
          err(
            ['metadata', field, k],
            `Invalid value: "${v}": a valid label value must be 63 characters or less, alphanumeric, '-', '_' or '.'`,
          ),
        )
    }
  }
  return out
}
