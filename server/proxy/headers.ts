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
