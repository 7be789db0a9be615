// Gateway hosts as the editor's Gateway field shows them. Note: model.ts has a gatewayDomainOf with
// a looser rule (first host only); the APIRule domain work of issue 18 makes them one.
import type { GatewayObject } from '../../api/lookups.ts'

/** Domain of a Gateway whose servers all use one `*.domain` host. */
export function gatewayDomainOf(gw: GatewayObject | undefined): string | undefined {
  const hosts = (gw?.spec?.servers ?? []).flatMap((s) => s.hosts ?? [])
  const first = hosts[0]
  if (!first) return undefined
  const bare = first.includes('/') ? first.slice(first.indexOf('/') + 1) : first
  if (!bare.startsWith('*.')) return undefined
  return hosts.every((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h) === bare)
    ? bare.slice(2)
    : undefined
}

/** The hosts of a Gateway's servers, without their `namespace/` prefix. */
export function gatewayHosts(gw: GatewayObject): string[] {
  return (gw.spec?.servers ?? [])
    .flatMap((s) => s.hosts ?? [])
    .map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h))
}
