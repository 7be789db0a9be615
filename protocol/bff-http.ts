// Constants of the HTTP contract between the SPA and the BFF, imported by both sides (server/ and
// web/api/) so that the name the server checks and the name the browser sends cannot drift apart.

/**
 * The BFF refuses state-changing requests without this header: a cross-origin page can only add a
 * custom header after a CORS preflight, and the BFF never approves one. Lower case, as Node hands
 * header names to the server; HTTP header names are case-insensitive for the browser's fetch.
 */
export const CSRF_HEADER = 'x-kyma-dashboard-csrf'
export const CSRF_HEADER_VALUE = '1'

/** Prefix under which the BFF maps the Kubernetes API one to one (`/api/k8s/apis/…`). */
export const K8S_PROXY_PREFIX = '/api/k8s'
