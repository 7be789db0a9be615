// Cross-site request forgery guard for state-changing requests. Two independent checks:
//  - Origin must be the dashboard's own origin (browsers always send it on cross-origin writes);
//  - a custom header must be present: a cross-origin page can only add one after a CORS preflight,
//    and the server never approves a preflight (OPTIONS is refused, no Access-Control-* is sent).
// The header's name and value are shared with the SPA: protocol/bff-http.ts.
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../protocol/bff-http.ts'

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD'])

export interface CsrfInput {
  method: string
  /** The Host header, already checked against the allowed hosts. */
  host: string | undefined
  origin: string | undefined
  csrfHeader: string | string[] | undefined
}

/** Null when the request may proceed, otherwise why it is refused. */
export function csrfRejection(input: CsrfInput): string | null {
  if (SAFE_METHODS.has(input.method)) return null
  if (input.host === undefined) return 'missing Host header'
  const own = [`http://${input.host}`, `https://${input.host}`].map((o) => o.toLowerCase())
  if (input.origin === undefined) return 'missing Origin header on a state-changing request'
  if (!own.includes(input.origin.toLowerCase())) {
    return `Origin ${input.origin} is not the dashboard's own origin`
  }
  if (input.csrfHeader !== CSRF_HEADER_VALUE) {
    return `missing "${CSRF_HEADER}: ${CSRF_HEADER_VALUE}" header on a state-changing request`
  }
  return null
}
