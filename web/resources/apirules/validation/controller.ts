// Checks the api-gateway controller makes after admission (internal/validation/**). The API
// server accepts an APIRule that fails them, but the controller then sets `state: Error`. For v2,
// what the controller always rejects (an empty issuer, no service, a shadowed path) is an error
// that blocks Save; what depends on a partial view of the cluster (a Service or Gateway the user
// cannot see) stays a warning. v1beta1 is no longer reconciled, so its checks are warnings.
import type { DocPath, Issue, ValidationContext } from './types.ts'
import { type Obj, arr, isObj } from '../../../api/json.ts'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

const warn = (path: DocPath, message: string): Issue => ({
  path,
  message,
  severity: 'warning',
  source: 'controller',
})

/** What the v2 controller always rejects (`state: Error`). */
const reject = (path: DocPath, message: string): Issue => ({
  path,
  message,
  severity: 'error',
  source: 'controller',
})

/** Go `url.ParseRequestURI`, roughly: an absolute URI with a scheme, or an absolute path. */
export function isRequestUri(value: string): boolean {
  if (!value || /\s/.test(value)) return false
  if (value.startsWith('/')) return true
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value)
}

// ---- v2 paths ----

/** Segments of a v2 path; `/*` is the same as `/{**}`. */
export function pathSegments(path: string): string[] {
  const p = path === '/*' ? '/{**}' : path
  return p.split('/').slice(1)
}

/** The `{**}` rules of the controller: at most one, and it must be the last operator. */
export function doubleStarProblems(path: string): string[] {
  const segs = pathSegments(path)
  const problems: string[] = []
  const dbl = segs.filter((s) => s === '{**}').length
  if (dbl > 1) problems.push('Only one {**} operator is allowed in the path.')
  const idx = segs.indexOf('{**}')
  if (idx >= 0 && segs.slice(idx + 1).some((s) => s === '{*}'))
    problems.push('The {**} operator must be the last operator in the path.')
  return problems
}

/**
 * True when every request path matched by `later` is also matched by `earlier`, so `earlier`
 * (for a shared method) leaves nothing for `later`.
 */
export function pathCovers(earlier: string, later: string): boolean {
  // The conflict check compares every rule with every earlier one on each validation run (every
  // keystroke in the editor): remember the answers, which depend on the two strings only.
  const key = `${earlier}\u0000${later}`
  const known = coversCache.get(key)
  if (known !== undefined) return known
  if (coversCache.size >= COVERS_CACHE_MAX) coversCache.clear()
  const res = computePathCovers(earlier, later)
  coversCache.set(key, res)
  return res
}

const COVERS_CACHE_MAX = 50_000
const coversCache = new Map<string, boolean>()

