// What the dashboard may do through /api/k8s, as data. Everything not listed here is refused by the
// BFF before any upstream call, whatever the user's RBAC would allow. Versions are not restricted:
// the allowlist is about which kinds of objects the dashboard touches, and CRDs move between versions.
import { kubeVerb, type KubePath, type KubeVerb } from './kube-path.ts'

export interface ResourceRule {
  /** API group; '' is the core group. */
  group: string
  resource: string
  verbs: readonly KubeVerb[]
  /**
   * Only this one object: get it by name, or list/watch its namespace with
   * `fieldSelector=metadata.name=<name>` (how the dashboard watches one object).
   */
  only?: { namespace: string; name: string }
}

const READ: readonly KubeVerb[] = ['get', 'list', 'watch']
const ALL: readonly KubeVerb[] = [
  ...READ,
  'create',
  'update',
  'patch',
  'delete',
  'deletecollection',
]
const CREATE: readonly KubeVerb[] = ['create']

export const RESOURCE_RULES: readonly ResourceRule[] = [
  { group: '', resource: 'namespaces', verbs: READ },
  { group: '', resource: 'services', verbs: READ },
  { group: '', resource: 'events', verbs: READ },
  { group: 'events.k8s.io', resource: 'events', verbs: READ },
  { group: 'gateway.kyma-project.io', resource: 'apirules', verbs: ALL },
  { group: 'serverless.kyma-project.io', resource: 'functions', verbs: READ },
  // The editor checks what the controller checks, with the user's rights: the Pods a Service
  // selects (istio sidecar), the EndpointSlices (ready endpoints), the ExternalGateways, and the
  // Istio mesh config's external authorizers: that one ConfigMap, no other.
  { group: '', resource: 'pods', verbs: READ },
  { group: 'discovery.k8s.io', resource: 'endpointslices', verbs: READ },
  { group: 'gateway.kyma-project.io', resource: 'externalgateways', verbs: READ },
  {
    group: '',
    resource: 'configmaps',
    verbs: READ,
    only: { namespace: 'istio-system', name: 'istio' },
  },
  // The API Gateway module's health (state, description) shown on the API Rules pages.
  { group: 'operator.kyma-project.io', resource: 'apigateways', verbs: READ },
  { group: 'networking.istio.io', resource: 'gateways', verbs: READ },
  { group: 'networking.istio.io', resource: 'virtualservices', verbs: READ },
  { group: 'security.istio.io', resource: 'authorizationpolicies', verbs: READ },
  { group: 'security.istio.io', resource: 'requestauthentications', verbs: READ },
  { group: 'oathkeeper.ory.sh', resource: 'rules', verbs: READ },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', verbs: READ },
  { group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', verbs: CREATE },
  { group: 'authorization.k8s.io', resource: 'selfsubjectrulesreviews', verbs: CREATE },
  { group: 'authentication.k8s.io', resource: 'selfsubjectreviews', verbs: CREATE },
]

/** Subresources that may be read (get) on an allowed resource that may itself be read. */
const READABLE_SUBRESOURCES: ReadonlySet<string> = new Set(['status'])

export type Decision =
  { allowed: true; verb: KubeVerb | 'get' } | { allowed: false; reason: string }

export function authorize(method: string, path: KubePath, query: URLSearchParams): Decision {
  switch (path.kind) {
    case 'openapi':
      // v3 only, as the README documents: the dashboard never reads the v2 document.
      if (path.version !== 'v3') return deny(`OpenAPI ${path.version} documents`)
      return method === 'GET'
        ? { allowed: true, verb: 'get' }
        : deny(`${method} on ${describe(path)}`)
    case 'version':
    case 'discovery':
      return method === 'GET'
        ? { allowed: true, verb: 'get' }
        : deny(`${method} on ${describe(path)}`)
    case 'other':
      return deny(`the path ${path.path}`)
    case 'resource': {
      const verb = kubeVerb(method, path, query)
      const rule = RESOURCE_RULES.find(
        (r) => r.group === path.group && r.resource === path.resource,
      )
      const what = `${path.resource}${path.subresource ? `/${path.subresource}` : ''}${path.group ? `.${path.group}` : ''}`
      if (!verb || !rule) return deny(`${verb ?? method} on ${what}`)
      if (path.subresource !== null) {
        const readable = verb === 'get' && READABLE_SUBRESOURCES.has(path.subresource)
        return readable && rule.verbs.includes('get')
          ? { allowed: true, verb }
          : deny(`${verb} on ${what}`)
      }
      if (rule.only && !isOnly(rule.only, path, query))
        return deny(`${verb} on ${what} other than ${rule.only.namespace}/${rule.only.name}`)
      return rule.verbs.includes(verb) ? { allowed: true, verb } : deny(`${verb} on ${what}`)
    }
  }
}

/** The request addresses only the one allowed object (by name, or by an exact field selector). */
function isOnly(
  only: { namespace: string; name: string },
  path: Extract<KubePath, { kind: 'resource' }>,
  query: URLSearchParams,
): boolean {
  if (path.namespace !== only.namespace) return false
  if (path.name !== null) return path.name === only.name
  return query.getAll('fieldSelector').join(',') === `metadata.name=${only.name}`
}

function describe(path: KubePath): string {
  return path.kind === 'version'
    ? '/version'
    : path.kind === 'openapi'
      ? 'OpenAPI documents'
      : 'API discovery'
}

function deny(what: string): Decision {
  return { allowed: false, reason: `the dashboard does not allow ${what}` }
}
