// Everything the APIRule pages derive from the cluster: the APIRules (v2 plus the v1beta1 read for
// objects written as v1beta1), Gateways for host domains, Services for the warnings, and the
// user's permissions — all live over watch. The list uses `useApiRuleData`, the details page
// `useApiRuleDetails`; both warn through the same `useWarningContext`.
import { useMemo } from 'react'
import { useAccessReview, useAccessReviews, type AccessResult } from '../../api/access.ts'
import { useK8sList, useK8sObject, type K8sObjectResult } from '../../api/hooks.ts'
import type { ConnectionState } from '../../api/list-watch.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import { APIRULES, APIRULES_V1BETA1, GATEWAYS, SERVICES } from '../../api/resources.ts'
import type { Service } from '../services/types.ts'
import { gatewayDomains, type IstioGateway } from './domain/gateway.ts'
import { apiRuleAccess } from './domain/permissions.ts'
import { isV1Beta1Shaped } from './domain/versions.ts'
import { toApiRuleView, toApiRuleViews, type ApiRuleView } from './domain/view.ts'
import { toRow, type ApiRuleRow } from './list-rows.ts'
import { hostIndexOf, viewWarnings, type ApiRuleWarning, type WarningContext } from './warnings.ts'

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

/**
 * Gateways (with their domains) and the namespace's Services, and the warning context for APIRules
 * whose hosts are compared with `others` (undefined: hosts are not checked).
 */
function useWarningContext(
  namespace: string | undefined,
  others: readonly ApiRuleView[] | undefined,
  servicesEnabled = true,
) {
  const gateways = useK8sList<IstioGateway>(GATEWAYS)
  const services = useK8sList<Service>(SERVICES, namespace, { enabled: servicesEnabled })
  const gatewayItems = gateways.error ? undefined : gateways.items
  const domains = useMemo(() => gatewayDomains(gatewayItems ?? []), [gatewayItems])
  const warningContext = useMemo<WarningContext>(
    () => ({
      gateways: gateways.isLoading ? undefined : gatewayItems,
      services: services.error || services.isLoading ? undefined : services.items,
      serviceNamespaces: namespace ? [namespace] : undefined,
      hostIndex: others ? hostIndexOf(others, gatewayItems ?? []) : undefined,
    }),
    [
      gateways.isLoading,
      gatewayItems,
      services.error,
      services.isLoading,
      services.items,
      namespace,
      others,
    ],
  )
  return { gatewayItems, domains, warningContext }
}

export function useApiRuleData(namespace: string | undefined): ApiRuleData {
  const v2 = useK8sList(APIRULES, namespace)
  const anyV1Beta1 = useMemo(() => v2.items.some(isV1Beta1Shaped), [v2.items])
  const v1 = useK8sList(APIRULES_V1BETA1, namespace, { enabled: anyV1Beta1 })

  const views = useMemo(
    () => toApiRuleViews(v2.items, anyV1Beta1 && !v1.error ? v1.byKey : undefined),
    [v2.items, v1.byKey, v1.error, anyV1Beta1],
  )
  const { gatewayItems, domains, warningContext } = useWarningContext(namespace, views)
  const rows = useMemo(() => views.map((v) => toRow(v, domains)), [views, domains])
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

export interface ApiRuleDetails {
  /** The v2 read, for the page frame (loading, error, deleted, connection). */
  result: K8sObjectResult<K8sObject>
  view: ApiRuleView | undefined
  warnings: ApiRuleWarning[]
  domains: Map<string, string>
}

/**
 * One APIRule, live: its view (with the v1beta1 read for objects written as v1beta1) and its
 * warnings. Hosts are compared with every APIRule the user can list (all namespaces, else this one).
 */
export function useApiRuleDetails(namespace: string | undefined, name: string): ApiRuleDetails {
  const v2 = useK8sObject(APIRULES, namespace, name, { enabled: !!namespace })
  const v1Needed = !!v2.object && isV1Beta1Shaped(v2.object)
  const v1 = useK8sObject(APIRULES_V1BETA1, namespace, name, { enabled: v1Needed })
  const view = useMemo(
    () => (v2.object ? toApiRuleView(v2.object, v1.error ? undefined : v1.object) : undefined),
    [v2.object, v1.object, v1.error],
  )

  const allRules = useK8sList(APIRULES)
  const nsRules = useK8sList(APIRULES, namespace, { enabled: !!allRules.error && !!namespace })
  const otherRules = allRules.error ? nsRules : allRules
  const otherViews = useMemo(
    () => (otherRules.error ? undefined : otherRules.items.map((o) => toApiRuleView(o))),
    [otherRules.items, otherRules.error],
  )
  const { domains, warningContext } = useWarningContext(namespace, otherViews, !!namespace)
  const warnings = useMemo(
    () => (view ? viewWarnings(view, warningContext) : NO_WARNINGS),
    [view, warningContext],
  )
  return { result: v2, view, warnings, domains }
}

export interface ApiRulePermissions {
  create: AccessResult
  /** Per namespace (the key '' stands for all namespaces). */
  update: (namespace: string) => AccessResult
  createIn: (namespace: string) => AccessResult
  deleteIn: (namespace: string) => AccessResult
}

/**
 * The user's APIRule permissions in the current namespace (or cluster-wide in the all-namespaces
 * view) and, for row actions, in each namespace that appears in `rowNamespaces`.
 */
export function useApiRulePermissions(
  namespace: string | undefined,
  rowNamespaces: readonly string[] = [],
): ApiRulePermissions {
  const create = useAccessReview(apiRuleAccess('create', namespace))
  const namespaces = useMemo(
    () => (namespace ? [namespace] : [...new Set(rowNamespaces)].sort()),
    [namespace, rowNamespaces],
  )
  const checks = useMemo(
    () =>
      namespaces.flatMap((ns) => [
        apiRuleAccess('update', ns),
        apiRuleAccess('create', ns),
        apiRuleAccess('delete', ns),
      ]),
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
