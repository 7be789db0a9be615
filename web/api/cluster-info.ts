// What the BFF says about the cluster and the signed-in user (`GET /api/cluster`), for the header.
import { useQuery } from '@tanstack/react-query'
import { apiFetch } from './client.ts'
import { retryOnTransient } from './errors.ts'
import { CLUSTER_INFO_QUERY_KEY } from './query-keys.ts'

export interface ClusterInfo {
  context?: string
  server?: string
  kubernetesVersion?: string
  user?: string
  authMode?: string
  /** Per-user modes (token, oidc): whether this browser has a valid session. */
  signedIn?: boolean
}

export function useClusterInfo() {
  return useQuery({
    queryKey: CLUSTER_INFO_QUERY_KEY,
    queryFn: ({ signal }) => apiFetch<ClusterInfo>('/api/cluster', { signal }),
    staleTime: 5 * 60_000,
    retry: retryOnTransient,
  })
}