function computePathCovers(earlier: string, later: string): boolean {
  const a = pathSegments(earlier)
  const b = pathSegments(later)
  const memo = new Map<string, boolean>()
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`
    const cached = memo.get(key)
    if (cached !== undefined) return cached
    let res: boolean
    if (i === a.length) res = j === b.length
    else if (a[i] === '{**}') {
      // zero or more segments of `later`; it can also swallow `later`'s own operators
      res = go(i + 1, j) || (j < b.length && go(i, j + 1))
    } else if (j === b.length) res = false
    else if (b[j] === '{**}') res = false
    else if (a[i] === '{*}') res = b[j] !== '' && go(i + 1, j + 1)
    else res = a[i] === b[j] && go(i + 1, j + 1)
    memo.set(key, res)
    return res
  }
  return go(0, 0)
}

function gatewayDomain(gw: { hosts: string[] } | undefined): string | undefined {
  if (!gw || gw.hosts.length === 0) return undefined
  const first = gw.hosts[0] ?? ''
  if (!first.startsWith('*.')) return undefined
  return gw.hosts.every((h) => h === first) ? first.slice(2) : undefined
}

/** The `*.domain` suffix of a Gateway, when all its servers share one. */
export { gatewayDomain }

function jwtIssues(jwt: unknown, base: DocPath): Issue[] {
  if (!isObj(jwt)) return []
  const out: Issue[] = []
  const auths = jwt.authentications
  if (arr(auths).length === 0)
    out.push(
      reject([...base, 'authentications'], 'A JWT config must have at least one authentication'),
    )
  let headers = 0
  let params = 0
  arr(auths).forEach((a, k) => {
    if (!isObj(a)) return
    const at = [...base, 'authentications', k]
    for (const f of ['issuer', 'jwksUri'] as const) {
      const v = str(a[f]) ?? ''
      const bad =
        f === 'issuer' ? v === '' || (v.includes(':') && !isRequestUri(v)) : !isRequestUri(v)
      if (bad)
        out.push(
          reject([...at, f], v === '' ? 'Required value' : 'value is empty or not a valid uri'),
        )
    }
    const fh = arr(a.fromHeaders).length
    const fp = arr(a.fromParams).length
    if (fh > 1) out.push(reject([...at, 'fromHeaders'], 'multiple fromHeaders are not supported'))
    if (fp > 1) out.push(reject([...at, 'fromParams'], 'multiple fromParams are not supported'))
    headers += fh
    params += fp
  })
  if (headers > 0 && params > 0)
    out.push(
      reject(
        [...base, 'authentications'],
        'mixture of multiple fromHeaders and fromParams is not supported',
      ),
    )
  if ('authorizations' in jwt) {
    const authz = jwt.authorizations
    if (Array.isArray(authz) && authz.length === 0)
      out.push(
        reject([...base, 'authorizations'], 'authorizations defined, but no configuration exists'),
      )
    arr(authz).forEach((z, k) => {
      const at = [...base, 'authorizations', k]
      if (!isObj(z)) {
        out.push(reject(at, 'authorization is empty'))
        return
      }
      for (const [f, what] of [
        ['requiredScopes', 'scope'],
        ['audiences', 'audience'],
      ] as const) {
        if (!(f in z)) continue
        const list = z[f]
        if (Array.isArray(list) && list.length === 0) out.push(reject([...at, f], 'value is empty'))
        arr(list).forEach((s, m) => {
          if (s === '' || s === null) out.push(reject([...at, f, m], `${what} value is empty`))
        })
      }
    })
  }
  return out
}

/** Controller checks for a v2 / v2alpha1 APIRule. */
export function controllerIssuesV2(obj: unknown, ctx: ValidationContext = {}): Issue[] {
  if (!isObj(obj) || !isObj(obj.spec)) return []
  const spec = obj.spec
  const out: Issue[] = []
  const meta = isObj(obj.metadata) ? obj.metadata : {}
  const ns = str(meta.namespace) ?? ctx.namespace

  const gw = str(spec.gateway)
  const egw = str(spec.externalGateway)
  if (!gw && !egw) out.push(reject(['spec'], 'Either gateway or externalGateway must be specified'))
  if (gw && egw)
    out.push(reject(['spec'], 'Only one of gateway or externalGateway can be specified'))

  const gatewayObj =
    gw && ctx.gateways ? ctx.gateways.find((g) => `${g.namespace}/${g.name}` === gw) : undefined
  if (gw && ctx.gateways && !gatewayObj) out.push(warn(['spec', 'gateway'], 'Gateway not found'))

  arr(spec.hosts).forEach((h, i) => {
    if (typeof h !== 'string' || !h) return
    const short = !h.includes('.')
    if (short && gw && ctx.gateways) {
      if (!gatewayObj) out.push(warn(['spec', 'hosts', i], `Unable to find Gateway "${gw}"`))
      else if (!gatewayDomain(gatewayObj))
        out.push(
          warn(
            ['spec', 'hosts', i],
            'Lowercase RFC 1123 label (short host) is only supported as the APIRule host when selected Gateway has a single host definition matching *.<fqdn> format',
          ),
        )
    }
    if (ctx.apiRules) {
      const full = short && gatewayObj ? `${h}.${gatewayDomain(gatewayObj) ?? ''}` : h
      const other = ctx.apiRules.find(
        (r) =>
          // a rule being created is not yet one of them, even when it reuses a taken name
          (ctx.creating || !(r.namespace === ns && r.name === (str(meta.name) ?? ctx.name))) &&
          r.hosts.some((oh) => oh === h || oh === full),
      )
      if (other)
        out.push({
          ...reject(
            ['spec', 'hosts', i],
            `Host is occupied by another Virtual Service (APIRule ${other.namespace}/${other.name})`,
          ),
          source: 'cluster',
        })
    }
  })

  const rules = arr(spec.rules)
  const specService = isObj(spec.service) ? spec.service : undefined
  const checkService = (svc: Obj, at: DocPath) => {
    const name = str(svc.name)
    if (name === '') {
      out.push(reject([...at, 'name'], 'Required value: the name of the Service to expose'))
      return
    }
    if (!ctx.services) return
    const svcNs = str(svc.namespace) ?? str(specService?.namespace) ?? ns
    if (!name) return
    const found = ctx.services.find((s) => s.name === name && (s.namespace ?? ns) === svcNs)
    if (!found) out.push(warn(at, `Service "${name}" not found in namespace "${svcNs ?? ''}"`))
    else if (found.ports && typeof svc.port === 'number' && !found.ports.includes(svc.port))
      out.push(warn([...at, 'port'], `Service "${name}" has no port ${svc.port}`))
  }
  if (specService) checkService(specService, ['spec', 'service'])

  const seen: { path: string; methods: string[] }[] = []
  rules.forEach((r, i) => {
    if (!isObj(r)) return
    const at: DocPath = ['spec', 'rules', i]
    if (!specService && !isObj(r.service))
      out.push(
        reject(
          [...at, 'service'],
          'The rule must define a service, because no service is defined on spec level',
        ),
      )
    if (isObj(r.service)) checkService(r.service, [...at, 'service'])
    const path = str(r.path)
    if (path) {
      for (const p of doubleStarProblems(path)) out.push(reject([...at, 'path'], p))
      const methods = arr(r.methods).filter((m): m is string => typeof m === 'string')
      for (const m of methods) {
        if (seen.some((s) => s.methods.includes(m) && pathCovers(s.path, path))) {
          out.push(
            reject(
              [...at, 'path'],
              `Path ${path} with method ${m} conflicts with at least one of the previous rule paths`,
            ),
          )
          break
        }
      }
      seen.push({ path, methods })
    }
    if (isObj(r.jwt)) out.push(...jwtIssues(r.jwt, [...at, 'jwt']))
    if (isObj(r.extAuth) && isObj(r.extAuth.restrictions))
      out.push(...jwtIssues(r.extAuth.restrictions, [...at, 'extAuth', 'restrictions']))
  })
  return out
}

export const V1BETA1_HANDLERS = [
  'allow',
  'no_auth',
  'noop',
  'jwt',
  'unauthorized',
  'anonymous',
  'cookie_session',
  'oauth2_client_credentials',
  'oauth2_introspection',
] as const
const SECURE = new Set([
  'jwt',
  'oauth2_client_credentials',
  'oauth2_introspection',
  'cookie_session',
])
const EXCLUSIVE = new Set(['allow', 'no_auth', 'noop'])

/** Controller checks for a v1beta1 APIRule (v1beta1 is deprecated and no longer reconciled). */
export function controllerIssuesV1beta1(obj: unknown): Issue[] {
  if (!isObj(obj) || !isObj(obj.spec)) return []
  const spec = obj.spec
  const out: Issue[] = []
  const seen = new Set<string>()
  arr(spec.rules).forEach((r, i) => {
    if (!isObj(r)) return
    const at: DocPath = ['spec', 'rules', i]
    if (!isObj(spec.service) && !isObj(r.service))
      out.push(warn([...at, 'service'], 'No service defined with no main service on spec level'))
    for (const m of arr(r.methods)) {
      const key = `${str(r.path) ?? ''} ${String(m)}`
      if (seen.has(key)) {
        out.push(warn([...at, 'path'], 'multiple rules defined for the same path and method'))
        break
      }
      seen.add(key)
    }
    const strategies = arr(r.accessStrategies).filter(isObj)
    if (strategies.length === 0)
      out.push(warn([...at, 'accessStrategies'], 'No accessStrategies defined'))
    const handlers = strategies.map((s) => str(s.handler) ?? '')
    handlers.forEach((h, k) => {
      if (!(V1BETA1_HANDLERS as readonly string[]).includes(h))
        out.push(
          warn([...at, 'accessStrategies', k, 'handler'], `Unsupported accessStrategy: ${h}`),
        )
      else if (EXCLUSIVE.has(h) && handlers.length > 1)
        out.push(
          warn(
            [...at, 'accessStrategies', k, 'handler'],
            `${h} access strategy is not allowed in combination with other access strategies`,
          ),
        )
    })
    if (handlers.some((h) => SECURE.has(h)) && handlers.some((h) => !SECURE.has(h)))
      out.push(
        warn(
          [...at, 'accessStrategies'],
          'Secure access strategies cannot be used in combination with unsecure access strategies',
        ),
      )
  })
  return out
}
