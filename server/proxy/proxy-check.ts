// The one gate for "may this request go to the Kubernetes API?": raw URL rules, the query parameter
// allowlist, path parsing and the resource allowlist, in that order. Both the /api/k8s proxy and the
// multiplexed watch subscriptions call it, so the two can never apply different rules.
import { authorize } from './allowlist.ts'
import { parseKubePath, watchParam, type KubeVerb } from './kube-path.ts'
import { checkKubeQuery, checkRequestUrl } from './request-url.ts'
import { K8S_PROXY_PREFIX } from '../../protocol/bff-http.ts'

/** Where the Kubernetes API is mapped (the SPA's client uses the same constant). */
export const PROXY_PREFIX = K8S_PROXY_PREFIX

export type ProxyCheck =
  | {
      ok: true
      verb: KubeVerb | 'get'
      /** Kubernetes path and query, no proxy prefix. */ pathAndQuery: string
    }
  | { ok: false; code: 400 | 403; reason: string }

/** Checks `method` on `rawUrl` (a URL under PROXY_PREFIX, exactly as it arrived). */
export function checkProxyRequest(method: string, rawUrl: string): ProxyCheck {
  const url = checkRequestUrl(rawUrl)
  if (!url.ok) return { ok: false, code: 400, reason: url.reason }
  const query = checkKubeQuery(url.query)
  if (!query.ok) return { ok: false, code: 400, reason: query.reason }
  const kubeOnly = url.path.slice(PROXY_PREFIX.length)
  const kubePath = parseKubePath(kubeOnly)
  if (kubePath === null) return { ok: false, code: 400, reason: 'malformed Kubernetes API path' }
  const params = new URLSearchParams(url.query)
  // A value the BFF could read differently from the API server (list vs. watch) is not passed on.
  if (watchParam(params) === null) {
    return {
      ok: false,
      code: 400,
      reason:
        'query parameter "watch" must be given once, as true or false (1, t, TRUE, 0, FALSE, …)',
    }
  }
  const decision = authorize(method, kubePath, params)
  if (!decision.allowed) return { ok: false, code: 403, reason: decision.reason }
  return {
    ok: true,
    verb: decision.verb,
    pathAndQuery: kubeOnly + (url.query === '' ? '' : `?${url.query}`),
  }
}
