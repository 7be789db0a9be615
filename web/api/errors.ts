// Human messages for API failures. The API server's own text is kept as detail, but the headline
// says what the user may not do, what is missing, or that the server cannot be reached.
import { NetworkError, StatusError } from './client.ts'

export interface ErrorContext {
  /** What the user tried: list, get, create, update, patch, delete, watch. */
  verb?: string
  /** Human resource name, e.g. "APIRules". */
  resource?: string
  namespace?: string | undefined
  name?: string | undefined
}

export type ErrorKind =
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid'
  | 'unauthorized'
  | 'unreachable'
  | 'server'
  | 'other'

export interface ErrorDescription {
  kind: ErrorKind
  title: string
  /** The server's message (or the causes), shown below the title. */
  detail?: string
  /** Field-level causes of a 422. */
  causes: { field?: string; message: string }[]
  /** True when retrying the same request may succeed (network, 5xx, 429). */
  retryable: boolean
  code?: number
}

const FORBIDDEN_RE =
  /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?(?: in the namespace "([^"]+)")?/

function where(namespace: string | undefined): string {
  return namespace ? `in namespace ${namespace}` : 'in all namespaces'
}

export function describeError(error: unknown, ctx: ErrorContext = {}): ErrorDescription {
  if (error instanceof NetworkError) {
    return {
      kind: 'unreachable',
      title: 'API server unreachable',
      detail: error.message,
      causes: [],
      retryable: true,
    }
  }
  if (!(error instanceof StatusError)) {
    const message = error instanceof Error ? error.message : String(error)
    // fetch() rejects with a TypeError when the connection fails (e.g. inside the watch stream).
    if (error instanceof TypeError) {
      return {
        kind: 'unreachable',
        title: 'API server unreachable',
        detail: message,
        causes: [],
        retryable: true,
      }
    }
    return { kind: 'other', title: message || 'Unexpected error', causes: [], retryable: true }
  }

  const { code, status } = error
  const message = status.message || undefined
  const causes = (status.details?.causes ?? [])
    .filter((c) => c.message)
    .map((c) => ({ ...(c.field ? { field: c.field } : {}), message: c.message ?? '' }))
  const what = ctx.name ? `${ctx.resource ?? 'resource'} ${ctx.name}` : (ctx.resource ?? undefined)

  if (code === 403) {
    const m = message ? FORBIDDEN_RE.exec(message) : null
    const verb = ctx.verb ?? m?.[1] ?? 'access'
    const resource = what ?? m?.[2] ?? status.details?.kind ?? 'this resource'
    const namespace = ctx.namespace ?? m?.[4]
    return {
      kind: 'forbidden',
      title: `You may not ${verb} ${resource} ${where(namespace)}`,
      ...(message ? { detail: message } : {}),
      causes,
      retryable: false,
      code,
    }
  }
  if (code === 401) {
    return {
      kind: 'unauthorized',
      title: 'Your session is not authenticated — sign in again',
      ...(message ? { detail: message } : {}),
      causes,
      retryable: false,
      code,
    }
  }
  if (code === 404) {
    const target = what ?? status.details?.name ?? 'The resource'
    return {
      kind: 'not-found',
      title: ctx.namespace
        ? `${target} was not found in namespace ${ctx.namespace}`
        : `${target} was not found`,
      ...(message ? { detail: message } : {}),
      causes,
      retryable: false,
      code,
    }
  }
  if (code === 409) {
    const exists = status.reason === 'AlreadyExists'
    return {
      kind: 'conflict',
      title: exists
        ? `${what ?? 'An object with this name'} already exists`
        : `${what ?? 'The object'} was changed by someone else — reload and apply your changes again`,
      ...(message ? { detail: message } : {}),
      causes,
      retryable: false,
      code,
    }
  }
  if (code === 422 || code === 400) {
    return {
      kind: 'invalid',
      title: `${what ?? 'The object'} is invalid`,
      ...(message ? { detail: message } : {}),
      causes,
      retryable: false,
      code,
    }
  }
  if (code === 429 || code >= 500) {
    return {
      kind: code === 502 || code === 503 || code === 504 ? 'unreachable' : 'server',
      title:
        code === 502 || code === 503 || code === 504
          ? 'API server unreachable'
          : `The API server failed (HTTP ${code})`,
      ...(message ? { detail: message } : {}),
      causes,
      retryable: true,
      code,
    }
  }
  return {
    kind: 'other',
    title: message ?? `Request failed with HTTP ${code}`,
    causes,
    retryable: false,
    code,
  }
}

/** One line, for toasts and inline text. */
export function errorMessage(error: unknown, ctx?: ErrorContext): string {
  const d = describeError(error, ctx)
  if (d.causes.length) {
    return `${d.title}: ${d.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message)).join('; ')}`
  }
  return d.title
}

/** React Query's `retry` for reads: twice, and only when retrying may help (network, 5xx, 429). */
export function retryOnTransient(count: number, error: Error): boolean {
  return count < 2 && describeError(error).retryable
}

export function isForbidden(error: unknown): boolean {
  return error instanceof StatusError && error.code === 403
}

export function isNotFound(error: unknown): boolean {
  return error instanceof StatusError && error.code === 404
}
