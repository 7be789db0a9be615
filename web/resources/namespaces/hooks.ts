// Namespaces for the shell's namespace selector: names only, sorted, kept live by a watch.
import { useMemo } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import type { ConnectionState } from '../../api/list-watch.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import { NAMESPACES } from '../../api/resources.ts'

export interface NamespacesResult {
  /** Namespace names, sorted. Empty while loading or when the user may not list namespaces. */
  names: string[]
  isLoading: boolean
  error: Error | null
  connection: ConnectionState
}

export function sortedNamespaceNames(items: readonly K8sObject[]): string[] {
  return items
    .map((ns) => ns.metadata?.name)
    .filter((n): n is string => !!n)
    .sort((a, b) => a.localeCompare(b))
}

export function useNamespaces(): NamespacesResult {
  const { items, isLoading, error, connection } = useK8sList(NAMESPACES)
  const names = useMemo(() => sortedNamespaceNames(items), [items])
  return { names, isLoading, error, connection }
}
