// The token-mode session cookie: the user's bearer token, readable only by the server (HttpOnly),
// never sent cross-site (SameSite=Strict), and Secure whenever the dashboard is served over TLS.

export const SESSION_COOKIE = 'kyma_dashboard_token'

// Bearer tokens are token68-like; anything outside visible ASCII, or separators that would break the
// cookie or header syntax, marks a value that is not a token.
const TOKEN_SYNTAX = /^[\x21-\x7e]{1,16384}$/
const TOKEN_FORBIDDEN = /[;,"\\]/

export function isPlausibleToken(token: unknown): token is string {
  return typeof token === 'string' && TOKEN_SYNTAX.test(token) && !TOKEN_FORBIDDEN.test(token)
}

/** The session token from a Cookie header, or null. */
export function readSessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=')
    if (eq === -1 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue
    let value: string
    try {
      value = decodeURIComponent(part.slice(eq + 1).trim())
    } catch {
      return null
    }
    return isPlausibleToken(value) ? value : null
  }
  return null
}

export function sessionCookie(token: string, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

export function clearedSessionCookie(secure: boolean): string {
  return [
    `${SESSION_COOKIE}=`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    'Max-Age=0',
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}
