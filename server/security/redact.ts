// Keeps credentials out of logs. Request and response serializers pick only harmless fields (headers
// are never logged as a whole), and pino's redaction blanks the credential paths should a log call
// ever include headers or bodies anyway.
import type { FastifyRequest } from 'fastify'

export const REDACTED = '[redacted]'

export const REDACT_PATHS: readonly string[] = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'token',
  'body.token',
]

// Bearer tokens, JWTs and cookie values that might end up inside free text (e.g. an error message).
const SECRET_PATTERNS: readonly RegExp[] = [
  /(bearer\s+)[^\s"',;]+/gi,
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g,
  /(kyma_dashboard_(?:token|session)=)[^\s;"',]+/gi,
]

/** Query parameters that carry one-time secrets (the OIDC callback's `code` and `state`, tokens). */
const SECRET_QUERY =
  /([?&](?:code|state|session_state|id_token|access_token|refresh_token|token)=)[^&#]*/gi

/** A request URL for the log: secret query values blanked, then secret-looking text redacted. */
export function redactUrl(url: string): string {
  return redactText(url.replace(SECRET_QUERY, `$1${REDACTED}`))
}

export function redactText(text: string): string {
  let out = text
  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(
      pattern,
      (_match, prefix: unknown) => `${typeof prefix === 'string' ? prefix : ''}${REDACTED}`,
    )
  }
  return out
}

export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      // Kubernetes query strings carry selectors, but the OIDC callback's carries the one-time
      // authorization code and state: those values never reach the log.
      url: redactUrl(request.url),
      host: request.headers.host,
      remoteAddress: request.ip,
    }
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode }
  },
  err(error: Error & { code?: string; statusCode?: number }) {
    return {
      type: error.name,
      message: redactText(error.message),
      code: error.code,
      statusCode: error.statusCode,
      stack: redactText(error.stack ?? ''),
    }
  },
}
