// The demo data set: what a small Kyma cluster with API Gateway and Serverless would hold.
// Chosen to exercise the dashboard: every APIRule access strategy, a v1beta1 leftover (the
// controller says to migrate it), a rule whose Service is missing (a real Error), a Function
// that is not exposed yet (`greeter`), and a Function name that is a prefix of a Service name
// (`hello` vs `hello-kyma-svc`) to catch prefix matching instead of exact matching.
import type { KubeObject } from './apply.ts'
import { DEMO_NAMESPACE } from './rbac.ts'

export const SHOP_NAMESPACE = 'shop'
export const GATEWAY = 'kyma-system/kyma-gateway'
export const DOMAIN = 'local.kyma.dev'

const ORIGINAL_VERSION = 'gateway.kyma-project.io/original-version'
const FUNCTION_LABEL = 'serverless.kyma-project.io/function-name'

const namespace = (name: string, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name, labels },
})

const service = (
  ns: string,
  name: string,
  ports: { name: string; port: number; targetPort: number }[],
  selector: Record<string, string> = { app: name },
): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: ns, labels: { app: name } },
  spec: { selector, ports: ports.map((p) => ({ ...p, protocol: 'TCP' })) },
})

// Kyma's conversion webhook records the version an APIRule was written in; the official dashboard
// hides `v1beta1` ones by this annotation, so the demo objects carry it as a real cluster's would.
const apiRuleV2 = (ns: string, name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name, namespace: ns, annotations: { [ORIGINAL_VERSION]: 'v2' } },
  spec: { gateway: GATEWAY, ...spec },
})

const jwtAuth = {
  authentications: [
    { issuer: `https://auth.${DOMAIN}`, jwksUri: `https://auth.${DOMAIN}/.well-known/jwks.json` },
  ],
}

/** Objects that must exist before Functions' Services can point at them. */
export function baseObjects(): KubeObject[] {
  return [
    namespace('kyma-system'),
    namespace('istio-system'),
    namespace(DEMO_NAMESPACE, { 'istio-injection': 'enabled' }),
    namespace(SHOP_NAMESPACE, { 'istio-injection': 'enabled' }),
    {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'kyma-gateway', namespace: 'kyma-system' },
      spec: {
        selector: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
        servers: [
          {
            port: { number: 443, name: 'https', protocol: 'HTTPS' },
            tls: { mode: 'SIMPLE', credentialName: 'kyma-gateway-certs' },
            hosts: [`*.${DOMAIN}`],
          },
          {
            port: { number: 80, name: 'http', protocol: 'HTTP' },
            tls: { httpsRedirect: true },
            hosts: [`*.${DOMAIN}`],
          },
        ],
      },
    },
    // The mesh config lists the external authorizers that `extAuth` rules may name.
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'istio', namespace: 'istio-system' },
      data: {
        mesh: [
          'extensionProviders:',
          '- name: oauth2-proxy',
          '  envoyExtAuthzHttp:',
          '    service: oauth2-proxy.oauth2-proxy.svc.cluster.local',
          '    port: 80',
          '    includeRequestHeadersInCheck: [authorization, cookie]',
          // A gRPC provider: the controller refuses it for extAuth (only envoyExtAuthzHttp).
          '- name: grpc-authz',
          '  envoyExtAuthzGrpc:',
          '    service: authz.authz.svc.cluster.local',
          '    port: 9000',
          '',
        ].join('\n'),
      },
    },
    service(DEMO_NAMESPACE, 'hello-kyma-svc', [{ name: 'http', port: 80, targetPort: 8080 }], {
      app: 'hello-kyma',
    }),
    service(DEMO_NAMESPACE, 'orders', [
      { name: 'http', port: 80, targetPort: 8080 },
      { name: 'metrics', port: 9090, targetPort: 9090 },
    ]),
    service(DEMO_NAMESPACE, 'catalog', [{ name: 'http', port: 8080, targetPort: 8080 }]),
    service(SHOP_NAMESPACE, 'storefront', [{ name: 'http', port: 80, targetPort: 3000 }]),
    ...readyEndpointSlices(),
  ]
}

