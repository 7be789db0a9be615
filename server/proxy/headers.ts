// Which headers cross the proxy. Both directions are allowlists: a header not named here is dropped,
// so client credentials, impersonation, forwarding and cookie headers can never reach the API server,
// and the API server can never set cookies or CORS rules on the dashboard's origin.
import type { IncomingHttpHeaders } from 'node:http'

/** Request headers forwarded to the API server. Content-Type also carries the patch type. */
export const FORWARDED_REQUEST_HEADERS: readonly string[] = [
  'content-type',
  'accept',
  'accept-encoding',
]

/**
 * Body media types the dashboard sends: JSON, YAML and the patch types. Anything else (a protobuf
 * body, say) is refused with 415 before the API server sees it.
 */
const BODY_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/yaml',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/json-patch+json',
  'application/apply-patch+yaml',
])

/** Whether a request body of `contentType` may be forwarded. */
export function isForwardableBodyType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return BODY_MEDIA_TYPES.has(mediaType)
}

/** Response headers passed back to the browser. */
export const PASSED_RESPONSE_HEADERS: readonly string[] = [
  'content-type',
  'content-encoding',
  'content-length',
  'cache-control',
  'warning',
  'audit-id',
  // API Priority and Fairness answers 429 with Retry-After; the SPA needs it to back off.
  'retry-after',
]

export function forwardedRequestHeaders(incoming: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming[name]
    if (typeof value === 'string') out[name] = value
  }
  return out
}

export function passedResponseHeaders(
  upstream: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const name of PASSED_RESPONSE_HEADERS) {
    const value = upstream[name]
    if (value !== undefined) out[name] = value
  }
  return out
}
