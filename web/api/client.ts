// The only place that calls the BFF: JSON requests (apiFetch, k8sFetch) and the response body of a
// stream (openStream, for the watch multiplexer). Every request carries the CSRF header the BFF
// requires on mutations (protocol/bff-http.ts, shared with the server); every non-2xx answer becomes
// a StatusError that carries the Kubernetes Status. Tests pass their own `fetch` as `transport`.
import { CSRF_HEADER, CSRF_HEADER_VALUE, K8S_PROXY_PREFIX } from '../../protocol/bff-http.ts'
import type { K8sStatus } from './k8s-types.ts'

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
  /** The fetch to send with; the browser's by default (tests inject a fake BFF). */
  transport?: typeof fetch
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

const browserFetch: typeof fetch = (input, init) => fetch(input, init)

/** Sends a request to a BFF path (e.g. `/api/cluster`) and returns the parsed JSON body. */
export async function apiFetch<T>(path: string, req: ApiRequest = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    [CSRF_HEADER]: CSRF_HEADER_VALUE,
  }
  let body: string | undefined
  if (req.body !== undefined) {
    headers['Content-Type'] = req.contentType ?? 'application/json'
    body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body)
  }
  let res: Response
  try {
    res = await (req.transport ?? browserFetch)(withQuery(path, req.query), {
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
  return apiFetch<T>(K8S_PROXY_PREFIX + k8sPath, req)
}

export interface StreamRequest {
  /** The media type of the stream (e.g. NDJSON). */
  accept: string
  signal: AbortSignal
  transport?: typeof fetch | undefined
}

/**
 * Opens a long-lived GET on a BFF path and returns its body, to be read as it arrives. A refusal
 * becomes a StatusError; a connection failure rejects as fetch does (the caller reconnects).
 */
export async function openStream(
  path: string,
  req: StreamRequest,
): Promise<ReadableStream<Uint8Array>> {
  const res = await (req.transport ?? browserFetch)(path, {
    method: 'GET',
    headers: { Accept: req.accept, [CSRF_HEADER]: CSRF_HEADER_VALUE },
    credentials: 'same-origin',
    signal: req.signal,
  })
  if (!res.ok) throw await responseError(res)
  if (!res.body) throw new Error('The stream has no body')
  return res.body
}

/** The StatusError of a refused answer, from its Status body when it has one. */
async function responseError(res: Response): Promise<StatusError> {
  const text = await res.text().catch(() => '')
  const parsed = text ? safeJson(text) : undefined
  return new StatusError(
    isStatus(parsed)
      ? parsed
      : { kind: 'Status', status: 'Failure', code: res.status, message: res.statusText },
    res.status,
  )
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