/**
 * The local cluster has no nodes, so no Pod ever runs and no Service gets a ready endpoint: the
 * editor would warn "no ready endpoints" on every demo rule. One hand-written ready endpoint per
 * demo Service (managed-by another name, so the EndpointSlice controller leaves it alone).
 */
function readyEndpointSlices(): KubeObject[] {
  const slice = (ns: string, svc: string, port: number, ip: string): KubeObject => ({
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${svc}-demo`,
      namespace: ns,
      labels: {
        'kubernetes.io/service-name': svc,
        'endpointslice.kubernetes.io/managed-by': 'kyma-apirules-dashboard-demo',
      },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port, protocol: 'TCP' }],
    endpoints: [{ addresses: [ip], conditions: { ready: true } }],
  })
  return [
    slice(DEMO_NAMESPACE, 'hello-kyma-svc', 8080, '10.1.0.10'),
    slice(DEMO_NAMESPACE, 'orders', 8080, '10.1.0.11'),
    slice(DEMO_NAMESPACE, 'catalog', 8080, '10.1.0.12'),
    slice(DEMO_NAMESPACE, 'hello', 8080, '10.1.0.13'),
    slice(DEMO_NAMESPACE, 'greeter', 8080, '10.1.0.14'),
    slice(SHOP_NAMESPACE, 'storefront', 3000, '10.1.0.15'),
  ]
}

export const DEMO_FUNCTIONS = ['hello', 'greeter'] as const

/** The Service the `inventory` APIRule names and nobody created: its status is the controller's Error. */
export const MISSING_SERVICE = 'inventory'
/** Demo APIRules the controller does not make Ready: the v1beta1 leftover and the broken one. */
export const NOT_READY_DEMO_RULES = ['my-api-rule', 'inventory'] as const

export function functionObjects(): KubeObject[] {
  const fn = (
    name: string,
    runtime: string,
    source: string,
    dependencies?: string,
  ): KubeObject => ({
    apiVersion: 'serverless.kyma-project.io/v1alpha2',
    kind: 'Function',
    metadata: { name, namespace: DEMO_NAMESPACE, labels: { app: name } },
    spec: { runtime, source: { inline: { source, ...(dependencies ? { dependencies } : {}) } } },
  })
  return [
    fn(
      'hello',
      'nodejs22',
      'module.exports = {\n  main: async function (event, context) {\n    return "Hello Kyma!"\n  }\n}\n',
      '{ "name": "hello", "version": "1.0.0", "dependencies": {} }',
    ),
    fn('greeter', 'python312', 'def main(event, context):\n    return "Hello from Python!"\n'),
  ]
}

/** The Service the Function controller would create: same name, port 80 → 8080, owned by it. */
export function functionService(fn: KubeObject): KubeObject {
  const name = fn.metadata.name
  const labels = {
    [FUNCTION_LABEL]: name,
    'serverless.kyma-project.io/managed-by': 'function-controller',
    'serverless.kyma-project.io/resource': 'deployment',
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace: fn.metadata.namespace,
      labels: {
        ...fn.metadata.labels,
        ...labels,
        'serverless.kyma-project.io/uuid': fn.metadata.uid ?? '',
      },
      ownerReferences: [
        {
          apiVersion: fn.apiVersion,
          kind: fn.kind,
          name,
          uid: fn.metadata.uid,
          controller: true,
          blockOwnerDeletion: false,
        },
      ],
    },
    spec: {
      selector: labels,
      ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }],
    },
  }
}

export function apiRuleObjects(): KubeObject[] {
  const ns = DEMO_NAMESPACE
  return [
    apiRuleV2(ns, 'hello', {
      hosts: [`hello.${DOMAIN}`],
      service: { name: 'hello', namespace: ns, port: 80 },
      rules: [{ path: '/*', methods: ['GET', 'POST'], noAuth: true }],
    }),
    apiRuleV2(ns, 'orders', {
      hosts: [`orders.${DOMAIN}`],
      service: { name: 'orders', port: 80 },
      rules: [
        {
          path: '/orders/{**}',
          methods: ['GET'],
          jwt: {
            ...jwtAuth,
            authorizations: [{ requiredScopes: ['orders:read'], audiences: ['orders'] }],
          },
        },
        {
          path: '/orders',
          methods: ['POST'],
          jwt: { ...jwtAuth, authorizations: [{ requiredScopes: ['orders:write'] }] },
        },
      ],
    }),
    apiRuleV2(ns, 'orders-admin', {
      hosts: [`orders-admin.${DOMAIN}`],
      service: { name: 'orders', port: 80 },
      rules: [
        {
          path: '/admin/{**}',
          methods: ['GET', 'PUT', 'DELETE'],
          extAuth: { authorizers: ['oauth2-proxy'], restrictions: jwtAuth },
        },
      ],
    }),
    apiRuleV2(ns, 'catalog', {
      hosts: [`catalog.${DOMAIN}`],
      service: { name: 'catalog', port: 8080 },
      timeout: 300,
      corsPolicy: {
        allowOrigins: [{ exact: `https://shop.${DOMAIN}` }, { regex: '.*\\.example\\.com' }],
        allowMethods: ['GET', 'OPTIONS'],
        allowHeaders: ['Authorization', 'Content-Type'],
        exposeHeaders: ['X-Request-Id'],
        allowCredentials: true,
        maxAge: 600,
      },
      rules: [{ path: '/products/{*}', methods: ['GET', 'OPTIONS'], noAuth: true, timeout: 30 }],
    }),
    // Several rules on one host; order matters (earlier wins), so specific paths come first.
    apiRuleV2(ns, 'hello-kyma', {
      hosts: ['hello-kyma-api'],
      service: { name: 'hello-kyma-svc', port: 80 },
      rules: [
        { path: '/healthz', methods: ['GET'], noAuth: true, timeout: 5 },
        {
          path: '/metrics',
          methods: ['GET'],
          noAuth: true,
          service: { name: 'orders', port: 9090 },
        },
        {
          path: '/api/{**}',
          methods: ['POST', 'PUT', 'PATCH', 'DELETE'],
          jwt: { ...jwtAuth, authorizations: [{ audiences: ['hello-kyma'] }] },
        },
        {
          path: '/*',
          methods: ['GET'],
          noAuth: true,
          request: { headers: { 'X-Served-By': 'hello-kyma' } },
        },
      ],
    }),
    // Points at a Service that does not exist, so the controller reports a real Error.
    apiRuleV2(ns, 'inventory', {
      hosts: [`inventory.${DOMAIN}`],
      service: { name: MISSING_SERVICE, port: 80 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    }),
    // The API Gateway lesson's example, as written back then.
    {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: {
        name: 'my-api-rule',
        namespace: ns,
        annotations: { [ORIGINAL_VERSION]: 'v1beta1' },
      },
      spec: {
        host: 'hello-kyma',
        gateway: GATEWAY,
        service: { name: 'hello-kyma-svc', port: 80 },
        rules: [
          {
            path: '/.*',
            methods: ['GET'],
            // No `mutators: []`: the controller's conversion drops empty lists, and the demo
            // object must read back exactly as written.
            accessStrategies: [{ handler: 'allow', config: {} }],
          },
        ],
      },
    },
    apiRuleV2(SHOP_NAMESPACE, 'storefront', {
      hosts: [`shop.${DOMAIN}`],
      service: { name: 'storefront', port: 80 },
      rules: [{ path: '/*', methods: ['GET', 'HEAD'], noAuth: true }],
    }),
  ]
}
