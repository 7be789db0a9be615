// The Services an APIRule routes to, and the access its rules give, summarised for one line.
import type { ApiRuleService } from '../types.ts'
import type { AccessKind } from './access.ts'
import type { ApiRuleView } from './view.ts'

export interface ServiceTarget {
  namespace: string
  name: string
  port?: number | undefined
}

/** Every Service the APIRule routes to (spec-level first), without duplicates. */
export function serviceTargets(
  view: Pick<ApiRuleView, 'namespace' | 'service' | 'rules'>,
): ServiceTarget[] {
  const specNs = view.service?.namespace ?? view.namespace
  const out: ServiceTarget[] = []
  const seen = new Set<string>()
  const add = (s: ApiRuleService | undefined, fallbackNs: string) => {
    if (!s?.name) return
    const t = { namespace: s.namespace ?? fallbackNs, name: s.name, port: s.port || undefined }
    const k = `${t.namespace}/${t.name}:${t.port ?? ''}`
    if (seen.has(k)) return
    seen.add(k)
    out.push(t)
  }
  add(view.service, view.namespace)
  for (const r of view.rules) add(r.service, specNs)
  return out
}

/** `name:port`, with `namespace/` when the Service is in another namespace. */
export function serviceTargetLabel(t: ServiceTarget, ownNamespace: string): string {
  const base = t.namespace !== ownNamespace ? `${t.namespace}/${t.name}` : t.name
  return t.port ? `${base}:${t.port}` : base
}

/** The Service column: the first target, plus "+N" when rules route elsewhere too. */
export function serviceLabel(view: Pick<ApiRuleView, 'namespace' | 'service' | 'rules'>): string {
  const targets = serviceTargets(view)
  const first = targets[0]
  if (!first) return ''
  const label = serviceTargetLabel(first, view.namespace)
  return targets.length > 1 ? `${label} +${targets.length - 1}` : label
}

export interface AccessSummary {
  kinds: AccessKind[]
  label: string
}

/** The distinct access kinds of the rules; the label lists them (v1beta1: handler names). */
export function accessSummary(view: Pick<ApiRuleView, 'rules' | 'version'>): AccessSummary {
  const kinds: AccessKind[] = []
  const labels: string[] = []
  for (const r of view.rules) {
    if (!kinds.includes(r.access)) kinds.push(r.access)
    const parts = view.version === 'v1beta1' && r.handlers.length ? r.handlers : [r.accessLabel]
    for (const p of parts) if (!labels.includes(p)) labels.push(p)
  }
  return { kinds, label: labels.join(', ') }
}
