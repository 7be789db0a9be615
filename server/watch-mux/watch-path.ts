// The checks a multiplexed watch subscription's Kubernetes path goes through. They are exactly the
// ones /api/k8s applies to a request (raw path rules, query parameter allowlist, path parsing, the
// resource allowlist), run on the path as if it had arrived as `GET /api/k8s<path>`, plus one more:
// the request must be a watch. Nothing reaches the API server unless this says ok.
import { authorize } from '../proxy/allowlist.ts'
import { parseKubePath } from '../proxy/kube-path.ts'
import { PROXY_PREFIX } from '../proxy/proxy-route.ts'
import { checkKubeQuery, checkRequestUrl } from '../proxy/request-url.ts'

export type WatchPathCheck =
  { ok: true; pathAndQuery: string } | { ok: false; code: 400 | 403; reason: string }

export function checkWatchPath(path: unknown): WatchPathCheck {
  if (typeof path !== 'string' || !path.startsWith('/'))
    return { ok: false, code: 400, reason: 'expected "path" to be a Kubernetes API path' }
  // Judged with the proxy prefix so that the URL length limit and every raw-URL rule apply the same.
  const url = checkRequestUrl(PROXY_PREFIX + path)
  if (!url.ok) return { ok: false, code: 400, reason: url.reason }
  const query = checkKubeQuery(url.query)
  if (!query.ok) return { ok: false, code: 400, reason: query.reason }
  const kubePath = parseKubePath(url.path.slice(PROXY_PREFIX.length))
  if (kubePath === null) return { ok: false, code: 400, reason: 'malformed Kubernetes API path' }
  const params = new URLSearchParams(url.query)
  const decision = authorize('GET', kubePath, params)
  if (!decision.allowed) return { ok: false, code: 403, reason: decision.reason }
  if (decision.verb !== 'watch')
    return { ok: false, code: 400, reason: 'a watch subscription needs "watch=true"' }
  const kubeOnly = url.path.slice(PROXY_PREFIX.length)
  return { ok: true, pathAndQuery: kubeOnly + (url.query === '' ? '' : `?${url.query}`) }
}
