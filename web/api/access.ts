// May the current user do this? SelfSubjectAccessReviews asked through React Query (cached for a
// minute per check), and the words a disabled button shows when the answer is no.
import { useQueries, useQuery } from '@tanstack/react-query'
import { k8sFetch } from './client.ts'
import { retryOnTransient } from './errors.ts'
import { accessQueryKey, type AccessAttributes } from './query-keys.ts'
import { resourcePath, SELF_SUBJECT_ACCESS_REVIEWS } from './resources.ts'

export interface AccessCheck extends AccessAttributes {
  /** Human resource name for the denial reason ("APIRules"); not sent to the API server. */
  title?: string | undefined
}

export interface AccessResult {
  /** True while loading is false and the API server allowed it — or could not be asked (see `unknown`). */
  allowed: boolean
  /** Why it is denied, in words for a tooltip. */
  reason?: string | undefined
  isLoading: boolean
  /** The review itself failed; the button stays enabled and the API server decides. */
  unknown: boolean
}

interface SelfSubjectAccessReview {
  apiVersion: string
  kind: string
  metadata: Record<string, never>
  spec: {
    resourceAttributes: Omit<AccessCheck, 'namespace' | 'name'> & {
      namespace?: string
      name?: string
    }
  }
  status?: { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string }
}

function accessQuery(check: AccessCheck, enabled: boolean) {
  return {
    queryKey: accessQueryKey(check),
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const review: SelfSubjectAccessReview = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: {
          resourceAttributes: {
            verb: check.verb,
            group: check.group ?? '',
            resource: check.resource,
            ...(check.subresource ? { subresource: check.subresource } : {}),
            ...(check.namespace ? { namespace: check.namespace } : {}),
            ...(check.name ? { name: check.name } : {}),
          },
        },
      }
      const res = await k8sFetch<SelfSubjectAccessReview>(
        resourcePath(SELF_SUBJECT_ACCESS_REVIEWS),
        { method: 'POST', body: review, signal },
      )
      return res.status ?? { allowed: false }
    },
    enabled,
    staleTime: 60_000,
    retry: retryOnTransient,
  }
}

function toAccessResult(
  check: AccessCheck,
  q: {
    data?: { allowed: boolean; reason?: string } | undefined
    isPending: boolean
    error: Error | null
  },
  enabled: boolean,
): AccessResult {
  if (!enabled) return { allowed: false, isLoading: false, unknown: true }
  if (q.error) {
    return {
      allowed: true,
      unknown: true,
      isLoading: false,
      reason: 'Permissions could not be checked',
    }
  }
  if (q.isPending || !q.data) {
    return { allowed: false, isLoading: true, unknown: false, reason: 'Checking permissions…' }
  }
  const allowed = q.data.allowed === true
  return {
    allowed,
    isLoading: false,
    unknown: false,
    reason: allowed ? undefined : deniedReason(check, q.data.reason),
  }
}

export function deniedReason(check: AccessCheck, serverReason?: string): string {
  const what = check.title ?? check.resource
  const resource = check.name ? `${what} ${check.name}` : what
  const where = check.namespace ? `in namespace ${check.namespace}` : 'in all namespaces'
  const base = `You may not ${check.verb} ${resource} ${where}`
  return serverReason ? `${base} (${serverReason})` : base
}

/** Asks the API server whether the current user may do `verb` on a resource (SelfSubjectAccessReview). */
export function useAccessReview(
  check: AccessCheck,
  opts: { enabled?: boolean } = {},
): AccessResult {
  const enabled = opts.enabled ?? true
  const q = useQuery(accessQuery(check, enabled))
  return toAccessResult(check, q, enabled)
}

/** Several access reviews at once (e.g. one per namespace shown in a list). */
export function useAccessReviews(checks: readonly AccessCheck[]): AccessResult[] {
  const results = useQueries({ queries: checks.map((c) => accessQuery(c, true)) })
  return results.map((q, i) => toAccessResult(checks[i] as AccessCheck, q, true))
}
