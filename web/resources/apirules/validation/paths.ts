// Conversions between document paths (`['spec', 'rules', 0, 'path']`) and the textual field paths
// used by the API server (`spec.rules[0].path`, `.spec.hosts[0]`) and by the schema engine
// (`#/spec/rules/0/path`).
import type { DocPath } from './types.ts'

// `['spec', 'rules', 0, 'path']` → `spec.rules[0].path`: the one text form of a path is the
// editor engine's.
export { formatPath } from '../../../editor/document/issues.ts'

/** Parses `spec.rules[0].path`, `.spec.hosts[0]`, `metadata.labels[app.kubernetes.io/name]`. */
export function parseFieldPath(field: string): DocPath {
  const out: DocPath = []
  let i = 0
  const s = field.trim()
  while (i < s.length) {
    const ch = s[i]
    if (ch === '.') {
      i++
      continue
    }
    if (ch === '[') {
      const end = s.indexOf(']', i)
      const inner = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end)
      out.push(/^\d+$/.test(inner) ? Number(inner) : inner.replace(/^["']|["']$/g, ''))
      i = end < 0 ? s.length : end + 1
      continue
    }
    let j = i
    while (j < s.length && s[j] !== '.' && s[j] !== '[') j++
    out.push(s.slice(i, j))
    i = j
  }
  return out
}

/**
 * A JSON pointer → document path: `/spec/rules/0/path`, or the schema engine's
 * `#/spec/rules/0/path` (a URI fragment: segments percent-encoded).
 */
export function pointerToPath(pointer: string): DocPath {
  const fragment = pointer.startsWith('#')
  const rest = fragment ? pointer.slice(1) : pointer
  if (!rest) return []
  return rest
    .split('/')
    .slice(1)
    .map((seg) => (fragment ? decodeURIComponent(seg) : seg))
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg))
}

export function pathEquals(a: readonly (string | number)[], b: readonly (string | number)[]) {
  return a.length === b.length && a.every((seg, i) => seg === b[i])
}

/** True when `prefix` is `path` or one of its ancestors. */
export function isPathPrefix(
  prefix: readonly (string | number)[],
  path: readonly (string | number)[],
) {
  return prefix.length <= path.length && prefix.every((seg, i) => seg === path[i])
}
