// Writes APIRules to the cluster: dry runs, create, replace, and conflict detection.
import { k8sFetch, StatusError } from '../../api/client.ts'
import { apiRulesPath } from '../api.ts'
import { versionOfApiVersion } from '../templates.ts'

type Obj = Record<string, unknown>

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

export async function createApiRule(obj: Obj, ns: string, dryRun: boolean): Promise<Obj> {
  return k8sFetch<Obj>(apiRulesPath(endpointVersion(obj), ns), {
    method: 'POST',
    body: obj,
    query: dryRun ? { dryRun: 'All' } : undefined,
  })
}

export async function replaceApiRule(obj: Obj, ns: string, dryRun: boolean): Promise<Obj> {
  const name = String((obj.metadata as Obj).name ?? '')
  return k8sFetch<Obj>(apiRulesPath(endpointVersion(obj), ns, name), {
    method: 'PUT',
    body: obj,
    query: dryRun ? { dryRun: 'All' } : undefined,
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
