// v2 APIRules for proving the editor's controller checks agree with the real controller: for every
// row of the table (controller-checks.ts) at least one the controller rejects and one it accepts.
// Environment rows point at objects the agreement test creates in its namespace (ENV_OBJECTS), or
// at ones that do not exist. Names and hosts are unique per fixture and namespace.
import type { ControllerCheckId } from './controller-checks.ts'

export interface ControllerFixture {
  /** Unique; the object's metadata.name. */
  name: string
  /** The table row it proves. */
  row: ControllerCheckId
  /** What the controller must say: Error (true) or Ready (false). */
  rejects: boolean
  /** The spec, given the test namespace. */
  spec: (ns: string) => Record<string, unknown>
}

type Spec = Record<string, unknown>

const GATEWAY = 'kyma-system/kyma-gateway'
const AUTH = { issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/jwks' }
const RULE = { path: '/*', methods: ['GET'], noAuth: true }

/** Objects of the test namespace the environment fixtures refer to. */
export const ENV_OBJECTS = (ns: string) => [
  svc('backend', { app: 'backend' }),
  svc('noselector', undefined),
  svc('nosidecar', { app: 'nosidecar' }),
  svc('withsidecar', { app: 'withsidecar' }),
  pod('nosidecar-0', 'nosidecar', ['app']),
  pod('withsidecar-0', 'withsidecar', ['app', 'istio-proxy']),
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: { name: 'two-domains' },
    spec: {
      selector: { istio: 'ingressgateway' },
      servers: [
        { port: { number: 443, name: 'a', protocol: 'HTTPS' }, hosts: ['*.a.example.com'] },
        { port: { number: 443, name: 'b', protocol: 'HTTPS' }, hosts: ['*.b.example.com'] },
      ],
    },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'taken' },
    spec: { hosts: [`taken.${ns}.local.kyma.dev`], http: [] },
  },
]

function svc(name: string, selector: Record<string, string> | undefined) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name },
    spec: { ...(selector ? { selector } : {}), ports: [{ port: 80, targetPort: 8080 }] },
  }
}

function pod(name: string, app: string, containers: string[]) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app } },
    spec: {
      automountServiceAccountToken: false,
      containers: containers.map((c) => ({ name: c, image: 'registry.invalid/none:1' })),
    },
  }
}

/** Builds a fixture whose host is `<name>.<ns>.local.kyma.dev` on the Kyma gateway, to `backend`. */
function fx(
  name: string,
  row: ControllerCheckId,
  rejects: boolean,
  over: Spec | ((ns: string) => Spec),
): ControllerFixture {
  return {
    name,
    row,
    rejects,
    spec: (ns) => ({
      hosts: [`${name}.${ns}.local.kyma.dev`],
      gateway: GATEWAY,
      service: { name: 'backend', port: 80 },
      rules: [RULE],
      ...(typeof over === 'function' ? over(ns) : over),
    }),
  }
}

const jwtRule = (jwt: Spec, extra: Spec = {}) => ({
  path: '/*',
  methods: ['GET'],
  jwt,
  ...extra,
})
const extRule = (authorizers: string[], restrictions?: Spec) => ({
  path: '/*',
  methods: ['GET'],
  extAuth: { authorizers, ...(restrictions ? { restrictions } : {}) },
})

