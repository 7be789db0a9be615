// Everything the APIRule pages derive from the cluster: the APIRules (v2 plus the v1beta1 read for
// objects written as v1beta1), Gateways for host domains, Services for the warnings, and the
// user's permissions — all live over watch.
import { useMemo } from 'react'
import { useAccessReview, useAccessReviews, type AccessResult } from '../../api/access.ts'
import { useK8sList } from '../../api/hooks.ts'
import type { ConnectionState } from '../../api/list-watch.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import { APIRULES, APIRULES_V1BETA1, GATEWAYS, SERVICES } from '../../api/resources.ts'
import {
  gatewayDomains,
  isV1Beta1Shaped,
  toApiRuleViews,
  toRow,
  type ApiRuleRow,
  type ApiRuleView,
} from './model.ts'
import { APIRULE_GROUP } from './types.ts'
import {
  buildHostIndex,
  viewWarnings,
  type ApiRuleWarning,
  type WarningContext,
} from './warnings.ts'

export interface ApiRuleData {
  views: ApiRuleView[]
  rows: ApiRuleRow[]
  warnings: Map<string, ApiRuleWarning[]>
  warningContext: WarningContext
  gateways: K8sObject[]
  domains: Map<string, string>
  isLoading: boolean
  error: Error | null
  connection: ConnectionState
  refetch: () => void
}

const NO_WARNINGS: ApiRuleWarning[] = []

export function useApiRuleData(namespace: string | undefined): ApiRuleData {
  const v2 = useK8sList(APIRULES, namespace)
  const anyV1Beta1 = useMemo(() => v2.items.some(isV1Beta1Shaped), [v2.items])
  const v1 = useK8sList(APIRULES_V1BETA1, namespace, { enabled: anyV1Beta1 })
  const gateways = useK8sList(GATEWAYS)
  const services = useK8sList(SERVICES, namespace)

  const views = useMemo(
    () => toApiRuleViews(v2.items, anyV1Beta1 && !v1.error ? v1.byKey : undefined),
    [v2.items, v1.byKey, v1.error, anyV1Beta1],
  )
  const gatewayItems = gateways.error ? undefined : gateways.items
  const domains = useMemo(() => gatewayDomains(gatewayItems ?? []), [gatewayItems])
  const rows = useMemo(() => views.map((v) => toRow(v, domains)), [views, domains])

  const warningContext = useMemo<WarningContext>(
    () => ({
      gateways: gateways.isLoading ? undefined : gatewayItems,
      services: services.error || services.isLoading ? undefined : services.items,
      serviceNamespaces: namespace ? [namespace] : undefined,
      hostIndex: buildHostIndex(views, gatewayItems ?? []),
    }),
    [
      gateways.isLoading,
      gatewayItems,
      services.error,
      services.isLoading,
      services.items,
      namespace,
      views,
    ],
  )
  const warnings = useMemo(() => {
    const map = new Map<string, ApiRuleWarning[]>()
    for (const v of views) {
      const list = viewWarnings(v, warningContext)
      map.set(v.key, list.length ? list : NO_WARNINGS)
    }
    return map
  }, [views, warningContext])

  return {
    views,
    rows,
    warnings,
    warningContext,
    gateways: gatewayItems ?? [],
    domains,
    isLoading: v2.isLoading,
    error: v2.error,
    connection: v2.connection,
    refetch: v2.refetch,
  }
}

export interface ApiRulePermissions {
  create: AccessResult
  /** Per namespace (the key '' stands for all namespaces). */
  update: (namespace: string) => AccessResult
  createIn: (namespace: string) => AccessResult
  deleteIn: (namespace: string) => AccessResult
}

const check = (verb: string, namespace?: string) => ({
  verb,
  group: APIRULE_GROUP,
  resource: 'apirules',
  namespace,
  title: 'APIRules',
})

/**
 * The user's APIRule permissions in the current namespace (or cluster-wide in the all-namespaces
 * view) and, for row actions, in each namespace that appears in `rowNamespaces`.
 */
export function useApiRulePermissions(
  namespace: string | undefined,
  rowNamespaces: readonly string[] = [],
): ApiRulePermissions {
  const create = useAccessReview(check('create', namespace))
  const namespaces = useMemo(
    () => (namespace ? [namespace] : [...new Set(rowNamespaces)].sort()),
    [namespace, rowNamespaces],
  )
  const checks = useMemo(
    () =>
      namespaces.flatMap((ns) => [check('update', ns), check('create', ns), check('delete', ns)]),
    [namespaces],
  )
  const results = useAccessReviews(checks)
  return useMemo(() => {
    const pending: AccessResult = {
      allowed: false,
      isLoading: true,
      unknown: false,
      reason: 'Checking permissions…',
    }
    const lookup = (offset: number) => (ns: string) => {
      const i = namespaces.indexOf(ns)
      return (i >= 0 ? results[i * 3 + offset] : undefined) ?? pending
    }
    return { create, update: lookup(0), createIn: lookup(1), deleteIn: lookup(2) }
  }, [create, namespaces, results])
}
