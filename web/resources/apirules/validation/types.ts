// Shared shapes of the APIRule validator. Pure: no DOM, no Vite-only imports.
// One Issue type for the whole APIRule domain (domain/issue.ts); the validator adds no fields.
export type { DocPath, Issue, IssueSeverity, IssueSource } from '../domain/issue.ts'

/** A server of an Istio Gateway: its hosts (no `namespace/` prefix) and how it serves them. */
export interface KnownGatewayServer {
  hosts: string[]
  /** HTTP, HTTPS, … (upper case). */
  protocol?: string | undefined
  /** An HTTP server that only redirects to HTTPS. */
  httpsRedirect?: boolean | undefined
}

/** An extension provider of the Istio mesh config (`istio-system/istio`, key `mesh`). */
export interface MeshProvider {
  name: string
  /** Has `envoyExtAuthzHttp` (the only kind the controller accepts for extAuth). */
  http: boolean
}

/** What the mesh config says, as the controller reads it. */
export type MeshConfig =
  | { providers: MeshProvider[] }
  /** `absent`: no ConfigMap; `no-mesh-key`: no `mesh` key; `unparsable`: not mesh YAML. */
  | { problem: 'absent' | 'no-mesh-key' | 'unparsable' }

/** The cluster reads the checks need; one the user may not make is named in `unreadable`. */
export type ClusterRead =
  | 'services'
  | 'gateways'
  | 'externalGateways'
  | 'virtualServices'
  | 'mesh'
  | 'pods'
  | 'endpointSlices'

/** What the cluster knows; every part is optional and only enables the checks that need it. */
export interface ValidationContext {
  /** The APIRule CRD object (from the cluster or the bundled copy). Enables the schema layer. */
  crd?: unknown
  /** Namespace of the APIRule (route namespace); used to resolve Service namespaces. */
  namespace?: string
  /** Name of the APIRule being edited: its own host is not "used by another APIRule". */
  name?: string
  /**
   * Services the user can see, when known. `selector` undefined: not known; null: none. Only
   * the namespaces in `serviceNamespaces` (default: `namespace`) are complete.
   */
  services?: {
    name: string
    namespace?: string
    ports?: number[]
    selector?: Record<string, string> | null
  }[]
  /** Istio Gateways (`namespace`, `name`, server hosts), when known. */
  gateways?: { namespace: string; name: string; hosts: string[]; servers?: KnownGatewayServer[] }[]
  /** ExternalGateways (gateway.kyma-project.io), when known. */
  externalGateways?: { namespace: string; name: string }[]
  /** True for a new APIRule: a name already taken in its namespace is an error (409 on create). */
  creating?: boolean
  /** Other APIRules (any namespace), to detect a name or host that is already used. */
  apiRules?: { namespace: string; name: string; hosts: string[] }[]
  /** Every VirtualService (any namespace): the hosts the controller finds occupied. */
  virtualServices?: {
    namespace: string
    name: string
    hosts: string[]
    labels: Record<string, string>
  }[]
  /** The Istio mesh config's extension providers (external authorizers), when read. */
  mesh?: MeshConfig
  /** The Pods of `namespace` (labels, and whether an istio-proxy container is in them). */
  pods?: { namespace: string; name: string; labels: Record<string, string>; sidecar: boolean }[]
  /** Ready endpoints per Service of `namespace` (from its EndpointSlices). */
  readyEndpoints?: { namespace: string; service: string; ready: number }[]
  /** Reads the user may not make: their checks are warnings that say so. */
  unreadable?: ClusterRead[]
}
