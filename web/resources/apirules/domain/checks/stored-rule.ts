// Every rule check for an APIRule as stored (any version, any shape; never throws): what the list
// rows and the details page warn about.
import type { CheckIssue } from '../issue.ts'
import { resolveHost } from '../hosts.ts'
import type { ApiRuleView } from '../view.ts'
import { insecureJwksIssues, publicCatchAllIssues } from './advisories.ts'
import { addToHostIndex, type CheckContext, type HostIndex } from './context.ts'
import { occupiedHostIssues } from './hosts.ts'
import { gatewayIssues, serviceIssues, serviceRefs } from './references.ts'
import { ruleConflictIssues } from './rule-conflicts.ts'

/** Resolved host → keys of the APIRules using it. */
export function buildHostIndex(
  views: readonly ApiRuleView[],
  domains: ReadonlyMap<string, string>,
): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const v of views) {
    const host = resolveHost(v, domains)
    if (host) addToHostIndex(index, host, v.key)
  }
  return index
}

export interface StoredRuleContext extends CheckContext {
  /** Gateway domains, to resolve short hosts (see `gatewayDomains`). */
  domains?: ReadonlyMap<string, string> | undefined
  hostIndex?: HostIndex | undefined
}

/** The checks of a stored APIRule, in the order the details page lists them. */
export function storedRuleIssues(view: ApiRuleView, ctx: StoredRuleContext = {}): CheckIssue[] {
  const domains = ctx.domains ?? new Map<string, string>()
  const host = resolveHost(view, domains)
  return [
    ...publicCatchAllIssues(view, host),
    ...insecureJwksIssues(view),
    ...ruleConflictIssues(view.rules.map((r) => ({ ...r, regexPath: r.handlers.length > 0 }))),
    ...(host && ctx.hostIndex
      ? occupiedHostIssues([host], view.key, ctx.hostIndex, [
          'spec',
          ...(view.version === 'v1beta1' ? ['host'] : ['hosts', 0]),
        ])
      : []),
    ...serviceIssues(serviceRefs(view.namespace, view.service, view.rules), ctx),
    ...(view.externalGateway ? [] : gatewayIssues(view.gateway, ctx)),
  ]
}
