// What a list query caches, and how watch events change it: the items in order plus a Map by
// `namespace/name`, so each event is applied in O(1). Pure data, no React.
import type { QueryClient } from '@tanstack/react-query'
import type { K8sList, K8sObject, WatchEvent } from './k8s-types.ts'
import { objectQueryKey } from './query-keys.ts'
import type { ResourceDescriptor } from './resources.ts'

/** What a list query caches: the items in order plus an index for O(1) event application. */
export interface ListState<T extends K8sObject> {
  items: T[]
  byKey: Map<string, T>
  resourceVersion?: string | undefined
}

export function objectKey(obj: K8sObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? obj.metadata?.uid ?? ''}`
}

export function toListState<T extends K8sObject>(list: K8sList<T>): ListState<T> {
  const byKey = new Map<string, T>()
  for (const item of Array.isArray(list.items) ? list.items : []) {
    if (item && typeof item === 'object') byKey.set(objectKey(item), item)
  }
  return {
    items: Array.from(byKey.values()),
    byKey,
    resourceVersion: list.metadata?.resourceVersion,
  }
}

/**
 * Applies watch events to a list state. The Map is updated in place (O(1) per event); the items
 * array is rebuilt once per call, so callers batch events.
 */
export function applyEvents<T extends K8sObject>(
  state: ListState<T>,
  events: readonly WatchEvent<T>[],
): ListState<T> {
  const byKey = state.byKey
  let resourceVersion = state.resourceVersion
  for (const event of events) {
    const obj = event.object as T
    if (!obj || typeof obj !== 'object' || !obj.metadata) continue
    if (obj.metadata.resourceVersion) resourceVersion = obj.metadata.resourceVersion
    if (event.type === 'ADDED' || event.type === 'MODIFIED') byKey.set(objectKey(obj), obj)
    else if (event.type === 'DELETED') byKey.delete(objectKey(obj))
  }
  return { items: Array.from(byKey.values()), byKey, resourceVersion }
}

/**
 * Writes an object the API server just returned into its `useK8sObject` query (cached or not), so
 * the page that opens next renders that object at once instead of an older cached copy. The watch
 * that page starts resumes from the object's resourceVersion.
 */
export function seedObjectQuery(qc: QueryClient, d: ResourceDescriptor, obj: K8sObject) {
  const name = obj.metadata?.name
  if (!name) return
  qc.setQueryData(
    objectQueryKey(d, d.namespaced ? obj.metadata.namespace : undefined, name),
    toListState({ metadata: { resourceVersion: obj.metadata.resourceVersion }, items: [obj] }),
  )
}
