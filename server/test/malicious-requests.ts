// Concrete malicious requests, each with the answer the BFF must give before calling the API server.
// Shared by the fixture tests (which also check that the upstream saw nothing) and the cluster tests.
import type { RawRequest } from './raw-http.ts'

export interface MaliciousCase {
  name: string
  request: RawRequest
  /** Host header to send instead of the server's own. */
  host?: string
  status: number
  /** Substring of the Status message. */
  message?: RegExp
}

const APIRULES = '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules'

/** Headers of a legitimate same-origin write; `origin` is filled in per server. */
export function writeHeaders(origin: string): Record<string, string> {
  return { Origin: origin, 'X-Kyma-Dashboard-Csrf': '1', 'Content-Type': 'application/json' }
}

export function maliciousCases(origin: string): MaliciousCase[] {
  const write = writeHeaders(origin)
  const get = (target: string): RawRequest => ({ method: 'GET', target })
  return [
    {
      name: 'DNS rebinding Host',
      host: 'evil.example:8080',
      request: get('/api/k8s/api/v1/namespaces'),
      status: 403,
      message: /Host/,
    },
    { name: 'Host without port', host: 'localhost', request: get('/api/cluster'), status: 403 },
    {
      name: '.. segment',
      request: get('/api/k8s/api/v1/namespaces/../../api/v1/secrets'),
      status: 400,
    },
    { name: '. segment', request: get('/api/k8s/api/v1/./secrets'), status: 400 },
    { name: 'encoded slash %2f', request: get('/api/k8s/api/v1%2fsecrets'), status: 400 },
    { name: 'encoded slash %2F', request: get('/api/k8s/api/v1%2Fsecrets'), status: 400 },
    {
      name: 'encoded dots %2e%2e',
      request: get('/api/k8s/api/v1/namespaces/%2e%2e/secrets'),
      status: 400,
    },
    {
      name: 'encoded dots %2E%2E',
      request: get('/api/k8s/api/v1/namespaces/%2E%2E/secrets'),
      status: 400,
    },
    {
      name: 'encoded backslash %5c',
      request: get('/api/k8s/api/v1/namespaces%5csecrets'),
      status: 400,
    },
    {
      name: 'encoded backslash %5C',
      request: get('/api/k8s/api/v1/namespaces%5Csecrets'),
      status: 400,
    },
    {
      name: 'double encoding %252e',
      request: get('/api/k8s/api/v1/namespaces/%252e%252e/secrets'),
      status: 400,
    },
    {
      name: 'double-encoded slash %252f',
      request: get('/api/k8s/api/v1%252fsecrets'),
      status: 400,
    },
    { name: 'backslash', request: get('/api/k8s/api\\v1\\secrets'), status: 400 },
    { name: 'empty segment //', request: get('/api/k8s//api/v1/secrets'), status: 400 },
    {
      name: 'absolute-form URL',
      request: get('http://evil.example/api/k8s/api/v1/namespaces'),
      status: 400,
    },
    { name: 'scheme in path', request: get('/api/k8s/http:/evil.example/api/v1'), status: 400 },
    {
      name: '@ in path',
      request: get('/api/k8s/admin@evil.example/api/v1/namespaces'),
      status: 400,
    },
    { name: 'encoded NUL', request: get('/api/k8s/api/v1/namespaces%00'), status: 400 },
    { name: 'raw control character', request: get('/api/k8s/api/v1/namespaces\x01'), status: 400 },
    {
      name: 'over-long path',
      request: get(`/api/k8s/api/v1/namespaces/${'a'.repeat(5000)}`),
      status: 400,
    },
    {
      name: 'unknown query parameter',
      request: get('/api/k8s/api/v1/namespaces?command=sh'),
      status: 400,
    },
    {
      name: 'Secrets',
      request: get('/api/k8s/api/v1/namespaces/default/secrets'),
      status: 403,
      message: /not by Kubernetes RBAC/,
    },
    {
      name: 'one Secret',
      request: get('/api/k8s/api/v1/namespaces/kube-system/secrets/admin'),
      status: 403,
    },
    { name: 'ConfigMaps', request: get('/api/k8s/api/v1/configmaps'), status: 403 },
    { name: 'nodes', request: get('/api/k8s/api/v1/nodes'), status: 403 },
    { name: 'node proxy', request: get('/api/k8s/api/v1/nodes/n1/proxy/metrics'), status: 403 },
    {
      name: 'service proxy with trailing slash',
      request: get('/api/k8s/api/v1/namespaces/default/services/kubernetes/proxy/'),
      status: 400,
    },
    {
      name: 'service proxy subresource',
      request: get('/api/k8s/api/v1/namespaces/default/services/kubernetes/proxy'),
      status: 403,
    },
    {
      name: 'pod exec',
      request: {
        method: 'POST',
        target: '/api/k8s/api/v1/namespaces/default/pods/p/exec',
        headers: write,
        body: '{}',
      },
      status: 403,
    },
    {
      name: 'status write',
      request: { method: 'PUT', target: `${APIRULES}/r/status`, headers: write, body: '{}' },
      status: 403,
    },
    {
      name: 'token request',
      request: {
        method: 'POST',
        target: '/api/k8s/api/v1/namespaces/default/serviceaccounts/default/token',
        headers: write,
        body: '{}',
      },
      status: 403,
    },
    { name: 'API server /metrics', request: get('/api/k8s/metrics'), status: 403 },
    {
      name: 'OpenAPI v2 document',
      request: get('/api/k8s/openapi/v2'),
      status: 403,
      message: /OpenAPI v2/,
    },
    // The API server would take these as watches; the BFF must not read them as lists.
    { name: 'watch=yes', request: get(`${APIRULES}?watch=yes`), status: 400, message: /watch/ },
    { name: 'watch= (empty)', request: get(`${APIRULES}?watch=`), status: 400, message: /watch/ },
    {
      name: 'watch given twice',
      request: get(`${APIRULES}?watch=false&watch=true`),
      status: 400,
      message: /watch/,
    },
    {
      name: 'write without Origin',
      request: {
        method: 'POST',
        target: APIRULES,
        headers: { 'X-Kyma-Dashboard-Csrf': '1', 'Content-Type': 'application/json' },
        body: '{}',
      },
      status: 403,
      message: /Origin/,
    },
    {
      name: 'write from another origin',
      request: {
        method: 'POST',
        target: APIRULES,
        headers: { ...write, Origin: 'http://evil.example' },
        body: '{}',
      },
      status: 403,
      message: /Origin/,
    },
    {
      name: 'write without CSRF header',
      request: { method: 'DELETE', target: `${APIRULES}/r`, headers: { Origin: origin } },
      status: 403,
      message: /x-kyma-dashboard-csrf/,
    },
    {
      name: 'CORS preflight',
      request: {
        method: 'OPTIONS',
        target: APIRULES,
        headers: {
          Origin: 'http://evil.example',
          'Access-Control-Request-Method': 'DELETE',
          'Access-Control-Request-Headers': 'x-kyma-dashboard-csrf',
        },
      },
      status: 403,
    },
    {
      name: '4 MiB body (Content-Length)',
      request: {
        method: 'POST',
        target: APIRULES,
        headers: write,
        body: Buffer.alloc(4 * 1024 * 1024, 0x20),
      },
      status: 413,
    },
    {
      name: '4 MiB body (chunked)',
      request: {
        method: 'POST',
        target: APIRULES,
        headers: write,
        body: Buffer.alloc(4 * 1024 * 1024, 0x20),
        chunked: true,
      },
      status: 413,
    },
    {
      // RFC 9112 §3.2: more than one Host is a 400 (a proxy in front might route by the other).
      name: 'two Host headers',
      request: {
        method: 'GET',
        target: '/api/k8s/api/v1/namespaces',
        headers: { Host: origin.replace(/^https?:\/\//, '') },
      },
      status: 400,
      message: /more than one Host/,
    },
  ]
}
