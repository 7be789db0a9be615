// One row of the APIRule list: the view with its host resolved and the text the search looks in.
import { hostUrl, resolveHost } from './domain/hosts.ts'
import type { StatusInfo } from './domain/status.ts'
import {
  accessSummary,
  serviceLabel,
  serviceTargets,
  type AccessSummary,
  type ServiceTarget,
} from './domain/targets.ts'
import type { ApiRuleView } from './domain/view.ts'

export interface ApiRuleRow {
  view: ApiRuleView
  key: string
  name: string
  namespace: string
  /** Host with the Gateway domain applied. */
  host: string
  url?: string | undefined
  service: string
  /** The first Service target, for the link. */
  serviceTarget?: ServiceTarget | undefined
  gateway: string
  access: AccessSummary
  status: StatusInfo
  created: string
  /** Lower-case text the search looks in. */
  searchText: string
}

export function toRow(view: ApiRuleView, domains: ReadonlyMap<string, string>): ApiRuleRow {
  const resolved = resolveHost(view, domains) ?? ''
  const service = serviceLabel(view)
  const labelText = Object.entries(view.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  const targets = serviceTargets(view)
  return {
    view,
    key: view.key,
    name: view.name,
    namespace: view.namespace,
    host: resolved,
    url: hostUrl(resolved),
    service,
    serviceTarget: targets[0],
    gateway: view.gateway ?? (view.externalGateway ? `${view.externalGateway} (external)` : ''),
    access: accessSummary(view),
    status: view.status,
    created: view.creationTimestamp ?? '',
    searchText: [
      view.name,
      view.host ?? '',
      resolved,
      service,
      ...targets.map((t) => t.name),
      labelText,
    ]
      .join('\n')
      .toLowerCase(),
  }
}
