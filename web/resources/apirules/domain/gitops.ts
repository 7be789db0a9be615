// What an operator takes from the details page into Git: the APIRule as a user would write it
// (no status, nothing the API server or the controller wrote), and who changed it last, read from
// the server's own record of writers (`metadata.managedFields`).
import { isObj, type Obj } from '../../../api/json.ts'

/** Metadata fields only the API server writes. */
const SERVER_METADATA = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'selfLink',
] as const

/** Annotations written by tools and the controller, not by the author of the rule. */
function isWrittenByTools(key: string): boolean {
  return (
    key.startsWith('gateway.kyma-project.io/') ||
    key === 'kubectl.kubernetes.io/last-applied-configuration'
  )
}

/** The controller's finalizer: it adds it itself when it reconciles the rule. */
const CONTROLLER_FINALIZER = 'gateway.kyma-project.io/subresources'

/** The APIRule for a Git repository: spec, name, namespace, labels and the user's annotations. */
export function gitOpsObject(obj: unknown): Obj {
  if (!isObj(obj)) return {}
  const { status: _status, ...rest } = obj
  if (!isObj(rest.metadata)) return rest
  const meta: Obj = { ...rest.metadata }
  for (const k of SERVER_METADATA) delete meta[k]
  if (isObj(meta.annotations)) {
    const kept = Object.entries(meta.annotations).filter(([k]) => !isWrittenByTools(k))
    if (kept.length) meta.annotations = Object.fromEntries(kept)
    else delete meta.annotations
  }
  if (Array.isArray(meta.finalizers)) {
    const kept = meta.finalizers.filter((f) => f !== CONTROLLER_FINALIZER)
    if (kept.length) meta.finalizers = kept
    else delete meta.finalizers
  }
  return { ...rest, metadata: meta }
}

export interface LastChange {
  /** The field manager: `kubectl-client-side-apply`, `kyma-apirules-dashboard`, … */
  manager: string
  operation: string
  time: string
}

/**
 * The latest write of the rule itself (not of its status, which the controller writes after every
 * reconcile), from `metadata.managedFields`; undefined when the server kept no times.
 */
export function lastChange(obj: unknown): LastChange | undefined {
  const meta = isObj(obj) && isObj(obj.metadata) ? obj.metadata : {}
  let latest: LastChange | undefined
  for (const entry of Array.isArray(meta.managedFields) ? meta.managedFields : []) {
    if (!isObj(entry) || entry.subresource === 'status') continue
    const { manager, operation, time } = entry
    if (typeof time !== 'string' || typeof manager !== 'string') continue
    if (!latest || Date.parse(time) > Date.parse(latest.time)) {
      latest = { manager, operation: typeof operation === 'string' ? operation : '', time }
    }
  }
  return latest
}
