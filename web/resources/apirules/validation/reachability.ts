// Warnings where the controller says Ready but no request can get through: a host that no server
// of the selected Gateway serves (or only redirects to an HTTPS server that does not serve it), an
// issuer or JWKS URI that is blank once trimmed, and a Service without a ready endpoint.
import { arr, isObj, type Obj } from '../../../api/json.ts'
import {
  controllerGatewayDomain,
  findGateway,
  isControllerShortHost,
  serversOf,
} from './controller-hosts.ts'
import { ruleService } from './controller-env.ts'
import type { DocPath, Issue, ValidationContext } from './types.ts'

const warn = (path: DocPath, message: string): Issue => ({
  path,
  message,
  severity: 'warning',
  source: 'cluster',
})

/** Istio's host matching for a Gateway server host: `*`, `*.suffix` (any deeper host), or exact. */
export function serverServes(serverHost: string, host: string): boolean {
  const h = serverHost.includes('/') ? serverHost.slice(serverHost.indexOf('/') + 1) : serverHost
  if (h === '*') return true
  if (h.startsWith('*.')) {
    const suffix = h.slice(1)
    // A wildcard APIRule host is served by a wildcard server host that covers it.
    if (host.startsWith('*.')) return host.slice(1).endsWith(suffix)
    return host.endsWith(suffix) && host.length > suffix.length
  }
  return h === host
}

function unservedHostIssues(spec: Obj, ctx: ValidationContext): Issue[] {
  const gateway = findGateway(typeof spec.gateway === 'string' ? spec.gateway : undefined, ctx)
  if (!gateway) return []
  const servers = serversOf(gateway)
  const domain = controllerGatewayDomain(gateway)
  const out: Issue[] = []
  arr(spec.hosts).forEach((h, k) => {
    if (typeof h !== 'string' || !h) return
    const full = isControllerShortHost(h) && domain ? `${h}.${domain}` : h
    const serving = servers.filter((s) => s.hosts.some((sh) => serverServes(sh, full)))
    const name = `${gateway.namespace}/${gateway.name}`
    if (serving.length === 0)
      out.push(
        warn(
          ['spec', 'hosts', k],
          `No server of Gateway ${name} serves ${full} (it serves ${[...new Set(servers.flatMap((s) => s.hosts))].join(', ') || 'no host'}): the controller accepts the rule, but no request can reach it`,
        ),
      )
    else if (serving.every((s) => s.httpsRedirect && s.protocol !== 'HTTPS'))
      out.push(
        warn(
          ['spec', 'hosts', k],
          `Gateway ${name} only redirects ${full} to HTTPS, and none of its HTTPS servers serves it: no request can reach the rule`,
        ),
      )
  })
  return out
}

function blankJwtIssues(rule: Obj, at: DocPath): Issue[] {
  const configs: [unknown, DocPath][] = [
    [rule.jwt, [...at, 'jwt']],
    [
      isObj(rule.extAuth) ? rule.extAuth.restrictions : undefined,
      [...at, 'extAuth', 'restrictions'],
    ],
  ]
  const out: Issue[] = []
  for (const [config, base] of configs) {
    if (!isObj(config)) continue
    arr(config.authentications).forEach((a, k) => {
      if (!isObj(a)) return
      const here = [...base, 'authentications', k]
      if (typeof a.issuer === 'string' && a.issuer !== '' && a.issuer.trim() === '')
        out.push(
          warn(
            [...here, 'issuer'],
            'The issuer is blank: no token has it as its iss claim, so every request to this rule is refused',
          ),
        )
      if (typeof a.jwksUri === 'string' && a.jwksUri !== '' && a.jwksUri.trim() === '')
        out.push(
          warn(
            [...here, 'jwksUri'],
            'The JWKS URI is blank: no key can be fetched to verify a token',
          ),
        )
    })
  }
  return out
}

function noEndpointIssues(
  spec: Obj,
  rule: Obj,
  at: DocPath,
  namespace: string,
  ctx: ValidationContext,
) {
  if (!ctx.readyEndpoints || !ctx.services) return []
  const target = ruleService(spec, rule, namespace)
  if ('problem' in target) return []
  if (
    !ctx.services.some(
      (s) => s.name === target.name && (s.namespace ?? namespace) === target.namespace,
    )
  )
    return []
  const known = ctx.readyEndpoints.find(
    (e) => e.service === target.name && e.namespace === target.namespace,
  )
  if (!known && target.namespace !== (ctx.namespace ?? namespace)) return []
  if ((known?.ready ?? 0) > 0) return []
  return [
    warn(
      at,
      `Service "${target.name}" has no ready endpoints: requests to this rule fail (503) until a Pod behind it is ready`,
    ),
  ]
}

/** The warnings beyond the controller's checks, for a v2 APIRule. */
export function reachabilityIssues(spec: Obj, namespace: string, ctx: ValidationContext): Issue[] {
  const out = unservedHostIssues(spec, ctx)
  const seen = new Set<string>()
  arr(spec.rules).forEach((rule, i) => {
    if (!isObj(rule)) return
    const at: DocPath = ['spec', 'rules', i]
    out.push(...blankJwtIssues(rule, at))
    for (const issue of noEndpointIssues(spec, rule, at, namespace, ctx)) {
      // One warning per Service, at the first rule that routes to it.
      if (seen.has(issue.message)) continue
      seen.add(issue.message)
      out.push(issue)
    }
  })
  return out
}
