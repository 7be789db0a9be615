// The lists a form looks values up in: the Services of a namespace (name, ports, selector), the
// Istio Gateways (servers), every v2 APIRule (names and hosts in use), and what the controller's
// checks read: VirtualServices, the Pods and EndpointSlices of a namespace, ExternalGateways and
// the Istio mesh config. They are the same watched lists the list pages show (same query keys),
// so opening the editor from a list costs no request. `data` is undefined until the list has
// arrived, which callers read as "not known yet"; `forbidden` says the user may not read it.
import { useMemo } from 'react'
import { isForbidden, isNotFound } from './errors.ts'
import type { K8sObject } from './k8s-types.ts'
import { useK8sList, useK8sObject, type K8sListResult } from './hooks.ts'
import {
  APIRULES,
  CONFIG_MAPS,
  ENDPOINT_SLICES,
  EXTERNAL_GATEWAYS,
  GATEWAYS,
  PODS,
  SERVICES,
  VIRTUAL_SERVICES,
} from './resources.ts'

export interface ServiceObject extends K8sObject {
  spec?: {
    ports?: { name?: string; port: number; protocol?: string }[]
    selector?: Record<string, string>
  }
}

export interface GatewayObject extends K8sObject {
  spec?: {
    servers?: {
      hosts?: string[]
      port?: { number?: number; protocol?: string }
      tls?: { httpsRedirect?: boolean }
    }[]
  }
}

export interface ApiRuleHostsObject extends K8sObject {
  spec?: { hosts?: string[] }
}

export interface VirtualServiceObject extends K8sObject {
  spec?: { hosts?: string[] }
}

export interface PodObject extends K8sObject {
  spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] }
}

export interface EndpointSliceObject extends K8sObject {
  endpoints?: { conditions?: { ready?: boolean | null } }[] | null
}

export interface ConfigMapObject extends K8sObject {
  data?: Record<string, string>
}

export interface Lookup<T extends K8sObject> {
  data: { items: T[] } | undefined
  isLoading: boolean
  isError: boolean
  /** The user (or the dashboard's allowlist) may not read it. */
  forbidden: boolean
}

/** `data` keeps its identity while the items do (forms memoise on it). */
function useLookup<T extends K8sObject>(list: K8sListResult<T>): Lookup<T> {
  const { loaded, items, isLoading, error } = list
  const data = useMemo(() => (loaded ? { items } : undefined), [loaded, items])
  return { data, isLoading, isError: error !== null, forbidden: isForbidden(error) }
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

/** Every VirtualService: the hosts the controller finds occupied. */
export function useVirtualServices(): Lookup<VirtualServiceObject> {
  return useLookup(useK8sList<VirtualServiceObject>(VIRTUAL_SERVICES))
}

/** The Pods of `namespace` (the controller's sidecar-injection check). */
export function usePods(namespace: string): Lookup<PodObject> {
  return useLookup(useK8sList<PodObject>(PODS, namespace, { enabled: namespace !== '' }))
}

/** The EndpointSlices of `namespace` (ready endpoints per Service). */
export function useEndpointSlices(namespace: string): Lookup<EndpointSliceObject> {
  return useLookup(
    useK8sList<EndpointSliceObject>(ENDPOINT_SLICES, namespace, { enabled: namespace !== '' }),
  )
}

/** ExternalGateways; `absent` when the cluster does not serve them (the CRD is not installed). */
export function useExternalGateways(): Lookup<K8sObject> & { absent: boolean } {
  const list = useK8sList<K8sObject>(EXTERNAL_GATEWAYS)
  return { ...useLookup(list), absent: isNotFound(list.error) }
}

/** The Istio mesh config: `data` of ConfigMap istio-system/istio, null when it does not exist. */
export function useMeshConfigMap(): {
  data: Record<string, string> | null | undefined
  forbidden: boolean
} {
  const { object, error, deleted } = useK8sObject<ConfigMapObject>(
    CONFIG_MAPS,
    'istio-system',
    'istio',
  )
  const absent = isNotFound(error) || deleted
  const data = useMemo(
    () => (absent ? null : object ? (object.data ?? {}) : undefined),
    [absent, object],
  )
  return { data, forbidden: isForbidden(error) }
}
