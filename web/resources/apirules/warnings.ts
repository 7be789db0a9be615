// The warnings the list rows and the details page show for a stored APIRule: the domain's rule
// checks (domain/checks/) fed with the cluster objects the pages have, in the reader's words.
import type { Service } from '../services/types.ts'
import { knownGatewaysOf, knownServicesOf, type HostIndex } from './domain/checks/context.ts'
import { buildHostIndex, storedRuleIssues } from './domain/checks/stored-rule.ts'
import { gatewayDomains, type IstioGateway } from './domain/gateway.ts'
import type { CheckIssue } from './domain/issue.ts'
import { toApiRuleView, type ApiRuleView } from './domain/view.ts'

/** A check's issue, its `message` in the reader's words (the check's explanation when it has one). */
export type ApiRuleWarning = CheckIssue

export interface WarningContext {
  /** Services known to exist. Without it, Service references are not checked. */
  services?: readonly Service[] | undefined
  /**
   * Namespaces whose Services are all in `services`; references to other namespaces are not
   * checked. Omit when `services` holds every namespace.
   */
  serviceNamespaces?: readonly string[] | undefined
  /** Gateways known to exist (also used to resolve short hosts). Without it, not checked. */
  gateways?: readonly IstioGateway[] | undefined
  /** Other APIRules, to find a host used twice. The rule itself may be included; it is skipped. */
  otherApiRules?: readonly unknown[] | undefined
  /** Alternative to `otherApiRules` for many rows: resolved host → APIRule keys (`ns/name`). */
  hostIndex?: HostIndex | undefined
}

/** Resolved host → keys of the APIRules using it. */
export function hostIndexOf(
  views: readonly ApiRuleView[],
  gateways: readonly IstioGateway[] = [],
): Map<string, string[]> {
  return buildHostIndex(views, gatewayDomains(gateways))
}

/** Every warning for an already normalised view. */
export function viewWarnings(view: ApiRuleView, ctx: WarningContext = {}): ApiRuleWarning[] {
  const gateways = ctx.gateways
  const hostIndex =
    ctx.hostIndex ??
    (ctx.otherApiRules
      ? hostIndexOf(
          ctx.otherApiRules.map((o) => toApiRuleView(o)),
          gateways,
        )
      : undefined)
  const issues = storedRuleIssues(view, {
    services: ctx.services && knownServicesOf(ctx.services),
    serviceNamespaces: ctx.serviceNamespaces,
    gateways: gateways && knownGatewaysOf(gateways),
    domains: gatewayDomains(gateways ?? []),
    hostIndex,
  })
  // One line per problem: a Service referenced by several rules is missing once.
  const seen = new Set<string>()
  return issues
    .map((i) => ({ ...i, message: i.explanation ?? i.message }))
    .filter((i) => !seen.has(i.message) && !!seen.add(i.message))
}

/** Every warning for an APIRule (any version, any shape; never throws). */
export function apiRuleWarnings(rule: unknown, ctx: WarningContext = {}): ApiRuleWarning[] {
  return viewWarnings(toApiRuleView(rule), ctx)
}
