// The namespace lives in the URL (`/namespaces/:ns/...`); `-all-` means all namespaces.
import { useParams } from 'react-router'

export const ALL_NAMESPACES = '-all-'

/** The namespace of the current route; `undefined` for the all-namespaces view. */
export function useNamespace(): string | undefined {
  const { ns } = useParams()
  return !ns || ns === ALL_NAMESPACES ? undefined : ns
}

/** The raw namespace segment of the route (`-all-` included), for building links. */
export function useNamespaceSegment(): string {
  return useParams().ns ?? ALL_NAMESPACES
}

/** `/namespaces/<ns>/<rest>` with each part encoded, so names can never inject path segments. */
export function namespacedPath(ns: string | undefined, ...rest: string[]): string {
  const parts = ['namespaces', ns ?? ALL_NAMESPACES, ...rest].map(encodeURIComponent)
  return '/' + parts.join('/')
}
