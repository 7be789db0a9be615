// The controller's JWT checks (of `jwt`, else of `extAuth.restrictions`), and the one across rules:
// two authentications for the same issuer and JWKS URI must be configured alike.
import { arr, isObj, type Obj } from '../../../api/json.ts'
import { controllerMessage, type ControllerCheckId } from './controller-checks.ts'
import { parseRequestUriError } from './go-url.ts'
import type { DocPath, Issue } from './types.ts'

export const controllerError = (
  id: ControllerCheckId,
  path: DocPath,
  ...args: (string | number)[]
): Issue => ({
  path,
  message: controllerMessage(id, ...args),
  severity: 'error',
  source: 'controller',
})

/** The controller's reason an issuer is refused, or undefined (an issuer without ':' is any text). */
function issuerProblem(issuer: string): string | undefined {
  if (issuer === '') return 'value is empty'
  return issuer.includes(':') ? parseRequestUriError(issuer) : undefined
}

function jwksProblem(uri: string): string | undefined {
  return uri === '' ? 'value is empty' : parseRequestUriError(uri)
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')

/**
 * Empty lists (`authorizations: []`, `requiredScopes: []`, `audiences: []`) are not checked: the
 * conversion from v2 drops them before the controller sees the rule (controller-checks.ts).
 */
function authorizationIssues(config: Obj, at: DocPath): Issue[] {
  const out: Issue[] = []
  arr(config.authorizations).forEach((z, k) => {
    const here = [...at, 'authorizations', k]
    if (!isObj(z)) {
      out.push(controllerError('authorizationNull', here))
      return
    }
    const fields = [
      ['requiredScopes', 'scopeEmpty'],
      ['audiences', 'audienceEmpty'],
    ] as const
    for (const [field, emptyValue] of fields)
      if (arr(z[field]).some((v) => v === '' || v === null))
        out.push(controllerError(emptyValue, [...here, field]))
  })
  return out
}

function authenticationIssues(config: Obj, at: DocPath): Issue[] {
  const list = arr(config.authentications)
  if (list.length === 0) return [controllerError('noAuthentication', [...at, 'authentications'])]
  const out: Issue[] = []
  let headersSeen = false
  let paramsSeen = false
  list.forEach((a, k) => {
    if (!isObj(a)) return
    const here = [...at, 'authentications', k]
    const issuer = issuerProblem(str(a.issuer))
    if (issuer) out.push(controllerError('issuerInvalid', [...here, 'issuer'], issuer))
    const jwks = jwksProblem(str(a.jwksUri))
    if (jwks) out.push(controllerError('jwksUriInvalid', [...here, 'jwksUri'], jwks))
    // Accepted by the controller, refused by Istio in the RequestAuthentication it generates.
    else if (!/^https?:\/\//.test(str(a.jwksUri)))
      out.push(controllerError('jwksScheme', [...here, 'jwksUri']))
    const headers = arr(a.fromHeaders).length
    const params = arr(a.fromParams).length
    // The mixture is reported at the later of the two kinds, where it starts.
    if (headers > 0) {
      if (paramsSeen) out.push(controllerError('headersAndParams', [...here, 'fromHeaders']))
      headersSeen = true
    }
    if (params > 0) {
      if (headersSeen) out.push(controllerError('headersAndParams', [...here, 'fromParams']))
      paramsSeen = true
    }
    if (headers > 1) out.push(controllerError('multipleHeaders', [...here, 'fromHeaders']))
    if (params > 1) out.push(controllerError('multipleParams', [...here, 'fromParams']))
  })
  return out
}

/** The JWT checks of one rule: its `jwt`, or else its `extAuth.restrictions`. */
export function ruleJwtIssues(rule: Obj, at: DocPath): Issue[] {
  let config: Obj | undefined
  let base: DocPath = at
  if (isObj(rule.jwt)) {
    config = rule.jwt
    base = [...at, 'jwt']
  } else if (isObj(rule.extAuth) && isObj(rule.extAuth.restrictions)) {
    config = rule.extAuth.restrictions
    base = [...at, 'extAuth', 'restrictions']
  }
  if (!config) return []
  return [...authorizationIssues(config, base), ...authenticationIssues(config, base)]
}

/** The fields that make two authentications of one issuer "the same configuration". */
function shapeOf(a: Obj): string {
  const headers = arr(a.fromHeaders).map((h) =>
    isObj(h) ? [str(h.name), str(h.prefix)] : ['', ''],
  )
  const params = arr(a.fromParams).map(str)
  return JSON.stringify([str(a.issuer), str(a.jwksUri), headers, params])
}

/**
 * `jwt` authentications (extAuth restrictions are not compared) with the issuer and JWKS URI of an
 * earlier one but other token locations: Istio can hold one configuration per issuer.
 */
export function jwtDifferIssues(rules: readonly { rule: Obj; index: number }[]): Issue[] {
  // The controller keys by issuer and JWKS URI written one after the other.
  const first = new Map<string, { shape: string; rule: number }>()
  const out: Issue[] = []
  for (const { rule, index } of rules) {
    if (!isObj(rule.jwt)) continue
    arr(rule.jwt.authentications).forEach((a, k) => {
      if (!isObj(a)) return
      const key = str(a.issuer) + str(a.jwksUri)
      const seen = first.get(key)
      const shape = shapeOf(a)
      if (seen && seen.shape !== shape) {
        out.push({
          ...controllerError('jwtDiffer', ['spec', 'rules', index, 'jwt', 'authentications', k]),
          explanation: `Rule ${index + 1} reads tokens for issuer ${str(a.issuer)} from other headers or parameters than rule ${seen.rule + 1}. Istio keeps one configuration per issuer: use the same fromHeaders/fromParams in both.`,
        })
      } else first.set(key, { shape, rule: index })
    })
  }
  return out
}
