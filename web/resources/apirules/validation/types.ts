// Shared shapes of the APIRule validator. Pure: no DOM, no Vite-only imports.
// One Issue type for the whole APIRule domain (domain/issue.ts); the validator adds no fields.
export type { DocPath, Issue, IssueSeverity, IssueSource } from '../domain/issue.ts'

/** What the cluster knows; every part is optional and only enables the checks that need it. */
export interface ValidationContext {
  /** The APIRule CRD object (from the cluster or the bundled copy). Enables the schema layer. */
  crd?: unknown
  /** Namespace of the APIRule (route namespace); used to resolve Service namespaces. */
  namespace?: string
  /** Name of the APIRule being edited: its own host is not "used by another APIRule". */
  name?: string
  /** Services the user can see, when known. A missing Service becomes a warning. */
  services?: { name: string; namespace?: string; ports?: number[] }[]
  /** Istio Gateways (`namespace`, `name`, server hosts), when known. */
  gateways?: { namespace: string; name: string; hosts: string[] }[]
  /** True for a new APIRule: a name already taken in its namespace is an error (409 on create). */
  creating?: boolean
  /** Other APIRules (any namespace), to detect a name or host that is already used. */
  apiRules?: { namespace: string; name: string; hosts: string[] }[]
}
