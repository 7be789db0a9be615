// The host an APIRule serves: a short host (one label) is completed with its Gateway's domain.
import { DEFAULT_GATEWAY } from './gateway.ts'

export function isShortHost(host: string): boolean {
  return !host.includes('.')
}

/** The full host, or undefined when it is a short host and the Gateway's domain is unknown. */
export function fullHost(host: string, gatewayDomain: string | undefined): string | undefined {
  if (!isShortHost(host)) return host
  return gatewayDomain ? `${host}.${gatewayDomain}` : undefined
}

export interface HostOf {
  /** The host as written (v2: `spec.hosts[0]`; v1beta1: `spec.host`). */
  host?: string | undefined
  /** `namespace/name`. */
  gateway?: string | undefined
  version: 'v2' | 'v1beta1'
}

/**
 * The full host of an APIRule: a short host gets the domain of its Gateway (v2) or of the default
 * Kyma gateway (v1beta1). Undefined when there is no host; the short host itself when the domain
 * is unknown.
 */
export function resolveHost(
  rule: HostOf,
  domains: ReadonlyMap<string, string>,
): string | undefined {
  const host = rule.host
  if (!host) return undefined
  const v1beta1 = rule.version === 'v1beta1'
  const gateway = rule.gateway ?? (v1beta1 ? DEFAULT_GATEWAY : undefined)
  const domain =
    (gateway && domains.get(gateway)) ?? (v1beta1 ? domains.get(DEFAULT_GATEWAY) : undefined)
  return fullHost(host, domain) ?? host
}

/** `https://<host>` for a concrete host; undefined for wildcard or unresolved short hosts. */
export function hostUrl(resolved: string | undefined): string | undefined {
  if (!resolved || resolved.includes('*') || isShortHost(resolved)) return undefined
  return `https://${resolved}`
}
