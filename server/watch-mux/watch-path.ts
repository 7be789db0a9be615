// The checks a multiplexed watch subscription's Kubernetes path goes through: the /api/k8s proxy's
// own gate (checkProxyRequest), run on the path as if it had arrived as `GET /api/k8s<path>`, plus
// one more: the request must be a watch. Nothing reaches the API server unless this says ok.
import { checkProxyRequest, PROXY_PREFIX } from '../proxy/proxy-check.ts'

export type WatchPathCheck =
  { ok: true; pathAndQuery: string } | { ok: false; code: 400 | 403; reason: string }

export function checkWatchPath(path: unknown): WatchPathCheck {
  if (typeof path !== 'string' || !path.startsWith('/'))
    return { ok: false, code: 400, reason: 'expected "path" to be a Kubernetes API path' }
  // Judged with the proxy prefix so that the URL length limit and every raw-URL rule apply the same.
  const check = checkProxyRequest('GET', PROXY_PREFIX + path)
  if (!check.ok) return check
  if (check.verb !== 'watch')
    return { ok: false, code: 400, reason: 'a watch subscription needs "watch=true"' }
  return { ok: true, pathAndQuery: check.pathAndQuery }
}
