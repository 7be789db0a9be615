// The one write API of the dashboard: create, replace and delete through the BFF. Every create and
// replace carries the dashboard's field manager (so `managedFields` say who changed what) and
// `fieldValidation=Strict`, as kubectl does: a field the schema does not know is refused (400)
// instead of being dropped with a mere warning, so an access rule never changes silently. The API
// server's `Warning` headers come back with the result, or with the error.
import { k8sFetch, StatusError } from './client.ts'
import type { K8sObject, StatusCause } from './k8s-types.ts'
import { resourcePath, type ResourceDescriptor } from './resources.ts'

/** The field manager of every write the dashboard makes. */
export const FIELD_MANAGER = 'kyma-apirules-dashboard'

export interface WriteOptions {
  /** Let the API server check the write (admission, validation) without storing it. */
  dryRun?: boolean
  signal?: AbortSignal
}

export interface WriteResult<T> {
  /** The object as the API server answered (for a dry run: as it would be stored). */
  object: T
  /** The texts of the API server's `Warning` headers (e.g. a deprecated version). */
  warnings: string[]
}

/** A write the API server (or the BFF) refused, with the warnings sent along. */
export class WriteError extends StatusError {
  readonly warnings: string[]

  constructor(error: StatusError, warnings: string[]) {
    super(error.status, error.code)
    this.name = 'WriteError'
    this.warnings = warnings
  }
}

/** 409 Conflict: the object changed since the version the write was based on. */
export class ConflictError extends WriteError {
  override readonly name = 'ConflictError'
}

/** 422 Invalid: the object breaks the schema or a validation rule; `causes` name the fields. */
export class InvalidObjectError extends WriteError {
  override readonly name = 'InvalidObjectError'

  get causes(): StatusCause[] {
    return this.status.details?.causes ?? []
  }
}

export function isConflict(err: unknown): err is ConflictError {
  return err instanceof ConflictError
}

function writeError(error: StatusError, warnings: string[]): WriteError {
  if (error.code === 409 && error.reason === 'Conflict') return new ConflictError(error, warnings)
  if (error.code === 422) return new InvalidObjectError(error, warnings)
  return new WriteError(error, warnings)
}

async function write<T>(
  path: string,
  method: 'POST' | 'PUT',
  body: unknown,
  opts: WriteOptions,
): Promise<WriteResult<T>> {
  const warnings: string[] = []
  try {
    const object = await k8sFetch<T>(path, {
      method,
      body,
      query: {
        fieldManager: FIELD_MANAGER,
        fieldValidation: 'Strict',
        ...(opts.dryRun ? { dryRun: 'All' } : {}),
      },
      signal: opts.signal,
      onWarnings: (w) => warnings.push(...w),
    })
    return { object, warnings }
  } catch (err) {
    throw err instanceof StatusError ? writeError(err, warnings) : err
  }
}

/** POST: creates the object in `namespace` (undefined for cluster-scoped kinds). */
export function createObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  body: T,
  opts: WriteOptions = {},
): Promise<WriteResult<T>> {
  return write<T>(resourcePath(d, { namespace }), 'POST', body, opts)
}

/**
 * PUT; the body should carry metadata.resourceVersion, so that a concurrent change yields 409 (the
 * API server refuses an update without one).
 */
export function replaceObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  body: T,
  opts: WriteOptions = {},
): Promise<WriteResult<T>> {
  const name = body.metadata?.name
  if (!name) return Promise.reject(new Error('replaceObject needs metadata.name'))
  return write<T>(resourcePath(d, { namespace, name }), 'PUT', body, opts)
}

export function deleteObject(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  opts: { dryRun?: boolean; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' } = {},
): Promise<unknown> {
  return k8sFetch<unknown>(resourcePath(d, { namespace, name }), {
    method: 'DELETE',
    query: {
      ...(opts.dryRun ? { dryRun: 'All' } : {}),
      propagationPolicy: opts.propagationPolicy,
    },
  })
}
