// Security headers sent on every response, computed per path: pages under /embed/* may be framed by
// the configured origins, everything else by nobody.

const BASE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Monaco injects <style> elements at run time; nothing else is relaxed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
]

export function isEmbedPath(path: string): boolean {
  return path === '/embed' || path.startsWith('/embed/')
}

export function contentSecurityPolicy(
  path: string,
  embedAllowedOrigins: readonly string[],
): string {
  const embedding = isEmbedPath(path) && embedAllowedOrigins.length > 0
  const frameAncestors = embedding ? embedAllowedOrigins.join(' ') : "'none'"
  return [...BASE_CSP, `frame-ancestors ${frameAncestors}`].join('; ')
}

export function securityHeaders(
  path: string,
  embedAllowedOrigins: readonly string[],
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-security-policy': contentSecurityPolicy(path, embedAllowedOrigins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  }
  // X-Frame-Options cannot name origins; frame-ancestors does it for browsers that may embed.
  if (!(isEmbedPath(path) && embedAllowedOrigins.length > 0)) headers['x-frame-options'] = 'DENY'
  return headers
}
