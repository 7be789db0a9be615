// Writes APIRules to the cluster through web/api's write API (field manager, strict field
// validation, dry runs, warnings), in the version the document is written in.
import { ALL_NAMESPACES } from '../../../app/namespace.ts'
import { StatusError } from '../../../api/client.ts'
import type { K8sObject } from '../../../api/k8s-types.ts'
import { getObject } from '../../../api/read.ts'
import { APIRULES, atVersion } from '../../../api/resources.ts'
import { createObject, replaceObject, WriteError, type WriteResult } from '../../../api/write.ts'
import { versionOfApiVersion } from './templates.ts'
import type { Obj } from '../../../api/json.ts'

export function endpointVersion(obj: Obj): string {
  return versionOfApiVersion(obj.apiVersion)
}

/** The namespace a write goes to; `-all-` is the route's word for "all namespaces", never one. */
export function writableNamespace(ns: string): string {
  if (!ns || ns === ALL_NAMESPACES) throw new Error('Choose a namespace for the APIRule first.')
  return ns
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

/** Receives the API server's `Warning` headers of a write, whether it succeeded or not. */
export type WarningSink = (warnings: string[]) => void

async function reporting(
  result: Promise<WriteResult<K8sObject>>,
  onWarnings: WarningSink | undefined,
): Promise<Obj> {
  try {
    const { object, warnings } = await result
    if (warnings.length) onWarnings?.(warnings)
    return object as unknown as Obj
  } catch (err) {
    if (err instanceof WriteError && err.warnings.length) onWarnings?.(err.warnings)
    throw err
  }
}

/** POSTs the APIRule; returns the object the API server answered with. */
export async function createApiRule(
  obj: Obj,
  ns: string,
  dryRun: boolean,
  onWarnings?: WarningSink,
): Promise<Obj> {
  const resource = atVersion(APIRULES, endpointVersion(obj))
  const body = obj as unknown as K8sObject
  return reporting(createObject(resource, writableNamespace(ns), body, { dryRun }), onWarnings)
}

/** PUTs the APIRule; returns the object the API server answered with. */
export async function replaceApiRule(
  obj: Obj,
  ns: string,
  dryRun: boolean,
  onWarnings?: WarningSink,
): Promise<Obj> {
  const resource = atVersion(APIRULES, endpointVersion(obj))
  const body = obj as unknown as K8sObject
  return reporting(replaceObject(resource, writableNamespace(ns), body, { dryRun }), onWarnings)
}

export async function getApiRule(version: string, ns: string, name: string): Promise<Obj> {
  return getObject<K8sObject>(atVersion(APIRULES, version), writableNamespace(ns), name).then(
    (o) => o as unknown as Obj,
  )
}

/**
 * The text of a failed save, as the editor shows it (the server's own message, unchanged). When
 * the answer was lost on the way (502/503/504: the API server unreachable or too slow), the write
 * may still have landed: say so, and that the edit is still here.
 */
export function saveErrorMessage(err: unknown): string {
  if (err instanceof StatusError && isLostAnswer(err))
    return `${err.message}. Your edit is kept here; the cluster may or may not have it — save again to compare.`
  if (err instanceof Error) return err.message
  return String(err)
}

/** A failure of the way to the API server, not an answer from it (no refusal to list). */
export function isLostAnswer(err: unknown): boolean {
  return err instanceof StatusError && [502, 503, 504].includes(err.code)
}
