// Requests to the API server and the translation of transport failures into Kubernetes Status
// answers (502 when the server cannot be reached, 504 when it does not answer in time).
import { request, type Dispatcher } from 'undici'
import type { Upstream, UpstreamAuth } from './credentials/upstream.ts'

export interface UpstreamCall {
  method: Dispatcher.HttpMethod
  /** Kubernetes path plus query, starting with "/". */
  pathAndQuery: string
  headers?: Record<string, string>
  body?: Buffer | string | null
  signal?: AbortSignal
  headersTimeoutMs: number
  /** Longest silence between body chunks; 0 disables (watches). */
  bodyTimeoutMs: number
}

export function callUpstream(upstream: Upstream, auth: UpstreamAuth, call: UpstreamCall) {
  return request(`${upstream.server}${call.pathAndQuery}`, {
    method: call.method,
    headers: { ...call.headers, ...auth.headers },
    body: call.body ?? null,
    dispatcher: auth.dispatcher,
    signal: call.signal,
    headersTimeout: call.headersTimeoutMs,
    bodyTimeout: call.bodyTimeoutMs,
  })
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'ABORT_ERR',
])

/** The most specific error code in an undici / net error (which may wrap an AggregateError). */
export function errorCode(error: unknown): string {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const candidate = current as { code?: unknown; cause?: unknown; errors?: unknown[] }
    if (typeof candidate.code === 'string' && candidate.code !== 'UND_ERR_SOCKET')
      return candidate.code
    current = candidate.cause ?? candidate.errors?.[0]
  }
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : ((error as Error | null)?.name ?? 'UNKNOWN')
}

export function upstreamFailure(
  error: unknown,
  server: string,
): { code: 502 | 504; message: string } {
  const code = errorCode(error)
  const detail = (error as Error | null)?.message ?? String(error)
  if (TIMEOUT_CODES.has(code) || (error as Error | null)?.name === 'TimeoutError') {
    return {
      code: 504,
      message: `The Kubernetes API server ${server} did not answer in time (${code})`,
    }
  }
  return {
    code: 502,
    message: `Cannot reach the Kubernetes API server ${server}: ${code} (${detail})`,
  }
}

/** A small JSON GET/POST for the BFF's own needs (version, reviews); the body is read fully. */
export async function upstreamJson(
  upstream: Upstream,
  auth: UpstreamAuth,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  timeoutMs: number,
): Promise<{ statusCode: number; body: unknown }> {
  const res = await callUpstream(upstream, auth, {
    method,
    pathAndQuery: path,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
    headersTimeoutMs: timeoutMs,
    bodyTimeoutMs: timeoutMs,
    signal: AbortSignal.timeout(timeoutMs),
  })
  const text = await res.body.text()
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    parsed = text
  }
  return { statusCode: res.statusCode, body: parsed }
}
