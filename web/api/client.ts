// The only place that calls the BFF. Every request carries the CSRF header the BFF requires on
// mutations; every non-2xx answer becomes a StatusError that carries the Kubernetes Status.
import type { K8sStatus } from './k8s-types.ts'

/** The BFF refuses mutating requests without this header (a CORS-preflighted custom header). */
export const CSRF_HEADER = 'X-Kyma-Dashboard-Csrf'

/** Prefix under which the BFF maps the Kubernetes API one to one. */
export const K8S_PREFIX = '/api/k8s'

export class StatusError extends Error {
  readonly status: K8sStatus
  readonly code: number

  constructor(status: K8sStatus, code: number) {
    super(status.message || status.reason || `Request failed with HTTP ${code}`)
    this.name = 'StatusError'
    this.status = status
    this.code = code
  }

  get reason(): string | undefined {
    return this.status.reason
  }
}

/** Raised when the BFF itself cannot be reached (network down, server stopped). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('The dashboard server cannot be reached. Check that it is running.', { cause })
    this.name = 'NetworkError'
  }
}

export function isStatus(value: unknown): value is K8sStatus {
  return (
    typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Status'
  )
}

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  /** Content type of a PATCH (merge, strategic, json-patch, apply). */
  contentType?: string
  query?: Record<string, string | number | boolean | undefined>
  signal?: AbortSignal
  /** Receives the API server's `Warning` headers (e.g. a field it dropped), success or failure. */
  onWarnings?: (warnings: string[]) => void
}

/**
 * The texts of `Warning` header values (`299 - "text"`, RFC 7234). Fetch joins repeated headers
 * with ", ", which may also appear inside a text, so the quoted parts are matched one by one.
 */
export function parseWarnings(header: string | null): string[] {
  if (!header) return []
  const out: string[] = []
  for (const m of header.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g))
    out.push((m[1] ?? '').replace(/\\(.)/g, '$1'))
  return out
}

export function withQuery(path: string, query?: ApiRequest['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path
}

/** Sends a request to a BFF path (e.g. `/api/cluster`) and returns the parsed JSON body. */
export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', [CSRF_HEADER]: '1' }
  let body: string | undefined
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json'
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
  }
  let res: Response
  try {
    res = await fetch(withQuery(path, req.query), {
      method: req.method ?? 'GET',
      headers,
      body,
      signal: req.signal,
      credentials: 'same-origin',
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new NetworkError(err)
  }
  const warnings = parseWarnings(res.headers.get('warning'))
  if (warnings.length) req.onWarnings?.(warnings)
  const text = await res.text()
  const parsed: unknown = text ? safeJson(text) : undefined
  if (!res.ok) {
    throw new StatusError(
      isStatus(parsed)
        ? parsed
        : { kind: 'Status', status: 'Failure', code: res.status, message: text || res.statusText },
      res.status,
    )
  }
  return parsed as T
}

/** Calls the Kubernetes API through the BFF: `k8sFetch('/apis/…/apirules')`. */
export function k8sFetch<T>(k8sPath: string, req?: ApiRequest): Promise<T> {
  return apiFetch<T>(K8S_PREFIX + k8sPath, req)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
