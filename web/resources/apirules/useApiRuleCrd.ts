// The APIRule CRD and the versions the cluster serves, read through web/api, for the validator
// (editor, details page). RBAC may hide the CRD or the cluster may be out of reach: then the copy
// bundled with the SPA stands in, and says so (`source`).
import { useQuery } from '@tanstack/react-query'
import { apiGroupQueryKey } from '../../api/query-keys.ts'
import { getApiGroup, getObject } from '../../api/read.ts'
import { CRDS } from '../../api/resources.ts'
import { APIRULE_GROUP } from './types.ts'
import { servedVersions } from './validation/schema.ts'

export const APIRULE_CRD_NAME = `apirules.${APIRULE_GROUP}`

/** The APIRule CRD from the cluster, or the bundled copy when it cannot be read (RBAC, offline). */
export function useApiRuleCrd() {
  return useQuery({
    queryKey: ['apirules', 'crd-or-bundled'],
    queryFn: async ({ signal }) => {
      try {
        return {
          crd: (await getObject(CRDS, undefined, APIRULE_CRD_NAME, signal)) as unknown,
          source: 'cluster' as const,
        }
      } catch {
        const { bundledApiRuleCrd } = await import('./validation/bundled-crd.ts')
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
    queryKey: apiGroupQueryKey(APIRULE_GROUP),
    queryFn: async ({ signal }) => {
      try {
        const group = await getApiGroup(APIRULE_GROUP, signal)
        return (group.versions ?? []).map((v) => v.version)
      } catch {
        return crd ? servedVersions(crd) : ['v2']
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  })
}
