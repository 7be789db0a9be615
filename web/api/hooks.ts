// React hooks that read the Kubernetes API: lists and objects are fetched once and then kept
// current by a shared watch (watch-registry.ts) that edits the cached ListState in place; nothing
// polls. Writes are in write.ts, permission checks in access.ts.
import { useEffect, useMemo } from 'react'
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { k8sFetch } from './client.ts'
import { retryOnTransient } from './errors.ts'
import type { K8sList, K8sObject } from './k8s-types.ts'
import { toListState, type ListState } from './list-cache.ts'
import type { ConnectionState } from './list-watch.ts'
import { listQueryKey, objectQueryKey, type ListOptions } from './query-keys.ts'
import { resourcePath, type ResourceDescriptor } from './resources.ts'
import { acquireWatch, useWatchState } from './watch-registry.ts'
import { deleteObject } from './write.ts'

/** Options of queries kept current by a watch: never refetched (the watch applies changes in
 *  place, hence no structural sharing), retried only on transient errors. */
const WATCHED_QUERY = {
  staleTime: Infinity,
  structuralSharing: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  retry: retryOnTransient,
} as const

export interface K8sListResult<T extends K8sObject> {
  /** The list has arrived (it may be empty); false while loading, disabled or failed. */
  loaded: boolean
  items: T[]
  /** The map behind `items`, keyed `namespace/name`. */
  byKey: Map<string, T>
  isLoading: boolean
  error: Error | null
  connection: ConnectionState
  refetch: () => void
}

const EMPTY_MAP = new Map<string, never>()

function listFetcher<T extends K8sObject>(
  path: string,
  labelSelector: string | undefined,
  fieldSelector: string | undefined,
) {
  return async ({ signal }: { signal: AbortSignal }) =>
    toListState(
      await k8sFetch<K8sList<T>>(path, { query: { labelSelector, fieldSelector }, signal }),
    )
}

/**
 * Starts the list that `useK8sList(d, namespace)` will ask for, before the component that uses it
 * exists: a route calls it while the page's code is still loading, so the list's round trip to the
 * API server runs in parallel with the chunk instead of after it. The hook then finds the list in
 * flight (or arrived) under the same key. Errors are left to the hook (which shows and retries them).
 */
export function prefetchK8sList(qc: QueryClient, d: ResourceDescriptor, namespace?: string): void {
  const ns = d.namespaced ? namespace : undefined
  const queryKey = listQueryKey(d, ns, {})
  if (qc.getQueryState(queryKey)) return
  void qc.prefetchQuery({
    queryKey,
    queryFn: listFetcher(resourcePath(d, { namespace: ns }), undefined, undefined),
    ...WATCHED_QUERY,
    retry: false,
  })
}

/**
 * Lists a resource (in one namespace, or in all when `namespace` is undefined) and keeps the list
 * current with a watch. Events are applied in place by `namespace/name`.
 */
export function useK8sList<T extends K8sObject = K8sObject>(
  d: ResourceDescriptor,
  namespace?: string,
  opts: ListOptions = {},
): K8sListResult<T> {
  const qc = useQueryClient()
  const ns = d.namespaced ? namespace : undefined
  const { labelSelector, fieldSelector } = opts
  const enabled = opts.enabled ?? true
  const key = useMemo(
    () => listQueryKey(d, ns, { labelSelector, fieldSelector }),
    [d, ns, labelSelector, fieldSelector],
  )
  // Not computed while disabled: a namespace still being chosen may be empty.
  const path = enabled ? resourcePath(d, { namespace: ns }) : ''
  const query = useQuery({
    queryKey: key,
    queryFn: listFetcher<T>(path, labelSelector, fieldSelector),
    enabled,
    ...WATCHED_QUERY,
  })
  const hasData = query.data !== undefined
  useEffect(() => {
    if (!enabled || !hasData) return
    return acquireWatch(qc, key, { path, labelSelector, fieldSelector })
  }, [qc, key, path, labelSelector, fieldSelector, enabled, hasData])
  const watchState = useWatchState(key)
  const data = query.data as ListState<T> | undefined
  return {
    loaded: hasData,
    items: data?.items ?? (EMPTY_ITEMS as T[]),
    byKey: data?.byKey ?? (EMPTY_MAP as Map<string, T>),
    isLoading: enabled && query.isPending,
    error: query.error,
    connection: hasData ? (watchState ?? 'connecting') : 'connecting',
    refetch: () => void query.refetch(),
  }
}

const EMPTY_ITEMS: never[] = []

export interface K8sObjectResult<T extends K8sObject> {
  object: T | undefined
  isLoading: boolean
  error: Error | null
  /** The object existed when loaded and has since been deleted. */
  deleted: boolean
  connection: ConnectionState
  refetch: () => void
}

/** Gets one object and keeps it current with a watch (`fieldSelector=metadata.name=<name>`). */
export function useK8sObject<T extends K8sObject = K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string | undefined,
  opts: { enabled?: boolean } = {},
): K8sObjectResult<T> {
  const qc = useQueryClient()
  const ns = d.namespaced ? namespace : undefined
  const enabled = (opts.enabled ?? true) && !!name
  const key = useMemo(() => objectQueryKey(d, ns, name ?? ''), [d, ns, name])
  const fieldSelector = `metadata.name=${name ?? ''}`
  const path = resourcePath(d, { namespace: ns })
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const obj = await k8sFetch<T>(resourcePath(d, { namespace: ns, name }), { signal })
      return toListState<T>({
        metadata: { resourceVersion: obj.metadata?.resourceVersion },
        items: [obj],
      })
    },
    enabled,
    ...WATCHED_QUERY,
  })
  const hasData = query.data !== undefined
  useEffect(() => {
    if (!enabled || !hasData) return
    return acquireWatch(qc, key, { path, fieldSelector })
  }, [qc, key, path, fieldSelector, enabled, hasData])
  const watchState = useWatchState(key)
  const data = query.data as ListState<T> | undefined
  return {
    object: data?.items[0],
    isLoading: enabled && query.isPending,
    error: query.error,
    deleted: hasData && data?.items.length === 0,
    connection: hasData ? (watchState ?? 'connecting') : 'connecting',
    refetch: () => void query.refetch(),
  }
}

export interface DeleteVars {
  namespace?: string | undefined
  name: string
}

/** Deletes an object; the watches of the lists that held it remove it from the cache. */
export function useK8sDelete(d: ResourceDescriptor) {
  return useMutation<unknown, Error, DeleteVars>({
    mutationFn: ({ namespace, name }) => deleteObject(d, namespace, name),
  })
}
