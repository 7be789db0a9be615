// Parses a Kubernetes API path into what it addresses, following the API server's own
// request-info rules (k8s.io/apiserver RequestInfoFactory), so the allowlist judges the same
// {group, version, namespace, resource, name, subresource} that RBAC will.

export type KubePath =
  | { kind: 'version' }
  /** /api, /api/v1, /apis, /apis/<group>, /apis/<group>/<version> */
  | { kind: 'discovery'; group: string | null; version: string | null }
  /** /openapi/v3 and /openapi/v3/<group-version path> */
  | { kind: 'openapi'; version: string; rest: string[] }
  | ({ kind: 'resource' } & KubeResourceRef)
  /** Anything else: well-formed, but nothing the dashboard addresses (refused by the allowlist). */
  | { kind: 'other'; path: string }

export interface KubeResourceRef {
  /** '' for the core group (/api/v1). */
  group: string
  version: string
  namespace: string | null
  resource: string
  name: string | null
  subresource: string | null
}

export type KubeVerb =
  'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection'

// Segment syntax of group names, versions, resources and object names (DNS-1123 subdomains and
// friends). Upper case is tolerated for names of a few legacy objects; nothing else is needed.
const SEGMENT = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/
const MAX_SEGMENT_LENGTH = 253

/** `path` is the Kubernetes path (after the /api/k8s prefix), starting with "/". Null: malformed. */
export function parseKubePath(path: string): KubePath | null {
  if (!path.startsWith('/')) return null
  const parts = path.slice(1).split('/')
  if (parts.some((p) => p.length > MAX_SEGMENT_LENGTH || !SEGMENT.test(p))) return null
  const [root, second, third] = parts
  switch (root) {
    case 'version':
      return parts.length === 1 ? { kind: 'version' } : { kind: 'other', path }
    case 'openapi':
      return second === undefined
        ? { kind: 'other', path }
        : { kind: 'openapi', version: second, rest: parts.slice(2) }
    case 'api':
      if (second === undefined) return { kind: 'discovery', group: '', version: null }
      if (parts.length === 2) return { kind: 'discovery', group: '', version: second }
      return resourcePath('', second, parts.slice(2), path)
    case 'apis':
      if (second === undefined) return { kind: 'discovery', group: null, version: null }
      if (third === undefined) return { kind: 'discovery', group: second, version: null }
      if (parts.length === 3) return { kind: 'discovery', group: second, version: third }
      return resourcePath(second, third, parts.slice(3), path)
    default:
      return { kind: 'other', path }
  }
}

// Namespace subresources addressed as /namespaces/<name>/<subresource>, not as namespaced resources.
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize'])

function resourcePath(group: string, version: string, rest: string[], path: string): KubePath {
  let parts = rest
  let namespace: string | null = null
  if (parts[0] === 'namespaces' && parts[1] !== undefined) {
    namespace = parts[1]
    const next = parts[2]
    if (next !== undefined && !NAMESPACE_SUBRESOURCES.has(next)) parts = parts.slice(2)
  }
  const [resource, name, subresource] = parts
  // More than resource/name/subresource means a proxy-style subresource path; never addressed here.
  if (resource === undefined || parts.length > 3) return { kind: 'other', path }
  return {
    kind: 'resource',
    group,
    version,
    namespace,
    resource,
    name: name ?? null,
    subresource: subresource ?? null,
  }
}

// The API server reads `watch` loosely: absent, "0" or any case of "false" is false, every other
// value (even "no" or "") is true. strconv.ParseBool, which the review asked for, is
// stricter. The BFF accepts only values both read the same way — ParseBool's words, minus "f"/"F",
// which the API server takes as true — and refuses the rest, so it can never take a watch for a list.
const WATCH_TRUE: ReadonlySet<string> = new Set(['1', 't', 'T', 'TRUE', 'true', 'True'])
const WATCH_FALSE: ReadonlySet<string> = new Set(['0', 'FALSE', 'false', 'False'])

/** `watch` as the API server reads it, or null for a value (or a repetition) the BFF refuses. */
export function watchParam(query: URLSearchParams): boolean | null {
  const values = query.getAll('watch')
  if (values.length === 0) return false
  if (values.length > 1) return null
  const [value = ''] = values
  if (WATCH_TRUE.has(value)) return true
  if (WATCH_FALSE.has(value)) return false
  return null
}

/** The Kubernetes verb of a request, as the API server derives it. Null: a method it has no verb for. */
export function kubeVerb(
  method: string,
  ref: Pick<KubeResourceRef, 'name'>,
  query: URLSearchParams,
): KubeVerb | null {
  switch (method) {
    case 'GET':
      if (watchParam(query) === true) return 'watch'
      return ref.name === null ? 'list' : 'get'
    case 'POST':
      return 'create'
    case 'PUT':
      return 'update'
    case 'PATCH':
      return 'patch'
    case 'DELETE':
      return ref.name === null ? 'deletecollection' : 'delete'
    default:
      return null
  }
}
