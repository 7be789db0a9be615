// Plain reads for code outside React hooks (save logic, loaders) and for queries whose data is the
// object as sent, not a watched list. The watched lists and objects are in hooks.ts.
import { k8sFetch } from './client.ts'
import type { K8sList, K8sObject } from './k8s-types.ts'
import { resourcePath, type ResourceDescriptor } from './resources.ts'

export function getObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  signal?: AbortSignal,
): Promise<T> {
  return k8sFetch<T>(resourcePath(d, { namespace, name }), { signal })
}

export function listObjects<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  opts: { labelSelector?: string; fieldSelector?: string; signal?: AbortSignal } = {},
): Promise<K8sList<T>> {
  return k8sFetch<K8sList<T>>(resourcePath(d, { namespace }), {
    query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
    signal: opts.signal,
  })
}

/** Discovery of an API group (`/apis/<group>`): the versions the cluster serves. */
export interface ApiGroup {
  name?: string
  versions?: { groupVersion?: string; version: string }[]
  preferredVersion?: { version: string }
}

export function getApiGroup(group: string, signal?: AbortSignal): Promise<ApiGroup> {
  return k8sFetch<ApiGroup>(`/apis/${encodeURIComponent(group)}`, { signal })
}
