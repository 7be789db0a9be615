// What the editor reads from and writes to the cluster. Local React Query hooks (the shared API
// layer may offer the same later; these keep the editor self-contained).
import { useQuery } from '@tanstack/react-query'
import { k8sFetch } from '../api/client.ts'
import type { K8sList, K8sObject } from '../api/k8s-types.ts'
import { APIRULE_GROUP } from '../resources/apirules/types.ts'
import { ALL_NAMESPACES } from '../app/namespace.ts'
import { servedVersions } from '../resources/apirules/validation/schema.ts'
import type { IstioGateway } from '../resources/apirules/domain/gateway.ts'

export type EditorVersion = 'v2' | 'v1beta1'

export function apiRulesPath(version: string, ns: string, name?: string): string {
  // `-all-` is the route's word for "all namespaces", never a namespace of the API.
  if (!ns || ns === ALL_NAMESPACES) throw new Error('Choose a namespace for the APIRule first.')
  const base = `/apis/${APIRULE_GROUP}/${version}/namespaces/${encodeURIComponent(ns)}/apirules`
  return name ? `${base}/${encodeURIComponent(name)}` : base
}

export interface ServiceObject extends K8sObject {
  spec?: { ports?: { name?: string; port: number; protocol?: string }[] }
}

export function useServices(ns: string) {
  return useQuery({
    queryKey: ['editor', 'services', ns],
    queryFn: ({ signal }) =>
      k8sFetch<K8sList<ServiceObject>>(`/api/v1/namespaces/${encodeURIComponent(ns)}/services`, {
        signal,
      }),
    staleTime: 30_000,
  })
}

export function useGateways() {
  return useQuery({
    queryKey: ['editor', 'gateways'],
    queryFn: ({ signal }) =>
      k8sFetch<K8sList<IstioGateway>>('/apis/networking.istio.io/v1/gateways', { signal }),
    staleTime: 60_000,
    retry: false,
  })
}

export function useOtherApiRules() {
  return useQuery({
    queryKey: ['editor', 'apirules-hosts'],
    queryFn: ({ signal }) =>
      k8sFetch<K8sList<K8sObject & { spec?: { hosts?: string[] } }>>(
        `/apis/${APIRULE_GROUP}/v2/apirules`,
        { signal },
      ),
    staleTime: 30_000,
    retry: false,
  })
}

export const CRD_PATH = `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.${APIRULE_GROUP}`

/** The APIRule CRD from the cluster, or the bundled copy when it cannot be read (RBAC, offline). */
export function useApiRuleCrd() {
  return useQuery({
    queryKey: ['editor', 'apirule-crd'],
    queryFn: async ({ signal }) => {
      try {
        return { crd: await k8sFetch<unknown>(CRD_PATH, { signal }), source: 'cluster' as const }
      } catch {
        const { bundledApiRuleCrd } =
          await import('../resources/apirules/validation/bundled-crd.ts')
        return { crd: bundledApiRuleCrd(), source: 'bundled' as const }
      }
    },
    staleTime: Infinity,
    retry: false,
  })
}

/** APIRule versions the cluster serves (from the API group, else from the CRD). */
export function useServedVersions(crd: unknown) {
  return useQuery({
    queryKey: ['editor', 'apirule-versions'],
    queryFn: async ({ signal }) => {
      try {
        const group = await k8sFetch<{ versions?: { version: string }[] }>(
          `/apis/${APIRULE_GROUP}`,
          {
            signal,
          },
        )
        return (group.versions ?? []).map((v) => v.version)
      } catch {
        return crd ? servedVersions(crd) : ['v2']
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })
}
