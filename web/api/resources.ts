// Resource descriptors as data, and the one function that turns a descriptor into an API path.
// Nothing else in the app spells out `/apis/<group>/<version>/...` by hand.

export interface ResourceDescriptor {
  /** API group; '' for the core group (`/api/v1`). */
  group: string
  version: string
  /** Lower-case plural used in URLs (`apirules`). */
  plural: string
  kind: string
  namespaced: boolean
  /** Human plural for messages ("API Rules"). */
  title: string
}

function desc(
  group: string,
  version: string,
  plural: string,
  kind: string,
  namespaced: boolean,
  title: string,
): ResourceDescriptor {
  return Object.freeze({ group, version, plural, kind, namespaced, title })
}

export const NAMESPACES = desc('', 'v1', 'namespaces', 'Namespace', false, 'Namespaces')
export const SERVICES = desc('', 'v1', 'services', 'Service', true, 'Services')
export const EVENTS = desc('', 'v1', 'events', 'Event', true, 'Events')
export const APIRULES = desc(
  'gateway.kyma-project.io',
  'v2',
  'apirules',
  'APIRule',
  true,
  'APIRules',
)
/** The API Gateway module's own resource (one per cluster where the module is installed). */
export const APIGATEWAYS = desc(
  'operator.kyma-project.io',
  'v1alpha1',
  'apigateways',
  'APIGateway',
  false,
  'APIGateways',
)
export const APIRULES_V1BETA1 = desc(
  'gateway.kyma-project.io',
  'v1beta1',
  'apirules',
  'APIRule',
  true,
  'APIRules (v1beta1)',
)
export const FUNCTIONS = desc(
  'serverless.kyma-project.io',
  'v1alpha2',
  'functions',
  'Function',
  true,
  'Functions',
)
export const PODS = desc('', 'v1', 'pods', 'Pod', true, 'Pods')
export const CONFIG_MAPS = desc('', 'v1', 'configmaps', 'ConfigMap', true, 'Config Maps')
export const ENDPOINT_SLICES = desc(
  'discovery.k8s.io',
  'v1',
  'endpointslices',
  'EndpointSlice',
  true,
  'Endpoint Slices',
)
export const EXTERNAL_GATEWAYS = desc(
  'gateway.kyma-project.io',
  'v1alpha1',
  'externalgateways',
  'ExternalGateway',
  true,
  'External Gateways',
)
export const GATEWAYS = desc('networking.istio.io', 'v1', 'gateways', 'Gateway', true, 'Gateways')
export const VIRTUAL_SERVICES = desc(
  'networking.istio.io',
  'v1',
  'virtualservices',
  'VirtualService',
  true,
  'Virtual Services',
)
export const AUTHORIZATION_POLICIES = desc(
  'security.istio.io',
  'v1',
  'authorizationpolicies',
  'AuthorizationPolicy',
  true,
  'Authorization Policies',
)
export const REQUEST_AUTHENTICATIONS = desc(
  'security.istio.io',
  'v1',
  'requestauthentications',
  'RequestAuthentication',
  true,
  'Request Authentications',
)
export const OATHKEEPER_RULES = desc(
  'oathkeeper.ory.sh',
  'v1alpha1',
  'rules',
  'Rule',
  true,
  'Oathkeeper Rules',
)
export const CRDS = desc(
  'apiextensions.k8s.io',
  'v1',
  'customresourcedefinitions',
  'CustomResourceDefinition',
  false,
  'Custom Resource Definitions',
)
export const SELF_SUBJECT_ACCESS_REVIEWS = desc(
  'authorization.k8s.io',
  'v1',
  'selfsubjectaccessreviews',
  'SelfSubjectAccessReview',
  false,
  'Access Reviews',
)

/** The same resource at another version of its group (e.g. APIRules v1beta1). */
export function atVersion(d: ResourceDescriptor, version: string): ResourceDescriptor {
  return d.version === version ? d : Object.freeze({ ...d, version })
}

/** `apiVersion` as written in objects: `v1` or `<group>/<version>`. */
export function apiVersionOf(d: ResourceDescriptor): string {
  return d.group ? `${d.group}/${d.version}` : d.version
}

export interface PathOptions {
  /** Omitted (or undefined) for cluster-scoped resources and for the all-namespaces list. */
  namespace?: string | undefined
  name?: string | undefined
  subresource?: string | undefined
}

/**
 * The Kubernetes API path of a collection or object, every segment URL-encoded so a name can never
 * add path segments or a query. Throws on an empty segment, which would silently widen the request.
 */
export function resourcePath(d: ResourceDescriptor, opts: PathOptions = {}): string {
  const parts: string[] = d.group ? ['apis', d.group, d.version] : ['api', d.version]
  if (opts.namespace !== undefined) {
    if (!d.namespaced) throw new Error(`${d.kind} is not namespaced`)
    parts.push('namespaces', nonEmpty(opts.namespace, 'namespace'))
  }
  parts.push(d.plural)
  if (opts.name !== undefined) parts.push(nonEmpty(opts.name, 'name'))
  if (opts.subresource !== undefined) {
    if (opts.name === undefined) throw new Error('A subresource needs a name')
    parts.push(nonEmpty(opts.subresource, 'subresource'))
  }
  return '/' + parts.map(encodeSegment).join('/')
}

function nonEmpty(value: string, what: string): string {
  if (value === '') throw new Error(`Empty ${what} in resource path`)
  return value
}

function encodeSegment(segment: string): string {
  // encodeURIComponent leaves `.` alone; `..` as a whole segment would still climb a level.
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E')
  return encodeURIComponent(segment)
}
