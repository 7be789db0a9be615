// Derived views of a Service for lists, details and the "Expose" action.
import type { ServiceTarget } from '../apirules/domain/targets.ts'
import type { Service, ServicePort } from './types.ts'

export function formatPorts(svc: Service): string {
  return (svc.spec?.ports ?? [])
    .map((p) => `${p.name ? `${p.name} ` : ''}${p.port}/${p.protocol ?? 'TCP'}`)
    .join(', ')
}

/** Ports an APIRule can route HTTP to. */
export function exposablePorts(svc: Service): ServicePort[] {
  return (svc.spec?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP')
}

/** `http (80)`, or just `80` for an unnamed port: how a port is offered in the port choice. */
export function portLabel(p: Pick<ServicePort, 'name' | 'port'>): string {
  return p.name ? `${p.name} (${p.port})` : String(p.port)
}

/** `namespace/name`: the key Services and APIRule targets are matched by. */
export function serviceKey(namespace: string, name: string): string {
  return `${namespace}/${name}`
}

/** "ClusterIP" etc.; the API server defaults a missing type to ClusterIP. */
export function serviceType(svc: Service): string {
  return svc.spec?.type ?? 'ClusterIP'
}

/** The cluster IP, "None" for headless Services, the external name for ExternalName ones. */
export function clusterIpLabel(svc: Service): string {
  if (svc.spec?.type === 'ExternalName') return svc.spec.externalName ?? '—'
  return svc.spec?.clusterIP || '—'
}

/**
 * How many APIRules route to each Service (`namespace/name` → count). An APIRule counts once per
 * Service even when several of its rules (or ports) point there. Matching is exact on namespace
 * and name, never a prefix or substring.
 */
export function apiRuleCountsByService(
  targetsPerRule: readonly (readonly ServiceTarget[])[],
): Map<string, number> {
  const counts = new Map<string, number>()
  for (const targets of targetsPerRule) {
    const keys = new Set(targets.map((t) => serviceKey(t.namespace, t.name)))
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  return counts
}
