// Derived views of a Service for lists, details and the "Expose" action.
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
