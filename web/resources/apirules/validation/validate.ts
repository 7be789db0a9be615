// One entry point for all client-side APIRule validation. Pure and importable from Node: the CRD
// object is passed in through the context (see bundled-crd.ts for the browser's copy).
import { schemaIssues } from './schema-engine.ts'
import { celIssues } from './cel.ts'
import { controllerIssuesV1beta1, controllerIssuesV2 } from './controller.ts'
import { metadataIssues } from './meta.ts'
import { prunedFieldIssues } from './pruned.ts'
import { formatPath } from './paths.ts'
import { insecureJwksIssues, publicCatchAllIssues } from '../domain/checks/advisories.ts'
import { toApiRuleView } from '../domain/view.ts'
import { isObj } from '../../../api/json.ts'
import type { Issue, ValidationContext } from './types.ts'

export type { DocPath, Issue, IssueSeverity, IssueSource, ValidationContext } from './types.ts'

function toPlain(input: unknown): unknown {
  if (input && typeof input === 'object' && 'toJS' in input) {
    const toJS = (input as { toJS: unknown }).toJS
    if (typeof toJS === 'function') return (toJS as () => unknown).call(input)
  }
  if (input && typeof input === 'object' && 'value' in input && 'replaceText' in input)
    return (input as { value: unknown }).value
  return input
}

/**
 * Validates an APIRule (a plain object, a yaml `Document`, or an EditorDocument) against one
 * version: the CRD's schema and CEL rules (when `ctx.crd` is given), ObjectMeta rules, and
 * the controller's checks (as warnings). Errors come first, then warnings; duplicates removed.
 */
export function validateApiRule(
  objectOrDoc: unknown,
  version: string,
  ctx: ValidationContext = {},
): Issue[] {
  const obj = toPlain(objectOrDoc)
  const issues: Issue[] = [
    ...metadataIssues(obj),
    ...(ctx.crd ? schemaIssues(obj, ctx.crd, version) : []),
    ...(ctx.crd ? prunedFieldIssues(obj, ctx.crd, version) : []),
    ...(ctx.crd ? celIssues(obj, ctx.crd, version) : []),
    ...(version === 'v1beta1' ? controllerIssuesV1beta1(obj) : controllerIssuesV2(obj, ctx)),
    ...advisoryIssues(obj),
    ...takenNameIssues(obj, ctx),
  ]
  const seen = new Set<string>()
  const unique = issues.filter((i) => {
    const key = `${i.severity}|${formatPath(i.path)}|${i.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return [
    ...unique.filter((i) => i.severity === 'error'),
    ...unique.filter((i) => i.severity === 'warning'),
  ]
}

/** Creating an APIRule whose name is taken in its namespace fails with 409 AlreadyExists. */
function takenNameIssues(obj: unknown, ctx: ValidationContext): Issue[] {
  if (!ctx.creating || !ctx.apiRules || !isObj(obj) || !isObj(obj.metadata)) return []
  const name = obj.metadata.name
  const ns = typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : ctx.namespace
  if (typeof name !== 'string' || !name) return []
  if (!ctx.apiRules.some((r) => r.name === name && r.namespace === ns)) return []
  return [
    {
      path: ['metadata', 'name'],
      message: `An APIRule named "${name}" already exists in namespace "${ns ?? ''}"`,
      severity: 'error',
      source: 'cluster',
    },
  ]
}

/**
 * The dashboard's own advisories (domain/checks/advisories.ts, shared with the list and details
 * pages) that the controller does not check: a public catch-all rule and a JWKS fetched over http.
 */
function advisoryIssues(obj: unknown): Issue[] {
  try {
    const view = toApiRuleView(obj)
    return [...publicCatchAllIssues(view), ...insecureJwksIssues(view)]
  } catch {
    return []
  }
}

/**
 * True when nothing would make the API server reject the object: no error of the schema, CEL,
 * metadata or a server answer. Controller errors (an empty issuer, no service) pass admission but
 * put the APIRule into `state: Error`, and cluster errors depend on other objects; the editor still
 * blocks both (see blocksSave).
 */
export function isAdmissible(issues: readonly Issue[]): boolean {
  return !issues.some(
    (i) => i.severity === 'error' && i.source !== 'controller' && i.source !== 'cluster',
  )
}

/** True when the editor must not create or save: any error, admission or controller. */
export function blocksSave(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error')
}
