// The APIRule views the panel and the Service list need, with as few open watch streams as
// possible: browsers allow only 6 HTTP/1.1 connections per origin, and every watch holds one for
// as long as the page is open. Only the v2 APIRule list is watched; the v1beta1 read (for the
// hosts of objects written as v1beta1) and the Gateways (for host domains) are read once and
// re-read when the set of v1beta1 objects changes.
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useK8sList } from '../../../api/hooks.ts'
import type { ConnectionState } from '../../../api/list-watch.ts'
import { listObjects } from '../../../api/read.ts'
import type { K8sObject } from '../../../api/k8s-types.ts'
import { APIRULES, APIRULES_V1BETA1, GATEWAYS } from '../../../api/resources.ts'
import { gatewayDomains } from '../domain/gateway.ts'
import { isV1Beta1Shaped } from '../domain/versions.ts'
import { toApiRuleViews, type ApiRuleView } from '../domain/view.ts'

export interface WorkloadApiRules {
  views: ApiRuleView[]
  domains: Map<string, string>
  isLoading: boolean
  error: Error | null
  connection: ConnectionState
  refetch: () => void
}

const keyOf = (o: K8sObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`

/** APIRule views in `namespace` (all namespaces when undefined), live over one watch. */
export function useWorkloadApiRules(namespace: string | undefined): WorkloadApiRules {
  const v2 = useK8sList(APIRULES, namespace)
  const v1Keys = useMemo(
    () => v2.items.filter(isV1Beta1Shaped).map(keyOf).sort().join(','),
    [v2.items],
  )
  const v1 = useQuery({
    queryKey: ['workload-apirules', 'v1beta1', namespace ?? '', v1Keys],
    queryFn: ({ signal }) => listObjects(APIRULES_V1BETA1, namespace, { signal }),
    enabled: v1Keys !== '',
    staleTime: 60_000,
    retry: false,
  })
  const gateways = useQuery({
    queryKey: ['workload-apirules', 'gateways'],
    queryFn: ({ signal }) => listObjects(GATEWAYS, undefined, { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  })
  const v1ByKey = useMemo(
    () => (v1.data ? new Map(v1.data.items.map((o) => [keyOf(o), o as unknown])) : undefined),
    [v1.data],
  )
  const views = useMemo(() => toApiRuleViews(v2.items, v1ByKey), [v2.items, v1ByKey])
  const domains = useMemo(() => gatewayDomains(gateways.data?.items ?? []), [gateways.data])
  return {
    views,
    domains,
    isLoading: v2.isLoading,
    error: v2.error,
    connection: v2.connection,
    refetch: v2.refetch,
  }
}
