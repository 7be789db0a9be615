// Kubernetes objects as the editor shows them: printed as YAML the way the editor writes it, and
// without the parts only the server writes.
import { stringify } from 'yaml'
import { type Obj, isObj } from '../../api/json.ts'

export const YAML_OPTIONS = { lineWidth: 0, indent: 2 } as const

export function toYaml(obj: unknown): string {
  return stringify(obj, YAML_OPTIONS)
}

/** Removes what the user must not edit: `status` and `metadata.managedFields`. */
export function stripForEdit(obj: unknown): Obj {
  if (!isObj(obj)) return {}
  const { status: _status, ...rest } = obj
  if (isObj(rest.metadata)) {
    const { managedFields: _mf, ...meta } = rest.metadata
    rest.metadata = meta
  }
  return rest
}
