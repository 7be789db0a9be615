// The controller's checks of `spec.hosts` and of the Gateway: the host syntax, the short-host rule
// (needs the Gateway), a host another VirtualService already serves, and that the Gateway or
// ExternalGateway exists. Each lookup the user may not make is a warning that says so.
import { arr, type Obj } from '../../../api/json.ts'
import { controllerError } from './controller-jwt.ts'
import { notChecked } from './not-checked.ts'
import { addToHostIndex } from '../domain/checks/context.ts'
import { occupiedHostIssues } from '../domain/checks/hosts.ts'
import type { DocPath, Issue, KnownGatewayServer, ValidationContext } from './types.ts'

const FQDN = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]{2,63}$/
const SHORT = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/

export const isControllerShortHost = (host: string) => SHORT.test(host)

type KnownGateway = NonNullable<ValidationContext['gateways']>[number]

/** The servers of a known Gateway (one per host list when only its hosts are known). */
export function serversOf(gateway: KnownGateway): KnownGatewayServer[] {
  return gateway.servers ?? gateway.hosts.map((h) => ({ hosts: [h] }))
}

/** Every server has exactly one host, and it is the same `*.<fqdn>` for all. */
function singleWildcardHost(servers: readonly KnownGatewayServer[]): boolean {
  const first = servers[0]?.hosts[0]
  return servers.every(
    (s) => s.hosts.length === 1 && s.hosts[0]?.startsWith('*.') && s.hosts[0] === first,
  )
}

/** The domain the controller completes a short host with: the first server host minus `*.`. */
export function controllerGatewayDomain(gateway: KnownGateway | undefined): string {
  const host = gateway && serversOf(gateway).find((s) => s.hosts.length > 0)?.hosts[0]
  return host ? host.replace(/^\*\./, '') : ''
}

export const findGateway = (ref: string | undefined, ctx: ValidationContext) =>
  ref === undefined ? undefined : ctx.gateways?.find((g) => `${g.namespace}/${g.name}` === ref)

/** The legacy owner label the controller writes on its VirtualServices, and the current pair. */
function ownedBy(labels: Record<string, string>, name: string, namespace: string): boolean {
  const legacy = labels['apirule.gateway.kyma-project.io/v1beta1']
  if (legacy !== undefined) return legacy === `${name}.${namespace}`
  return (
    labels['apirule.gateway.kyma-project.io/name'] === name &&
    labels['apirule.gateway.kyma-project.io/namespace'] === namespace
  )
}

function apiRuleHostIssues(
  host: string,
  full: string,
  at: DocPath,
  name: string,
  namespace: string,
  ctx: ValidationContext,
): Issue[] {
  const index = new Map<string, string[]>()
  for (const r of ctx.apiRules ?? [])
    for (const h of r.hosts) addToHostIndex(index, h, `${r.namespace}/${r.name}`)
  // A rule being created is not in the cluster yet, even when it reuses a taken name.
  const self = ctx.creating ? undefined : `${namespace}/${name}`
  return occupiedHostIssues(full !== host ? [host, full] : [host], self, index, at)
}

export function hostIssues(spec: Obj, name: string, namespace: string, ctx: ValidationContext) {
  const hosts = arr(spec.hosts)
  if (hosts.length === 0) return [controllerError('noHosts', ['spec', 'hosts'])]
  const out: Issue[] = []
  const gatewayRef = typeof spec.gateway === 'string' ? spec.gateway : undefined
  const gateway = findGateway(gatewayRef, ctx)
  hosts.forEach((h, k) => {
    if (typeof h !== 'string') return
    const at = ['spec', 'hosts', k]
    let domain = ''
    if (isControllerShortHost(h)) {
      // A missing Gateway: the controller's Gateway lookup reports it first (gatewayIssues).
      if (!ctx.gateways) {
        if (ctx.unreadable?.includes('gateways'))
          out.push(notChecked(at, 'gateways', 'shortHostGateway'))
      } else if (gateway && !singleWildcardHost(serversOf(gateway)))
        out.push(controllerError('shortHostGateway', at))
      domain = controllerGatewayDomain(gateway)
    } else if (!(h.length <= 255 && FQDN.test(h))) out.push(controllerError('hostInvalid', at))
    const full = !h.includes('.') && domain ? `${h}.${domain}` : h
    if (ctx.virtualServices) {
      for (const vs of ctx.virtualServices)
        // A rule being created owns nothing yet, even under a name that is taken.
        if (vs.hosts.includes(full) && (ctx.creating || !ownedBy(vs.labels, name, namespace)))
          out.push({
            ...controllerError('hostOccupied', at),
            kind: 'duplicate-host',
            explanation: `Host ${full} is served by VirtualService ${vs.namespace}/${vs.name}${
              vs.labels['apirule.gateway.kyma-project.io/name']
                ? ` of APIRule ${vs.labels['apirule.gateway.kyma-project.io/namespace'] ?? ''}/${vs.labels['apirule.gateway.kyma-project.io/name']}`
                : ''
            }. Only one of them can own it.`,
          })
    } else {
      if (ctx.unreadable?.includes('virtualServices'))
        out.push(notChecked(at, 'virtualServices', 'hostOccupied'))
      // Without the VirtualServices, the other APIRules' hosts are the best guess.
      if (ctx.apiRules) out.push(...apiRuleHostIssues(h, full, at, name, namespace, ctx))
    }
  })
  return out
}

/**
 * The controller's Gateway lookup, before its validation: neither or both of gateway and
 * externalGateway, or one it cannot get. On such a failure the controller reports nothing else;
 * the editor still shows the other problems, which the controller reports once this one is fixed.
 */
export function gatewayIssues(spec: Obj, namespace: string, ctx: ValidationContext): Issue[] {
  const gw = typeof spec.gateway === 'string' ? spec.gateway : undefined
  const egw = typeof spec.externalGateway === 'string' ? spec.externalGateway : undefined
  if ((gw === undefined) === (egw === undefined))
    return [controllerError('discoveryNoGateway', ['spec'])]
  if (gw !== undefined) {
    if (ctx.gateways)
      return findGateway(gw, ctx)
        ? []
        : [
            {
              ...controllerError('discoveryGateway', ['spec', 'gateway']),
              kind: 'missing-gateway',
              explanation: `Gateway ${gw} does not exist.`,
            },
          ]
    return ctx.unreadable?.includes('gateways')
      ? [notChecked(['spec', 'gateway'], 'gateways', 'discoveryGateway')]
      : []
  }
  // `name` alone is an ExternalGateway in the APIRule's namespace.
  const ref = egw?.includes('/') ? egw : `${namespace}/${egw ?? ''}`
  if (ctx.externalGateways)
    return ctx.externalGateways.some((g) => `${g.namespace}/${g.name}` === ref)
      ? []
      : [controllerError('discoveryExternalGateway', ['spec', 'externalGateway'])]
  return ctx.unreadable?.includes('externalGateways')
    ? [notChecked(['spec', 'externalGateway'], 'externalGateways', 'discoveryExternalGateway')]
    : []
}
