// The pieces the Services and Functions lists share, so both pages offer the same: a name search
// with the "N of M" count, how many APIRules route to each workload (exact namespace + name
// match), and "Expose" per row, disabled with the reason where the user may not create APIRules.
import { Icon, Input, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/search.js'
import { useCallback, useMemo } from 'react'
import { useAccessReviews, type AccessResult } from '../../../api/access.ts'
import type { K8sObject } from '../../../api/k8s-types.ts'
import { listCountText } from '../../../components/ListPage.tsx'
import type { ResourceColumn } from '../../../components/ResourceTable.tsx'
import { apiRuleCountsByService, serviceKey } from '../../services/model.ts'
import type { ServicePort } from '../../services/types.ts'
import { apiRuleAccess } from '../domain/permissions.ts'
import { serviceTargets } from '../domain/targets.ts'
import { ExposeButton } from './ExposeButton.tsx'
import { useWorkloadApiRules } from './useWorkloadApiRules.ts'

const PENDING: AccessResult = {
  allowed: false,
  isLoading: true,
  unknown: false,
  reason: 'Checking permissions…',
}

/** Items whose name contains the search text (case-insensitive). */
export function searchByName<T extends K8sObject>(items: readonly T[], search: string): T[] {
  const needle = search.trim().toLowerCase()
  return items.filter((i) => !needle || (i.metadata.name ?? '').toLowerCase().includes(needle))
}

export function WorkloadSearchBar({
  plural,
  search,
  onSearch,
  shown,
  total,
  loading,
}: {
  /** "Services", "Functions". */
  plural: string
  search: string
  onSearch: (text: string) => void
  shown: number
  total: number
  loading: boolean
}) {
  return (
    <div className="kd-toolbar" role="toolbar" aria-label={`${plural.slice(0, -1)} list controls`}>
      <Input
        className="kd-search"
        type="Search"
        icon={<Icon name="search" />}
        accessibleName={`Search ${plural}`}
        placeholder="Search by name"
        value={search}
        showClearIcon
        onInput={(e) => onSearch(e.target.value)}
      />
      <span className="kd-spacer" />
      <Text aria-live="polite">{loading ? '' : listCountText(shown, total, plural)}</Text>
    </div>
  )
}

/**
 * The "API Rules" count and "Expose" columns for a list of workloads. `target` names the Service
 * an item is reached through (a Function: its own name) and, for Functions, the Function.
 */
export function useApiRuleColumns<T extends K8sObject>(
  namespace: string | undefined,
  rows: readonly T[],
  target: (item: T) => {
    service: string
    ports?: readonly ServicePort[] | undefined
    function?: string | undefined
  },
) {
  const apiRules = useWorkloadApiRules(namespace)
  const counts = useMemo(
    () => apiRuleCountsByService(apiRules.views.map((v) => serviceTargets(v))),
    [apiRules.views],
  )
  const namespaces = useMemo(
    () => [...new Set(rows.map((s) => s.metadata.namespace ?? ''))].sort(),
    [rows],
  )
  const checks = useMemo(() => namespaces.map((ns) => apiRuleAccess('create', ns)), [namespaces])
  const access = useAccessReviews(checks)
  const accessIn = useCallback(
    (ns: string) => access[namespaces.indexOf(ns)] ?? PENDING,
    [access, namespaces],
  )
  const columns = useMemo<ResourceColumn<T>[]>(
    () => [
      {
        header: 'API Rules',
        width: '6rem',
        cell: (item) => {
          if (apiRules.isLoading) return <Text>…</Text>
          const key = serviceKey(item.metadata.namespace ?? '', target(item).service)
          const count = counts.get(key) ?? 0
          return (
            <span aria-label={`${count} ${count === 1 ? 'API Rule' : 'API Rules'}`}>{count}</span>
          )
        },
      },
      {
        header: 'Actions',
        width: '8rem',
        cell: (item) => {
          const t = target(item)
          return (
            <ExposeButton
              compact
              namespace={item.metadata.namespace ?? ''}
              serviceName={t.service}
              ports={t.ports}
              functionName={t.function}
              access={accessIn(item.metadata.namespace ?? '')}
            />
          )
        },
      },
    ],
    [apiRules.isLoading, counts, accessIn, target],
  )
  return { columns, apiRules }
}