export const CONTROLLER_FIXTURES: ControllerFixture[] = [
  // Admission refuses these before the controller sees them (the editor's schema says so).
  fx('c-no-rules', 'noRules', true, { rules: [] }),
  fx('c-no-hosts', 'noHosts', true, { hosts: [] }),
  fx('c-empty-spec', 'emptySpec', true, () => ({
    hosts: undefined,
    gateway: undefined,
    service: undefined,
    rules: undefined,
  })),
  fx('c-authz-null', 'authorizationNull', true, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [null] })],
  }),
  fx('c-rules-ok', 'noRules', false, {}),

  fx('c-no-service', 'ruleWithoutService', true, { service: undefined }),
  fx('c-rule-service', 'ruleWithoutService', false, {
    service: undefined,
    rules: [{ ...RULE, service: { name: 'backend', port: 80 } }],
  }),
  fx('c-svc-name-missing', 'serviceNameMissing', true, { service: undefined }),
  fx('c-svc-name-given', 'serviceNameMissing', false, {
    service: { name: 'backend', port: 80 },
  }),
  fx('c-svc-missing', 'serviceNotFound', true, { service: { name: 'missing', port: 80 } }),
  fx('c-svc-present', 'serviceNotFound', false, { service: { name: 'backend', port: 80 } }),
  fx('c-svc-no-selector', 'noSelector', true, { service: { name: 'noselector', port: 80 } }),
  fx('c-svc-selector', 'noSelector', false, { service: { name: 'backend', port: 80 } }),
  fx('c-svc-no-sidecar', 'noSidecar', true, { service: { name: 'nosidecar', port: 80 } }),
  fx('c-svc-sidecar', 'noSidecar', false, { service: { name: 'withsidecar', port: 80 } }),

  fx('c-authz-unknown', 'authorizerNotFound', true, { rules: [extRule(['no-such-authorizer'])] }),
  fx('c-authz-known', 'authorizerNotFound', false, { rules: [extRule(['oauth2-proxy'])] }),
  fx('c-authz-grpc', 'authorizerNotHttp', true, { rules: [extRule(['grpc-authz'])] }),
  fx('c-authz-http', 'authorizerNotHttp', false, { rules: [extRule(['oauth2-proxy'])] }),
  fx('c-authz-two', 'authorizerNotHttp', true, {
    rules: [extRule(['oauth2-proxy', 'grpc-authz', 'nope'])],
  }),

  fx('c-two-dstar', 'oneDoubleStar', true, { rules: [{ ...RULE, path: '/a/{**}/b/{**}' }] }),
  fx('c-one-dstar', 'oneDoubleStar', false, { rules: [{ ...RULE, path: '/a/{**}/b' }] }),
  fx('c-dstar-not-last', 'doubleStarLast', true, { rules: [{ ...RULE, path: '/a/{**}/{*}' }] }),
  fx('c-dstar-last', 'doubleStarLast', false, { rules: [{ ...RULE, path: '/{*}/a/{**}' }] }),

  fx('c-conflict', 'pathConflict', true, {
    rules: [RULE, { ...RULE, path: '/orders' }],
  }),
  fx('c-conflict-exact', 'pathConflict', true, {
    rules: [
      { ...RULE, path: '/a', methods: ['GET', 'POST'] },
      { ...RULE, path: '/a', methods: ['POST'] },
    ],
  }),
  fx('c-conflict-star', 'pathConflict', true, {
    rules: [
      { ...RULE, path: '/a/{*}/c' },
      { ...RULE, path: '/a/{**}/c' },
    ],
  }),
  fx('c-no-conflict', 'pathConflict', false, {
    rules: [
      { ...RULE, path: '/orders' },
      { ...RULE, path: '/*' },
      { ...RULE, path: '/*', methods: ['POST'] },
    ],
  }),

  fx('c-authzs-empty', 'authorizationsEmpty', false, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [] })],
  }),
  fx('c-scopes-empty', 'scopesEmpty', false, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ requiredScopes: [] }] })],
  }),
  fx('c-scope-empty', 'scopeEmpty', true, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ requiredScopes: ['a', ''] }] })],
  }),
  fx('c-scope-given', 'scopeEmpty', false, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ requiredScopes: ['a'] }] })],
  }),
  fx('c-aud-given', 'audienceEmpty', false, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ audiences: ['a'] }] })],
  }),
  fx('c-auds-empty', 'audiencesEmpty', false, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ audiences: [] }] })],
  }),
  fx('c-aud-empty', 'audienceEmpty', true, {
    rules: [jwtRule({ authentications: [AUTH], authorizations: [{ audiences: [''] }] })],
  }),
  fx('c-authz-ok', 'authorizationsEmpty', false, {
    rules: [
      jwtRule({
        authentications: [AUTH],
        authorizations: [{ requiredScopes: ['read'], audiences: ['app'] }],
      }),
    ],
  }),
  fx('c-no-authn', 'noAuthentication', true, {
    rules: [jwtRule({ authentications: [], authorizations: [{ audiences: ['a'] }] })],
  }),
  fx('c-ext-no-authn', 'noAuthentication', true, {
    rules: [extRule(['oauth2-proxy'], { authentications: [] })],
  }),
  fx('c-ext-authn', 'noAuthentication', false, {
    rules: [extRule(['oauth2-proxy'], { authentications: [AUTH] })],
  }),
  fx('c-issuer-empty', 'issuerInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, issuer: '' }] })],
  }),
  fx('c-issuer-bad-uri', 'issuerInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, issuer: 'auth example:8080' }] })],
  }),
  fx('c-issuer-blank', 'issuerInvalid', false, {
    rules: [jwtRule({ authentications: [{ ...AUTH, issuer: '   ' }] })],
  }),
  fx('c-issuer-plain', 'issuerInvalid', false, {
    rules: [jwtRule({ authentications: [{ ...AUTH, issuer: 'my-issuer' }] })],
  }),
  fx('c-jwks-empty', 'jwksUriInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: '' }] })],
  }),
  fx('c-jwks-relative', 'jwksUriInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: 'auth.example.com/jwks' }] })],
  }),
  fx('c-jwks-space-host', 'jwksUriInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: 'https://auth example.com/k' }] })],
  }),
  fx('c-jwks-blank', 'jwksUriInvalid', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: '   ' }] })],
  }),
  fx('c-jwks-path', 'jwksScheme', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: '/jwks' }] })],
  }),
  fx('c-jwks-ok', 'jwksUriInvalid', false, {
    rules: [
      jwtRule({ authentications: [{ ...AUTH, jwksUri: 'https://auth.example.com:8443/k?x=1' }] }),
    ],
  }),
  fx('c-jwks-mailto', 'jwksScheme', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, jwksUri: 'mailto:keys@example.com' }] })],
  }),
  fx('c-jwks-https', 'jwksScheme', false, { rules: [jwtRule({ authentications: [AUTH] })] }),
  fx('c-mixture', 'headersAndParams', true, {
    rules: [
      jwtRule({
        authentications: [
          { ...AUTH, fromParams: ['token'] },
          {
            issuer: 'https://b.example.com',
            jwksUri: 'https://b.example.com/k',
            fromHeaders: [{ name: 'X-T' }],
          },
        ],
      }),
    ],
  }),
  fx('c-one-each', 'headersAndParams', false, {
    rules: [
      jwtRule({
        authentications: [{ ...AUTH, fromHeaders: [{ name: 'X-T', prefix: 'Bearer ' }] }],
      }),
    ],
  }),
  fx('c-two-headers', 'multipleHeaders', true, {
    rules: [
      jwtRule({ authentications: [{ ...AUTH, fromHeaders: [{ name: 'A' }, { name: 'B' }] }] }),
    ],
  }),
  fx('c-one-header', 'multipleHeaders', false, {
    rules: [jwtRule({ authentications: [{ ...AUTH, fromHeaders: [{ name: 'A' }] }] })],
  }),
  fx('c-two-params', 'multipleParams', true, {
    rules: [jwtRule({ authentications: [{ ...AUTH, fromParams: ['a', 'b'] }] })],
  }),
  fx('c-one-param', 'multipleParams', false, {
    rules: [jwtRule({ authentications: [{ ...AUTH, fromParams: ['a'] }] })],
  }),
  // The Kyma test fixture the issue names: two authentications for one issuer that differ.
  fx('c-two-issuer', 'jwtDiffer', true, {
    rules: [
      jwtRule({ authentications: [AUTH] }),
      jwtRule(
        { authentications: [{ ...AUTH, fromHeaders: [{ name: 'X-Token' }] }] },
        { path: '/other' },
      ),
    ],
  }),
  fx('c-same-issuer', 'jwtDiffer', false, {
    rules: [
      jwtRule({ authentications: [AUTH] }, { path: '/a' }),
      jwtRule({ authentications: [AUTH], authorizations: [{ audiences: ['x'] }] }, { path: '/b' }),
    ],
  }),

  fx('c-short-no-gw', 'discoveryGateway', true, (ns) => ({
    hosts: [`s1-${ns}`.slice(0, 63)],
    gateway: 'kyma-system/no-such-gateway',
  })),
  fx('c-short-two-domains', 'shortHostGateway', true, (ns) => ({
    hosts: [`s2-${ns}`.slice(0, 63)],
    gateway: `${ns}/two-domains`,
  })),
  fx('c-short-kyma', 'shortHostGateway', false, (ns) => ({ hosts: [`s3-${ns}`.slice(0, 63)] })),
  fx('c-long-two-domains', 'shortHostGateway', false, (ns) => ({
    hosts: [`x.${ns}.a.example.com`],
    gateway: `${ns}/two-domains`,
  })),
  fx('c-host-invalid', 'hostInvalid', true, { hosts: ['Upper.Example.com'] }),
  fx('c-host-wildcard', 'hostInvalid', false, (ns) => ({ hosts: [`*.w.${ns}.local.kyma.dev`] })),
  fx('c-host-taken', 'hostOccupied', true, (ns) => ({ hosts: [`taken.${ns}.local.kyma.dev`] })),
  fx('c-host-free', 'hostOccupied', false, {}),

  fx('c-no-gateway', 'discoveryNoGateway', true, { gateway: undefined }),
  fx('c-both-gateways', 'discoveryNoGateway', true, { externalGateway: 'kyma-system/ext' }),
  fx('c-gw-missing', 'discoveryGateway', true, { gateway: 'kyma-system/no-such-gateway' }),
  fx('c-gw-present', 'discoveryGateway', false, {}),
  fx('c-one-gateway', 'discoveryNoGateway', false, {}),
  fx('c-egw-missing', 'discoveryExternalGateway', true, {
    gateway: undefined,
    externalGateway: 'kyma-system/no-such-external',
  }),
]
