// Istio Gateways as APIRules use them: the default one, legacy v1beta1 names, and the one rule for
// a Gateway's domain (what a short host is completed with).
import type { K8sObject } from '../../../api/k8s-types.ts'

/** networking.istio.io Gateway: the fields the dashboard reads. */
export interface IstioGateway extends K8sObject {
  spec?: { servers?: { hosts?: string[]; port?: { number?: number } }[] }
}

/** The Kyma Gateway: the editor's preset, and where v1beta1 short hosts take their domain from. */
export const DEFAULT_GATEWAY = 'kyma-system/kyma-gateway'

/** Legacy v1beta1 gateway names (`name.namespace.svc.cluster.local`, `name.namespace`) → `namespace/name`. */
export function normalizeGatewayRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined
  if (ref.includes('/')) return ref
  const m = /^([^.]+)\.([^.]+)(?:\.svc(?:\.cluster(?:\.local)?)?)?$/.exec(ref)
  return m ? `${m[2]}/${m[1]}` : ref
}

/** Every server host of a Gateway, without Istio's optional `namespace/` prefix. */
export function gatewayServerHosts(gateway: IstioGateway | undefined): string[] {
  return (gateway?.spec?.servers ?? [])
    .flatMap((s) => s?.hosts ?? [])
    .filter((h): h is string => typeof h === 'string')
    .map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h))
}

/**
 * The domain short hosts get on a Gateway with these server hosts. The controller accepts a short
 * host only when every server has the one same `*.<fqdn>` host, and then completes it with that
 * fqdn; any other Gateway has no domain.
 */
export function domainOfGatewayHosts(hosts: readonly string[]): string | undefined {
  const first = hosts[0]
  if (!first || !first.startsWith('*.') || first.length <= 2) return undefined
  return hosts.every((h) => h === first) ? first.slice(2) : undefined
}

/** The domain of a Gateway object (see `domainOfGatewayHosts`). */
export function gatewayDomainOf(gateway: IstioGateway | undefined): string | undefined {
  return domainOfGatewayHosts(gatewayServerHosts(gateway))
}

/** `namespace/name` → domain, for every Gateway that has one. */
export function gatewayDomains(gateways: readonly IstioGateway[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const gw of gateways) {
    const domain = gatewayDomainOf(gw)
    const { namespace, name } = gw.metadata ?? {}
    if (domain && namespace && name) map.set(`${namespace}/${name}`, domain)
  }
  return map
}
