// The lists a form looks values up in: the Services of a namespace (name and ports), the Istio
// Gateways (hosts) and every v2 APIRule (names and hosts in use). They are the same watched lists
// the list pages show (same query keys), so opening the editor from a list costs no request.
// `data` is undefined until the list has arrived, which callers read as "not known yet".
import { useMemo } from 'react'
import type { K8sObject } from './k8s-types.ts'
import { useK8sList, type K8sListResult } from './hooks.ts'
import { APIRULES, GATEWAYS, SERVICES } from './resources.ts'

export interface ServiceObject extends K8sObject {
  spec?: { ports?: { name?: string; port: number; protocol?: string }[] }
}

export interface GatewayObject extends K8sObject {
  spec?: { servers?: { hosts?: string[] }[] }
}

export interface ApiRuleHostsObject extends K8sObject {
  spec?: { hosts?: string[] }
}

export interface Lookup<T extends K8sObject> {
  data: { items: T[] } | undefined
  isLoading: boolean
  isError: boolean
}

/** `data` keeps its identity while the items do (forms memoise on it). */
function useLookup<T extends K8sObject>(list: K8sListResult<T>): Lookup<T> {
  const { loaded, items, isLoading, error } = list
  const data = useMemo(() => (loaded ? { items } : undefined), [loaded, items])
  return { data, isLoading, isError: error !== null }
}

/** The Services of `namespace` (none while it is empty). */
export function useServices(namespace: string): Lookup<ServiceObject> {
  return useLookup(useK8sList<ServiceObject>(SERVICES, namespace, { enabled: namespace !== '' }))
}

/** The Istio Gateways of every namespace. */
export function useGateways(): Lookup<GatewayObject> {
  return useLookup(useK8sList<GatewayObject>(GATEWAYS))
}

/** Every v2 APIRule of the cluster: the names and hosts already in use. */
export function useOtherApiRules(): Lookup<ApiRuleHostsObject> {
  return useLookup(useK8sList<ApiRuleHostsObject>(APIRULES))
}
