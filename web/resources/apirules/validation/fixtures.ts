// APIRules for proving the client validator agrees with the API server. `valid` is what admission
// by the CRD (OpenAPI schema + CEL + ObjectMeta rules) decides; the controller's later checks do not
// change it. Objects carry no namespace: the test creates each in its own namespace.
// v1beta1 fixtures assume no api-gateway admission webhook (since 3.4.0 that webhook rejects every
// v1beta1 write); filter on `version` when the webhook runs.

export interface ApiRuleFixture {
  /** Unique; also the object's metadata.name, except where the name itself is under test. */
  name: string
  version: 'v2' | 'v1beta1'
  valid: boolean
  /** Why the API server accepts or rejects it. */
  why: string
  /** For invalid fixtures: field paths (`spec.rules[0]`) the client reports errors at. */
  errorPaths?: string[]
  object: Record<string, unknown>
}

type Spec = Record<string, unknown>

const GATEWAY = 'kyma-system/kyma-gateway'
const SERVICE = { name: 'httpbin', port: 8000 }
const RULE = { path: '/*', methods: ['GET'], noAuth: true }

function v2(name: string, spec: Spec, metadata: Record<string, unknown> = {}) {
  return {
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name, ...metadata },
    spec,
  }
}

function base(over: Spec = {}): Spec {
  return { hosts: ['httpbin'], service: SERVICE, gateway: GATEWAY, rules: [RULE], ...over }
}

function v1(name: string, spec: Spec) {
  return {
    apiVersion: 'gateway.kyma-project.io/v1beta1',
    kind: 'APIRule',
    metadata: { name },
    spec,
  }
}

function v1base(over: Spec = {}): Spec {
  return {
    host: 'httpbin.local.kyma.dev',
    gateway: GATEWAY,
    service: SERVICE,
    rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
    ...over,
  }
}

const JWT = {
  authentications: [
    {
      issuer: 'https://auth.example.com',
      jwksUri: 'https://auth.example.com/.well-known/jwks.json',
      fromHeaders: [{ name: 'X-Token', prefix: 'Bearer ' }],
    },
  ],
  authorizations: [{ requiredScopes: ['read'], audiences: ['api'] }],
}

type Def = Omit<ApiRuleFixture, 'object' | 'version'> & {
  spec: Spec
  meta?: Record<string, unknown>
}

