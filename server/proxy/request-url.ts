// First line of defence for every request: the raw request target, exactly as the client sent it,
// before any router or URL parser could normalise (and so hide) a traversal or smuggling attempt.
// Nothing the dashboard serves needs percent-encoding in its path, so any `%` there is refused:
// that covers encoded slashes, dots and backslashes (%2f, %2e, %5c) and double encoding (%25).

export const MAX_URL_LENGTH = 4096

/** Query parameters the Kubernetes API understands and the dashboard may use. */
export const ALLOWED_QUERY_PARAMS: ReadonlySet<string> = new Set([
  'watch',
  'resourceVersion',
  'resourceVersionMatch',
  'labelSelector',
  'fieldSelector',
  'limit',
  'continue',
  'dryRun',
  'fieldManager',
  'fieldValidation',
  'force',
  'allowWatchBookmarks',
  'timeoutSeconds',
  'sendInitialEvents',
  'propagationPolicy',
  'gracePeriodSeconds',
  'orphanDependents',
  'pretty',
  'timeout',
  // /openapi/v3/<group-version>?hash=… is how the API server makes those documents cacheable.
  'hash',
])

export type UrlCheck = { ok: true; path: string; query: string } | { ok: false; reason: string }

const CONTROL_OR_NON_ASCII = /[^\x21-\x7e]/
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\x00-\x1f\x7f]/

export function checkRequestUrl(rawUrl: string): UrlCheck {
  if (rawUrl.length > MAX_URL_LENGTH) return reject(`URL longer than ${MAX_URL_LENGTH} characters`)
  if (CONTROL_OR_NON_ASCII.test(rawUrl))
    return reject('control, space or non-ASCII character in URL')
  if (!rawUrl.startsWith('/') || rawUrl.startsWith('//')) {
    return reject('only origin-form request targets ("/path") are accepted')
  }
  const queryAt = rawUrl.indexOf('?')
  const path = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt)
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt + 1)
  if (path.includes('%')) return reject('percent-encoded character in path')
  if (path.includes('\\')) return reject('backslash in path')
  if (path.includes('@')) return reject('"@" in path')
  if (path.includes(':')) return reject('":" (URL scheme or port) in path')
  if (path.includes('#')) return reject('"#" in path')
  const segments = path.split('/').slice(1)
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]
    if (segment === '.' || segment === '..') return reject('"." or ".." segment in path')
    // One trailing slash is harmless ("/embed/"); an empty segment inside the path is not.
    if (segment === '' && i !== segments.length - 1) return reject('empty segment ("//") in path')
  }
  return { ok: true, path, query }
}

/** Validates the query of an /api/k8s request: known parameter names, no control characters. */
export function checkKubeQuery(query: string): { ok: true } | { ok: false; reason: string } {
  if (query === '') return { ok: true }
  let params: URLSearchParams
  try {
    // Decode once by hand first: URLSearchParams silently keeps malformed escapes.
    for (const part of query.split('&')) decodeURIComponent(part.replaceAll('+', ' '))
    params = new URLSearchParams(query)
  } catch {
    return reject('malformed percent-encoding in query')
  }
  for (const [name, value] of params) {
    if (!ALLOWED_QUERY_PARAMS.has(name)) return reject(`query parameter "${name}" is not allowed`)
    if (CONTROL.test(value)) return reject(`control character in query parameter "${name}"`)
    if (value.length > 1024) return reject(`query parameter "${name}" is too long`)
  }
  return { ok: true }
}

function reject(reason: string): { ok: false; reason: string } {
  return { ok: false, reason }
}
