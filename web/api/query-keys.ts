// The React Query keys of everything web/api caches. One key per thing read, whoever reads it, so
// pages and the editor share one cache entry (and one watch) per list or object.
import type { QueryKey } from '@tanstack/react-query'
import type { ResourceDescriptor } from './resources.ts'

export interface ListOptions {
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
  /** Set false to not fetch (for example while a dependency is unknown). */
  enabled?: boolean
}

/** A list (kept current by a watch): its data is a ListState. */
export function listQueryKey(
  d: ResourceDescriptor,
  namespace: string | undefined,
  opts: ListOptions = {},
): QueryKey {
  return [
    'k8s',
    'list',
    d.group,
    d.version,
    d.plural,
    namespace ?? '',
    opts.labelSelector ?? '',
    opts.fieldSelector ?? '',
  ]
}

/** One object (kept current by a watch): its data is a ListState of at most one item. */
export function objectQueryKey(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
): QueryKey {
  return ['k8s', 'object', d.group, d.version, d.plural, namespace ?? '', name]
}

/** The versions an API group serves (discovery, `/apis/<group>`). */
export function apiGroupQueryKey(group: string): QueryKey {
  return ['k8s', 'api-group', group]
}

export interface AccessAttributes {
  verb: string
  group?: string
  resource: string
  subresource?: string
  namespace?: string | undefined
  name?: string | undefined
}

export function accessQueryKey(check: AccessAttributes): QueryKey {
  return [
    'k8s',
    'access',
    check.verb,
    check.group ?? '',
    check.resource,
    check.subresource ?? '',
    check.namespace ?? '',
    check.name ?? '',
  ]
}

export const CLUSTER_INFO_QUERY_KEY: QueryKey = ['cluster-info']
