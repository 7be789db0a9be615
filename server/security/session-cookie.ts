// The token-mode session cookie: an opaque sealed session (server/sessions/), readable only by the
// server (HttpOnly), never sent cross-site (SameSite=Strict), with an absolute Max-Age.
//
// Served over TLS (--secure-cookies) it is `__Host-kyma_dashboard_session`: browsers accept that
// name only with Secure, Path=/ and no Domain, so a sibling subdomain cannot plant ("toss") a cookie
// of that name. Browsers refuse __Host- cookies without Secure, and a Secure cookie is not kept for
// plain http://127.0.0.1, so the local http case uses the unprefixed name.
//
// Two cookies of the session name in one request (tossing: one set for a parent domain or a longer
// path) are refused as a whole rather than guessing which one is real.

const BASE_NAME = 'kyma_dashboard_session'

export function sessionCookieName(secure: boolean): string {
  return secure ? `__Host-${BASE_NAME}` : BASE_NAME
}

// Bearer tokens are token68-like; anything outside visible ASCII, or separators that would break the
// header syntax, marks a value that is not a token.
const TOKEN_SYNTAX = /^[\x21-\x7e]{1,16384}$/
const TOKEN_FORBIDDEN = /[;,"\\]/

export function isPlausibleToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_SYNTAX.test(token) && !TOKEN_FORBIDDEN.test(token)
}

export type SessionCookieRead =
  { kind: 'none' } | { kind: 'duplicate' } | { kind: 'value'; value: string }

/** The session cookie `name` of a Cookie header (names compare exactly, as browsers send them). */
export function readSessionCookie(
  cookieHeader: string | undefined,
  name: string,
): SessionCookieRead {
  if (!cookieHeader) return { kind: 'none' }
  let found: string | null = null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue
    if (found !== null) return { kind: 'duplicate' }
    found = part.slice(eq + 1).trim()
  }
  return found === null ? { kind: 'none' } : { kind: 'value', value: found }
}

export function sessionCookie(name: string, value: string, secure: boolean, maxAgeS: number) {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${Math.max(0, Math.round(maxAgeS))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearedSessionCookie(name: string, secure: boolean): string {
  return sessionCookie(name, '', secure, 0)
}
