// What the rule checks know about the cluster. Every part is optional: a check that needs a part
// that is missing (not loaded, not readable) reports nothing rather than guessing.
import type { Service } from '../../../services/types.ts'
import { gatewayServerHosts, type IstioGateway } from '../gateway.ts'

export interface KnownService {
  namespace: string
  name: string
  /** Undefined when the ports are not known. */
  ports?: number[] | undefined
}

export interface KnownGateway {
  namespace: string
  name: string
  /** Server hosts without Istio's `namespace/` prefix. */
  hosts: string[]
}

/** Host → keys (`namespace/name`) of the APIRules using it. */
export type HostIndex = ReadonlyMap<string, readonly string[]>

export interface CheckContext {
  /** Services known to exist. Without it, Service references are not checked. */
  services?: readonly KnownService[] | undefined
  /**
   * Namespaces whose Services are all in `services`; references to other namespaces are not
   * checked. Omit when `services` holds every namespace.
   */
  serviceNamespaces?: readonly string[] | undefined
  /** Gateways known to exist. Without it, Gateway references are not checked. */
  gateways?: readonly KnownGateway[] | undefined
  /** The hosts of the other APIRules. Without it, hosts are not checked. */
  hostIndex?: HostIndex | undefined
}

export function knownServicesOf(services: readonly Service[]): KnownService[] {
  return services.map((s) => ({
    namespace: s.metadata.namespace ?? '',
    name: s.metadata.name ?? '',
    ports: s.spec?.ports?.map((p) => p.port),
  }))
}

export function knownGatewaysOf(gateways: readonly IstioGateway[]): KnownGateway[] {
  return gateways.map((g) => ({
    namespace: g.metadata.namespace ?? '',
    name: g.metadata.name ?? '',
    hosts: gatewayServerHosts(g),
  }))
}

/** Adds `host → key` to a host index being built. */
export function addToHostIndex(index: Map<string, string[]>, host: string, key: string): void {
  const keys = index.get(host)
  if (!keys) index.set(host, [key])
  else if (!keys.includes(key)) keys.push(key)
}
