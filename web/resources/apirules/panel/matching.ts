// Which APIRules route to one workload. Exact on namespace and name — a Service called `hello`
// never picks up the rules of `hello-kyma-svc` and vice versa — and complete: the spec-level
// Service, per-rule Services, v1beta1's spec.service and Services in another namespace
// (`service.namespace`) all count.
import { serviceTargets, type ServiceTarget } from '../domain/targets.ts'
import { type ApiRuleView } from '../domain/view.ts'

/** The targets of `view` that are exactly the Service `namespace/name` (one per port). */
export function targetsOfService(
  view: Pick<ApiRuleView, 'namespace' | 'service' | 'rules'>,
  namespace: string,
  name: string,
): ServiceTarget[] {
  return serviceTargets(view).filter((t) => t.namespace === namespace && t.name === name)
}

export interface MatchedApiRule {
  view: ApiRuleView
  /** The ports of this Service the APIRule routes to (empty when a target has no port). */
  ports: number[]
  /** True when only some rules (per-rule `service`) go to this Service. */
  partial: boolean
}

/** The APIRules routing to Service `namespace/name`, sorted by name. */
export function apiRulesForService(
  views: readonly ApiRuleView[],
  namespace: string,
  name: string,
): MatchedApiRule[] {
  const out: MatchedApiRule[] = []
  for (const view of views) {
    const mine = targetsOfService(view, namespace, name)
    if (!mine.length) continue
    const ports = [...new Set(mine.map((t) => t.port).filter((p): p is number => !!p))]
    out.push({ view, ports, partial: serviceTargets(view).length > mine.length })
  }
  return out.sort(
    (a, b) =>
      a.view.namespace.localeCompare(b.view.namespace) || a.view.name.localeCompare(b.view.name),
  )
}