const v2Defs: Def[] = [
  { name: 'v2-noauth-minimal', valid: true, why: 'minimal v2 APIRule', spec: base() },
  {
    name: 'v2-fqdn-host',
    valid: true,
    why: 'FQDN host',
    spec: base({ hosts: ['httpbin.local.kyma.dev'] }),
  },
  {
    name: 'v2-wildcard-host',
    valid: true,
    why: 'wildcard host',
    spec: base({ hosts: ['*.example.com'] }),
  },
  {
    name: 'v2-jwt',
    valid: true,
    why: 'JWT with authentications and authorizations',
    spec: base({ rules: [{ path: '/api/{**}', methods: ['GET', 'POST'], jwt: JWT }] }),
  },
  {
    name: 'v2-extauth',
    valid: true,
    why: 'extAuth with restrictions',
    spec: base({
      rules: [
        {
          path: '/ext',
          methods: ['GET'],
          extAuth: { authorizers: ['oauth2-proxy'], restrictions: JWT },
        },
      ],
    }),
  },
  {
    name: 'v2-cors',
    valid: true,
    why: 'full CORS policy, maxAge in seconds',
    spec: base({
      corsPolicy: {
        allowOrigins: [
          { exact: 'https://a.example.com' },
          { prefix: 'https://b' },
          { regex: '.*\\.c\\.com' },
        ],
        allowMethods: ['GET', 'POST'],
        allowHeaders: ['Authorization'],
        exposeHeaders: ['X-Id'],
        allowCredentials: true,
        maxAge: 300,
      },
    }),
  },
  {
    name: 'v2-rule-services',
    valid: true,
    why: 'no spec.service, every rule has one',
    spec: {
      hosts: ['svc'],
      gateway: GATEWAY,
      rules: [
        { path: '/a', methods: ['GET'], noAuth: true, service: { name: 'a', port: 80 } },
        {
          path: '/b',
          methods: ['GET'],
          noAuth: true,
          service: { name: 'b', namespace: 'other', port: 8080 },
        },
      ],
    },
  },
  {
    name: 'v2-external-gateway',
    valid: true,
    why: 'externalGateway in namespace/name form',
    spec: {
      hosts: ['ext.example.com'],
      service: SERVICE,
      externalGateway: 'ns1/ext-gw',
      rules: [RULE],
    },
  },
  {
    name: 'v2-path-operators',
    valid: true,
    why: '{*}, {**} and literal paths',
    spec: base({
      rules: [
        { path: '/foo/{*}/bar', methods: ['GET'], noAuth: true },
        { path: '/foo/{**}', methods: ['PUT', 'DELETE'], noAuth: true },
        { path: '/a-b_c.d~e', methods: ['HEAD'], noAuth: true },
        { path: '/enc%20oded', methods: ['PATCH'], noAuth: true },
      ],
    }),
  },
  {
    name: 'v2-timeouts',
    valid: true,
    why: 'spec and rule timeouts within 1..3900',
    spec: base({ timeout: 300, rules: [{ ...RULE, timeout: 3900 }] }),
  },
  {
    name: 'v2-request-modifiers',
    valid: true,
    why: 'request headers and cookies',
    spec: base({
      rules: [{ ...RULE, request: { headers: { 'X-A': 'b' }, cookies: { session: 'x' } } }],
    }),
  },
  {
    name: 'v2-noauth-false-with-jwt',
    valid: true,
    why: 'noAuth: false does not count as an access strategy',
    spec: base({ rules: [{ path: '/*', methods: ['GET'], noAuth: false, jwt: JWT }] }),
  },
  {
    name: 'v2-no-gateway',
    valid: true,
    why: 'gateway is optional in the schema (the controller rejects it later)',
    spec: { hosts: ['httpbin'], service: SERVICE, rules: [RULE] },
  },
  {
    name: 'v2-labels-annotations',
    valid: true,
    why: 'labels and annotations with prefixes',
    spec: base(),
    meta: {
      labels: { 'app.kubernetes.io/name': 'httpbin' },
      annotations: { 'example.com/note': 'a b c' },
    },
  },
  {
    name: 'v2-all-methods',
    valid: true,
    why: 'every allowed method',
    spec: base({
      rules: [
        {
          path: '/*',
          methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'],
          noAuth: true,
        },
      ],
    }),
  },
  // ---- invalid ----
  {
    name: 'v2-no-access',
    valid: false,
    why: 'CEL: no access strategy',
    errorPaths: ['spec.rules[0]'],
    spec: base({ rules: [{ path: '/*', methods: ['GET'] }] }),
  },
  {
    name: 'v2-noauth-false-only',
    valid: false,
    why: 'CEL: noAuth false alone',
    errorPaths: ['spec.rules[0]'],
    spec: base({ rules: [{ path: '/*', methods: ['GET'], noAuth: false }] }),
  },
  {
    name: 'v2-noauth-and-jwt',
    valid: false,
    why: 'CEL: two access strategies',
    errorPaths: ['spec.rules[0]'],
    spec: base({ rules: [{ path: '/*', methods: ['GET'], noAuth: true, jwt: JWT }] }),
  },
  {
    name: 'v2-jwt-and-extauth',
    valid: false,
    why: 'CEL: jwt and extAuth together',
    errorPaths: ['spec.rules[1]'],
    spec: base({
      rules: [RULE, { path: '/x', methods: ['GET'], jwt: JWT, extAuth: { authorizers: ['a'] } }],
    }),
  },
  {
    name: 'v2-gateway-bad-format',
    valid: false,
    why: 'CEL: gateway not namespace/name',
    errorPaths: ['spec.gateway'],
    spec: base({ gateway: 'kyma-gateway' }),
  },
  {
    name: 'v2-external-gateway-bad-format',
    valid: false,
    why: 'CEL: externalGateway not namespace/name',
    errorPaths: ['spec.externalGateway'],
    spec: { hosts: ['x.example.com'], service: SERVICE, externalGateway: 'ext.gw', rules: [RULE] },
  },
  {
    name: 'v2-host-uppercase',
    valid: false,
    why: 'CEL: host must be lowercase',
    errorPaths: ['spec.hosts[0]'],
    spec: base({ hosts: ['My-Host'] }),
  },
  {
    name: 'v2-host-underscore',
    valid: false,
    why: 'CEL: underscore in host',
    errorPaths: ['spec.hosts[0]'],
    spec: base({ hosts: ['my_host.example.com'] }),
  },
  {
    name: 'v2-two-hosts',
    valid: false,
    why: 'schema: hosts maxItems 1',
    errorPaths: ['spec.hosts'],
    spec: base({ hosts: ['a.example.com', 'b.example.com'] }),
  },
  {
    name: 'v2-empty-hosts',
    valid: false,
    why: 'schema: hosts minItems 1',
    errorPaths: ['spec.hosts'],
    spec: base({ hosts: [] }),
  },
  {
    name: 'v2-missing-rules',
    valid: false,
    why: 'schema: rules required',
    errorPaths: ['spec.rules'],
    spec: { hosts: ['httpbin'], service: SERVICE, gateway: GATEWAY },
  },
  {
    name: 'v2-empty-rules',
    valid: false,
    why: 'schema: rules minItems 1',
    errorPaths: ['spec.rules'],
    spec: base({ rules: [] }),
  },
  {
    name: 'v2-regex-path',
    valid: false,
    why: 'schema: v1beta1 regex path in v2',
    errorPaths: ['spec.rules[0].path'],
    spec: base({ rules: [{ ...RULE, path: '/.*' }] }),
  },
  {
    name: 'v2-partial-star-path',
    valid: false,
    why: 'schema: * inside a segment',
    errorPaths: ['spec.rules[0].path'],
    spec: base({ rules: [{ ...RULE, path: '/foo*' }] }),
  },
  {
    name: 'v2-bad-method',
    valid: false,
    why: 'schema: method enum',
    errorPaths: ['spec.rules[0].methods[0]'],
    spec: base({ rules: [{ ...RULE, methods: ['FETCH'] }] }),
  },
  {
    name: 'v2-empty-methods',
    valid: false,
    why: 'schema: methods minItems 1',
    errorPaths: ['spec.rules[0].methods'],
    spec: base({ rules: [{ ...RULE, methods: [] }] }),
  },
  {
    name: 'v2-port-zero',
    valid: false,
    why: 'schema: port minimum 1',
    errorPaths: ['spec.service.port'],
    spec: base({ service: { name: 'httpbin', port: 0 } }),
  },
  {
    name: 'v2-port-string',
    valid: false,
    why: 'schema: port must be an integer',
    errorPaths: ['spec.service.port'],
    spec: base({ service: { name: 'httpbin', port: '8000' } }),
  },
  {
    name: 'v2-service-missing-port',
    valid: false,
    why: 'schema: service.port required',
    errorPaths: ['spec.service.port'],
    spec: base({ service: { name: 'httpbin' } }),
  },
  {
    name: 'v2-service-bad-namespace',
    valid: false,
    why: 'schema: service.namespace pattern',
    errorPaths: ['spec.service.namespace'],
    spec: base({ service: { ...SERVICE, namespace: 'Bad_NS' } }),
  },
  {
    name: 'v2-timeout-too-big',
    valid: false,
    why: 'schema: timeout maximum 3900',
    errorPaths: ['spec.timeout'],
    spec: base({ timeout: 4000 }),
  },
  {
    name: 'v2-extauth-no-authorizers',
    valid: false,
    why: 'schema: extAuth.authorizers required',
    errorPaths: ['spec.rules[0].extAuth.authorizers'],
    spec: base({ rules: [{ path: '/*', methods: ['GET'], extAuth: {} }] }),
  },
  {
    name: 'v2-jwt-missing-jwksuri',
    valid: false,
    why: 'schema: authentications[].jwksUri required',
    errorPaths: ['spec.rules[0].jwt.authentications[0].jwksUri'],
    spec: base({
      rules: [
        {
          path: '/*',
          methods: ['GET'],
          jwt: { authentications: [{ issuer: 'https://a.example.com' }] },
        },
      ],
    }),
  },
  {
    name: 'v2-cors-maxage-duration',
    valid: false,
    why: 'schema: v2 maxAge is an integer, not "300s"',
    errorPaths: ['spec.corsPolicy.maxAge'],
    spec: base({ corsPolicy: { maxAge: '300s' } }),
  },
  {
    name: 'v2-cors-maxage-zero',
    valid: false,
    why: 'schema: maxAge minimum 1',
    errorPaths: ['spec.corsPolicy.maxAge'],
    spec: base({ corsPolicy: { maxAge: 0 } }),
  },
  {
    name: 'v2-bad-name',
    valid: false,
    why: 'metadata.name must be a DNS subdomain',
    errorPaths: ['metadata.name'],
    spec: base(),
    meta: { name: 'Bad_Name' },
  },
  {
    name: 'v2-missing-spec',
    valid: false,
    why: 'schema: v2 requires spec',
    errorPaths: ['spec'],
    spec: {},
  },
  {
    name: 'v2-unknown-fromparameters',
    valid: false,
    why: 'fieldValidation=Strict: fromParameters is not in the schema (fromParams is)',
    errorPaths: ['spec.rules[0].jwt.authentications[0].fromParameters'],
    spec: base({
      rules: [
        {
          path: '/*',
          methods: ['GET'],
          jwt: {
            authentications: [
              {
                issuer: 'https://a.example.com',
                jwksUri: 'https://a.example.com/jwks',
                fromParameters: ['token'],
              },
            ],
          },
        },
      ],
    }),
  },
  {
    name: 'v2-unknown-spec-field',
    valid: false,
    why: 'fieldValidation=Strict: spec.x is not in the schema',
    errorPaths: ['spec.x'],
    spec: base({ x: 'kept?' }),
  },
  {
    name: 'v2-unknown-metadata-field',
    valid: false,
    why: 'fieldValidation=Strict: metadata.lables is not an ObjectMeta field',
    errorPaths: ['metadata.lables'],
    spec: base(),
    meta: { lables: { app: 'x' } },
  },
]

