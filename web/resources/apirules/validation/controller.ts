// Checks the api-gateway controller makes after admission (internal/validation/**). The API
// server accepts an APIRule that fails them, but the controller then sets `state: Error`. For v2,
// every check of the controller (controller-checks.ts) is an error in the controller's words at
// its attribute path; a check whose cluster objects the user may not read is a warning saying so.
// v1beta1 is no longer reconciled, so its checks are warnings.
import type { DocPath, Issue, ValidationContext } from './types.ts'
import { arr, isObj } from '../../../api/json.ts'
import {
  V1BETA1_HANDLERS,
  V1BETA1_PUBLIC_HANDLERS,
  V1BETA1_SECURE_HANDLERS,
} from '../domain/access.ts'
import { extAuthIssues, sidecarIssues } from './controller-env.ts'
import { gatewayIssues, hostIssues } from './controller-hosts.ts'
import { controllerError, jwtDifferIssues, ruleJwtIssues } from './controller-jwt.ts'
import { doubleStarProblem, firstPathConflict } from './controller-paths.ts'
import { reachabilityIssues } from './reachability.ts'
import { serviceIssues, serviceRefs } from '../domain/checks/references.ts'

const stringOrUndefined = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined

const warn = (path: DocPath, message: string): Issue => ({
  path,
  message,
  severity: 'warning',
  source: 'controller',
})

/**
 * Controller checks for a v2 / v2alpha1 APIRule, in the controller's order: per rule (service,
 * JWT, sidecar injection, external authorizers, path), the rule-order conflict, the JWT
 * configurations across rules, the hosts, the Gateway. Then the warnings beyond the controller.
 */
export function controllerIssuesV2(obj: unknown, ctx: ValidationContext = {}): Issue[] {
  if (!isObj(obj) || !isObj(obj.spec)) return []
  const spec = obj.spec
  const meta = isObj(obj.metadata) ? obj.metadata : {}
  const ns = stringOrUndefined(meta.namespace) || ctx.namespace || ''
  const name = stringOrUndefined(meta.name) ?? ctx.name ?? ''
  const out: Issue[] = []

  const rules = arr(spec.rules).flatMap((rule, index) => (isObj(rule) ? [{ rule, index }] : []))
  if (arr(spec.rules).length === 0) out.push(controllerError('noRules', ['spec', 'rules']))
  for (const { rule, index } of rules) {
    const at: DocPath = ['spec', 'rules', index]
    if (!isObj(spec.service) && !isObj(rule.service))
      out.push(controllerError('ruleWithoutService', [...at, 'service']))
    out.push(...ruleJwtIssues(rule, at))
    out.push(...sidecarIssues(spec, rule, at, ns, ctx))
    out.push(...extAuthIssues(rule, at, ctx))
    const problem = doubleStarProblem(stringOrUndefined(rule.path) ?? '')
    if (problem) out.push(controllerError(problem, [...at, 'path']))
  }
  const conflict = firstPathConflict(
    rules.map(({ rule, index }) => ({
      index,
      path: stringOrUndefined(rule.path) ?? '',
      methods: arr(rule.methods).filter((m): m is string => typeof m === 'string'),
    })),
  )
  if (conflict)
    out.push({
      ...controllerError('pathConflict', ['spec', 'rules'], conflict.path, conflict.method),
      kind: 'shadowed-rule',
      explanation: `Rule ${conflict.index + 1} (${conflict.path}) is already matched by an earlier rule for ${conflict.method}, so it never applies to that method.`,
    })
  out.push(...jwtDifferIssues(rules))
  out.push(...hostIssues(spec, name, ns, ctx))
  out.push(...gatewayIssues(spec, ns, ctx))

  // Beyond the controller: a port the Service does not have, and what leaves a Ready rule unreachable.
  if (ctx.services) {
    const ports = serviceIssues(
      serviceRefs(
        ns,
        spec.service,
        rules.map(({ rule, index }) => ({ index, service: rule.service })),
      ),
      {
        services: ctx.services.map((s) => ({ ...s, namespace: s.namespace ?? ns })),
        serviceNamespaces: [ctx.namespace ?? ns],
      },
    ).filter((i) => i.kind === 'missing-service-port')
    out.push(...ports)
  }
  out.push(...reachabilityIssues(spec, ns, ctx))
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
