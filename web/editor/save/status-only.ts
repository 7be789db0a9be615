// A 409 on save does not always mean someone else edited the APIRule: the API Gateway controller
// writes `status` (and with it a new resourceVersion) after every reconcile — for a rule in error
// about once a minute. When nothing but that changed, the save is retried with the new
// resourceVersion instead of showing the conflict dialog.
import type { Obj } from '../../api/json.ts'
import { isObj } from '../../api/json.ts'
import { stripForEdit } from '../document/objects.ts'

function withoutVersion(obj: unknown): Obj {
  const stripped = stripForEdit(obj)
  if (isObj(stripped.metadata)) {
    const { resourceVersion: _rv, ...meta } = stripped.metadata
    stripped.metadata = meta
  }
  return stripped
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => same(x, b[i]))
    )
  }
  if (!isObj(a) || !isObj(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && same(a[k], b[k]))
}

/**
 * The server's current resourceVersion when `current` (read in the same version as `base`) differs
 * from what the editor started from only in status and resourceVersion; otherwise undefined.
 */
export function statusOnlyChange(base: unknown, current: unknown): string | undefined {
  if (!same(withoutVersion(base), withoutVersion(current))) return undefined
  const meta = isObj(current) && isObj(current.metadata) ? current.metadata : {}
  return typeof meta.resourceVersion === 'string' ? meta.resourceVersion : undefined
}