const v1Defs: Def[] = [
  { name: 'v1beta1-allow', valid: true, why: 'classic v1beta1 allow rule', spec: v1base() },
  {
    name: 'v1beta1-jwt-ory',
    valid: true,
    why: 'Ory JWT config',
    spec: v1base({
      rules: [
        {
          path: '/api/.*',
          methods: ['GET'],
          accessStrategies: [
            {
              handler: 'jwt',
              config: {
                trusted_issuers: ['https://auth.example.com'],
                jwks_urls: ['https://auth.example.com/jwks'],
                required_scopes: ['read'],
              },
            },
          ],
        },
      ],
    }),
  },
  {
    name: 'v1beta1-jwt-istio-mutators',
    valid: true,
    why: 'Istio JWT config with header and cookie mutators',
    spec: v1base({
      rules: [
        {
          path: '/foo(.*)',
          methods: ['GET', 'POST'],
          accessStrategies: [{ handler: 'jwt', config: { authentications: JWT.authentications } }],
          mutators: [
            { handler: 'header', config: { headers: { 'X-A': 'b' } } },
            { handler: 'cookie', config: { cookies: { c: 'd' } } },
          ],
        },
      ],
    }),
  },
  {
    name: 'v1beta1-legacy-gateway',
    valid: true,
    why: 'legacy gateway name.namespace.svc.cluster.local',
    spec: v1base({ gateway: 'kyma-gateway.kyma-system.svc.cluster.local' }),
  },
  {
    name: 'v1beta1-cors-duration',
    valid: true,
    why: 'v1beta1 corsPolicy.maxAge is a duration string',
    spec: v1base({ corsPolicy: { allowOrigins: [{ regex: '.*' }], maxAge: '300s' } }),
  },
  {
    name: 'v1beta1-missing-access-strategies',
    valid: false,
    why: 'schema: accessStrategies required',
    errorPaths: ['spec.rules[0].accessStrategies'],
    spec: v1base({ rules: [{ path: '/.*', methods: ['GET'] }] }),
  },
  {
    name: 'v1beta1-missing-gateway',
    valid: false,
    why: 'schema: gateway required in v1beta1',
    errorPaths: ['spec.gateway'],
    spec: { host: 'httpbin.local.kyma.dev', service: SERVICE, rules: v1base().rules },
  },
  {
    name: 'v1beta1-short-host',
    valid: false,
    why: 'schema: host minLength 3',
    errorPaths: ['spec.host'],
    spec: v1base({ host: 'ab' }),
  },
  {
    name: 'v1beta1-bad-path',
    valid: false,
    why: 'schema: path must start with an allowed character',
    errorPaths: ['spec.rules[0].path'],
    spec: v1base({
      rules: [{ path: ':foo', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
    }),
  },
  {
    name: 'v1beta1-bad-maxage',
    valid: false,
    why: 'schema: maxAge must be a duration',
    errorPaths: ['spec.corsPolicy.maxAge'],
    spec: v1base({ corsPolicy: { maxAge: 'soon' } }),
  },
  {
    name: 'v1beta1-unknown-hosts',
    valid: false,
    why: 'fieldValidation=Strict: v1beta1 has host, not hosts',
    errorPaths: ['spec.hosts'],
    spec: v1base({ hosts: ['httpbin.local.kyma.dev'] }),
  },
  {
    name: 'v1beta1-free-strategy-config',
    valid: true,
    why: 'accessStrategies[].config keeps unknown fields (preserve-unknown-fields)',
    spec: v1base({
      rules: [
        {
          path: '/.*',
          methods: ['GET'],
          accessStrategies: [{ handler: 'jwt', config: { anything: { deep: 1 } } }],
        },
      ],
    }),
  },
  {
    name: 'v1beta1-bad-method',
    valid: false,
    why: 'schema: method enum',
    errorPaths: ['spec.rules[0].methods[0]'],
    spec: v1base({
      rules: [{ path: '/.*', methods: ['get'], accessStrategies: [{ handler: 'allow' }] }],
    }),
  },
]

export const APIRULE_FIXTURES: readonly ApiRuleFixture[] = [
  ...v2Defs.map(({ spec, meta, ...d }) => ({
    ...d,
    version: 'v2' as const,
    object:
      d.name === 'v2-missing-spec'
        ? (({ spec: _s, ...rest }) => rest)(v2(d.name, spec, meta))
        : v2(d.name, spec, meta),
  })),
  ...v1Defs.map(({ spec, meta: _m, ...d }) => ({
    ...d,
    version: 'v1beta1' as const,
    object: v1(d.name, spec),
  })),
]
