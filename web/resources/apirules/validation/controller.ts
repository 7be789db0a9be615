// Checks the api-gateway controller makes after admission (internal/validation/**). The API
// server accepts an APIRule that fails them, but the controller then sets `state: Error`. For v2,
// what the controller always rejects (an empty issuer, no service, a shadowed path) is an error
// that blocks Save; what depends on a partial view of the cluster (a Service or Gateway the user
// cannot see) stays a warning. v1beta1 is no longer reconciled, so its checks are warnings.
import type { DocPath, Issue, ValidationContext } from './types.ts'
import { arr, isObj } from '../../../api/json.ts'
import {
  V1BETA1_HANDLERS,
  V1BETA1_PUBLIC_HANDLERS,
  V1BETA1_SECURE_HANDLERS,
} from '../domain/access.ts'
import { addToHostIndex } from '../domain/checks/context.ts'
import { occupiedHostIssues } from '../domain/checks/hosts.ts'
import { gatewayIssues, serviceIssues, serviceRefs } from '../domain/checks/references.ts'
import { ruleConflictIssues } from '../domain/checks/rule-conflicts.ts'
import { domainOfGatewayHosts } from '../domain/gateway.ts'
import { fullHost, isShortHost } from '../domain/hosts.ts'
import { doubleStarProblems } from '../domain/paths.ts'

/** The value if it is a string, empty or not (an empty name is a problem of its own here). */
const stringOrUndefined = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined

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
      const v = stringOrUndefined(a[f]) ?? ''
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
  const ns = stringOrUndefined(meta.namespace) ?? ctx.namespace
  const gateways = ctx.gateways

  const gw = stringOrUndefined(spec.gateway)
  const egw = stringOrUndefined(spec.externalGateway)
  if (!gw && !egw) out.push(reject(['spec'], 'Either gateway or externalGateway must be specified'))
  if (gw && egw)
    out.push(reject(['spec'], 'Only one of gateway or externalGateway can be specified'))
  out.push(...gatewayIssues(gw, { gateways }))

  const gatewayObj = gw && gateways?.find((g) => `${g.namespace}/${g.name}` === gw)
  const domain = gatewayObj ? domainOfGatewayHosts(gatewayObj.hosts) : undefined
  // The other APIRules' hosts; the rule being edited is not one of them, but a rule being created
  // is not yet in the cluster even when it reuses a taken name.
  const self = ctx.creating
    ? undefined
    : `${ns ?? ''}/${stringOrUndefined(meta.name) ?? ctx.name ?? ''}`
  const hostIndex = new Map<string, string[]>()
  for (const r of ctx.apiRules ?? [])
    for (const h of r.hosts) addToHostIndex(hostIndex, h, `${r.namespace}/${r.name}`)

  arr(spec.hosts).forEach((h, i) => {
    if (typeof h !== 'string' || !h) return
    const short = isShortHost(h)
    if (short && gw && gateways) {
      if (!gatewayObj) out.push(warn(['spec', 'hosts', i], `Unable to find Gateway "${gw}"`))
      else if (!domain)
        out.push(
          warn(
            ['spec', 'hosts', i],
            'Lowercase RFC 1123 label (short host) is only supported as the APIRule host when selected Gateway has a single host definition matching *.<fqdn> format',
          ),
        )
    }
    if (ctx.apiRules) {
      const full = fullHost(h, domain)
      out.push(
        ...occupiedHostIssues(full && full !== h ? [h, full] : [h], self, hostIndex, [
          'spec',
          'hosts',
          i,
        ]),
      )
    }
  })

  const rules = arr(spec.rules).flatMap((rule, index) => (isObj(rule) ? [{ rule, index }] : []))
  const specService = isObj(spec.service) ? spec.service : undefined
  const services = ctx.services?.map((s) => ({ ...s, namespace: s.namespace ?? ns ?? '' }))
  const serviceProblems = services
    ? serviceIssues(
        serviceRefs(
          ns ?? '',
          specService,
          rules.map(({ rule, index }) => ({ index, service: rule.service })),
        ),
        { services },
      )
    : []
  const conflicts = ruleConflictIssues(
    rules.map(({ rule, index }) => ({
      index,
      path: stringOrUndefined(rule.path) ?? '',
      methods: arr(rule.methods).filter((m): m is string => typeof m === 'string'),
      regexPath: false,
    })),
  )
  /** The issues among `issues` that are about `spec.rules[index]` (or `spec.service`: -1). */
  const about = (issues: Issue[], index: number) =>
    issues.filter((i) => (index < 0 ? i.path[1] === 'service' : i.path[2] === index))
  const emptyName = (svc: unknown, at: DocPath) => {
    if (isObj(svc) && svc.name === '')
      out.push(reject([...at, 'name'], 'Required value: the name of the Service to expose'))
  }

  emptyName(specService, ['spec', 'service'])
  out.push(...about(serviceProblems, -1))
  for (const { rule: r, index } of rules) {
    const at: DocPath = ['spec', 'rules', index]
    if (!specService && !isObj(r.service))
      out.push(
        reject(
          [...at, 'service'],
          'The rule must define a service, because no service is defined on spec level',
        ),
      )
    emptyName(r.service, [...at, 'service'])
    out.push(...about(serviceProblems, index))
    const path = stringOrUndefined(r.path)
    if (path) for (const p of doubleStarProblems(path)) out.push(reject([...at, 'path'], p))
    out.push(...about(conflicts, index))
    if (isObj(r.jwt)) out.push(...jwtIssues(r.jwt, [...at, 'jwt']))
    if (isObj(r.extAuth) && isObj(r.extAuth.restrictions))
      out.push(...jwtIssues(r.extAuth.restrictions, [...at, 'extAuth', 'restrictions']))
  }
  return out
}

const SECURE = new Set(V1BETA1_SECURE_HANDLERS)
const EXCLUSIVE = new Set(V1BETA1_PUBLIC_HANDLERS)

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
      const key = `${stringOrUndefined(r.path) ?? ''} ${String(m)}`
      if (seen.has(key)) {
        out.push(warn([...at, 'path'], 'multiple rules defined for the same path and method'))
        break
      }
      seen.add(key)
    }
    const strategies = arr(r.accessStrategies).filter(isObj)
    if (strategies.length === 0)
      out.push(warn([...at, 'accessStrategies'], 'No accessStrategies defined'))
    const handlers = strategies.map((s) => stringOrUndefined(s.handler) ?? '')
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
