// The one shape every APIRule problem takes, whoever finds it: the schema and CEL layers, the
// controller's checks, the cluster checks, the YAML parser. The list, the details page and the
// editor all show `Issue`s.

/** Where a problem is, as a document path (`['spec', 'rules', 0, 'path']`). */
export type DocPath = (string | number)[]

export type IssueSeverity = 'error' | 'warning'
/** `cluster`: checked against the objects in the cluster now (a name or host already taken). */
export type IssueSource = 'schema' | 'cel' | 'controller' | 'server' | 'yaml' | 'cluster'

/** Which of the domain's rule checks (checks/) found a problem. */
export type CheckKind =
  | 'public-catch-all'
  | 'insecure-jwks'
  | 'duplicate-host'
  | 'missing-service'
  | 'missing-service-port'
  | 'missing-gateway'
  | 'shadowed-rule'

export interface Issue {
  path: DocPath
  /** In the controller's words where the controller reports the same problem. */
  message: string
  severity: IssueSeverity
  source: IssueSource
  /** Set by the domain's rule checks; schema, CEL and YAML problems have none. */
  kind?: CheckKind | undefined
  /**
   * The dashboard's explanation for readers of a stored APIRule (list and details), when it says
   * more than `message`: which rule shadows which, which APIRules share a host.
   */
  explanation?: string | undefined
  /**
   * Only the API server can check this (a CRD rule the editor cannot evaluate): the editor offers
   * the server-side validation (a dry run) next to it.
   */
  serverCheck?: boolean | undefined
}

/** An issue found by one of the domain's rule checks. */
export type CheckIssue = Issue & { kind: CheckKind }
