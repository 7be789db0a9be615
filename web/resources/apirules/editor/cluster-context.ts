// Cluster objects → the validator's context (plain data: it crosses to the validation worker).
import type { EndpointSliceObject, GatewayObject, PodObject } from '../../../api/lookups.ts'
import type { ValidationContext } from '../validation/types.ts'

const withoutNamespace = (h: string) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h)

export function gatewayContextOf(
  gateways: readonly GatewayObject[],
): ValidationContext['gateways'] {
  return gateways.map((g) => {
    const servers = (g.spec?.servers ?? []).map((s) => ({
      hosts: (s.hosts ?? []).map(withoutNamespace),
      protocol: s.port?.protocol?.toUpperCase(),
      httpsRedirect: s.tls?.httpsRedirect === true,
    }))
    return {
      namespace: g.metadata.namespace ?? '',
      name: g.metadata.name ?? '',
      hosts: servers.flatMap((s) => s.hosts),
      servers,
    }
  })
}

/** The controller looks for a container (or init container) named istio-proxy. */
export function podContextOf(pods: readonly PodObject[]): ValidationContext['pods'] {
  return pods.map((p) => ({
    namespace: p.metadata.namespace ?? '',
    name: p.metadata.name ?? '',
    labels: p.metadata.labels ?? {},
    sidecar: [...(p.spec?.containers ?? []), ...(p.spec?.initContainers ?? [])].some(
      (c) => c.name === 'istio-proxy',
    ),
  }))
}

/** Ready endpoints per Service: a slice belongs to the Service its service-name label names. */
export function readyEndpointsOf(
  slices: readonly EndpointSliceObject[],
): ValidationContext['readyEndpoints'] {
  const counts = new Map<string, { namespace: string; service: string; ready: number }>()
  for (const s of slices) {
    const service = s.metadata.labels?.['kubernetes.io/service-name']
    if (!service) continue
    const key = `${s.metadata.namespace ?? ''}/${service}`
    const entry = counts.get(key) ?? { namespace: s.metadata.namespace ?? '', service, ready: 0 }
    // An endpoint whose readiness is unknown (null) counts as ready, as kube-proxy does.
    entry.ready += (s.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length
    counts.set(key, entry)
  }
  return [...counts.values()]
}
