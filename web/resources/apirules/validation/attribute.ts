// The controller names places in an APIRule by its Go field names (`.spec.rules[0].extAuth.
// externalAuthorizers.oauth2-proxy`, `.spec.rules[0].extAuth.authentications[0]`), not always by
// the document's. These convert between its attribute paths and the document's paths.
import { arr, isObj } from '../../../api/json.ts'
import { parseFieldPath } from './paths.ts'
import type { DocPath } from './types.ts'

const AUTHORIZERS = /^(\.spec\.rules\[\d+\]\.extAuth)\.externalAuthorizers(?:\.(.*))?$/

/**
 * The document path the controller's `attribute` is about. `object` (the APIRule) finds an
 * authorizer named in the attribute; without it the path ends at the list.
 */
export function docPathOfAttribute(attribute: string, object?: unknown): DocPath {
  const authz = AUTHORIZERS.exec(attribute)
  if (authz) {
    const base = [...parseFieldPath(authz[1] ?? ''), 'authorizers']
    const name = authz[2]
    if (name === undefined) return base
    const rule =
      isObj(object) && isObj(object.spec) ? arr(object.spec.rules)[Number(base[2])] : undefined
    const list = isObj(rule) && isObj(rule.extAuth) ? arr(rule.extAuth.authorizers) : []
    const k = list.indexOf(name)
    return k >= 0 ? [...base, k] : base
  }
  const path = parseFieldPath(attribute)
  // `.injection` names the Service's selector, which is not a field of the APIRule: the rule.
  if (path.at(-1) === 'injection') path.pop()
  // The restrictions of extAuth are checked as if they were extAuth's own fields.
  if (path[3] === 'extAuth' && (path[4] === 'authentications' || path[4] === 'authorizations'))
    path.splice(4, 0, 'restrictions')
  return path
}

/** The controller's attribute path for a document path (inverse of docPathOfAttribute). */
export function attributeOfDocPath(path: DocPath, object?: unknown): string {
  const p = [...path]
  if (p[3] === 'extAuth' && p[4] === 'restrictions') p.splice(4, 1)
  if (p[3] === 'extAuth' && p[4] === 'authorizers') {
    const rule =
      isObj(object) && isObj(object.spec) ? arr(object.spec.rules)[Number(p[2])] : undefined
    const list = isObj(rule) && isObj(rule.extAuth) ? arr(rule.extAuth.authorizers) : []
    const name = typeof p[5] === 'number' ? list[p[5]] : undefined
    return `.spec.rules[${String(p[2])}].extAuth.externalAuthorizers${typeof name === 'string' ? `.${name}` : ''}`
  }
  return p.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')
}
