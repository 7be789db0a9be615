// Writes APIRules to the cluster: dry runs, create, replace, and conflict detection.
import { k8sFetch, StatusError } from '../../api/client.ts'
import { apiRulesPath } from '../api.ts'
import { versionOfApiVersion } from '../templates.ts'
import type { Obj } from '../../api/json.ts'

export function endpointVersion(obj: Obj): string {
  return versionOfApiVersion(obj.apiVersion)
}

/** The object to send: the document's value with the route namespace (and resourceVersion). */
export function toRequestObject(value: unknown, ns: string, resourceVersion?: string): Obj {
  const obj = structuredClone((value ?? {}) as Obj)
  const meta = (obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {}) as Obj
  meta.namespace = ns
  if (resourceVersion !== undefined) meta.resourceVersion = resourceVersion
  delete meta.managedFields
  obj.metadata = meta
  delete obj.status
  return obj
}

/** Receives the API server's `Warning` headers of a write (see client.ts). */
export type WarningSink = (warnings: string[]) => void

/**
 * Every write is strict, as kubectl's: a field the schema does not know is refused (400) instead of
 * being dropped with a mere warning, so an access rule never changes silently.
 */
function writeQuery(dryRun: boolean) {
  return { fieldValidation: 'Strict', ...(dryRun ? { dryRun: 'All' } : {}) }
}

/** POSTs the APIRule; returns the object the API server answered with. */
export async function createApiRule(
  obj: Obj,
  ns: string,
  dryRun: boolean,
  onWarnings?: WarningSink,
): Promise<Obj> {
  return k8sFetch<Obj>(apiRulesPath(endpointVersion(obj), ns), {
    method: 'POST',
    body: obj,
    query: writeQuery(dryRun),
    onWarnings,
  })
}

/** PUTs the APIRule; returns the object the API server answered with. */
export async function replaceApiRule(
  obj: Obj,
  ns: string,
  dryRun: boolean,
  onWarnings?: WarningSink,
): Promise<Obj> {
  const name = String((obj.metadata as Obj).name ?? '')
  return k8sFetch<Obj>(apiRulesPath(endpointVersion(obj), ns, name), {
    method: 'PUT',
    body: obj,
    query: writeQuery(dryRun),
    onWarnings,
  })
}

export async function getApiRule(version: string, ns: string, name: string): Promise<Obj> {
  return k8sFetch<Obj>(apiRulesPath(version, ns, name))
}

export function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409 && err.reason === 'Conflict'
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}
