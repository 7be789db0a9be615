// For every CEL rule of the bundled CRD: APIRules that pass it and APIRules that fail it, each
// otherwise valid, so the rule under test is the only thing admission can object to. cel.test.ts
// runs them through the editor's CEL engine, cel.int.test.ts through the API server's dry run.

export interface CelRuleFixture {
  /** The CRD version and the rule's schema location (`spec.hosts[*]`), as crdCelRules() says. */
  version: 'v2' | 'v2alpha1'
  at: string
  name: string
  /** Document path of the failing value ('' when the fixture passes). */
  failsAt?: string
  object: Record<string, unknown>
}

type Spec = Record<string, unknown>

function apiRule(version: string, name: string, over: Spec): Record<string, unknown> {
  return {
    apiVersion: `gateway.kyma-project.io/${version}`,
    kind: 'APIRule',
    metadata: { name },
    spec: {
      hosts: ['httpbin'],
      service: { name: 'httpbin', port: 8000 },
      gateway: 'kyma-system/kyma-gateway',
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
      ...over,
    },
  }
}

const JWT = {
  authentications: [
    { issuer: 'https://auth.example.com', jwksUri: 'https://auth.example.com/jwks.json' },
  ],
}

/** Per rule: [fixture name suffix, spec override, failing path or undefined]. */
const CASES: Record<string, [string, Spec, string | undefined][]> = {
  'spec.gateway': [
    ['namespaced', { gateway: 'ns1/gw-2' }, undefined],
    ['no-namespace', { gateway: 'kyma-gateway' }, 'spec.gateway'],
    ['three-parts', { gateway: 'a/b/c' }, 'spec.gateway'],
    ['uppercase', { gateway: 'Kyma/gw' }, 'spec.gateway'],
  ],
  'spec.externalGateway': [
    ['namespaced', { externalGateway: 'ns1/ext-gw' }, undefined],
    ['no-namespace', { externalGateway: 'ext-gw' }, 'spec.externalGateway'],
    ['too-long', { externalGateway: `${'a'.repeat(64)}/b` }, 'spec.externalGateway'],
  ],
  'spec.hosts[*]': [
    ['short', { hosts: ['httpbin'] }, undefined],
    ['fqdn', { hosts: ['a.example.com'] }, undefined],
    ['wildcard', { hosts: ['*.example.com'] }, undefined],
    ['uppercase', { hosts: ['My-Host'] }, 'spec.hosts[0]'],
    ['underscore', { hosts: ['a_b'] }, 'spec.hosts[0]'],
    ['wildcard-tld', { hosts: ['*.com'] }, 'spec.hosts[0]'],
    ['trailing-dot', { hosts: ['foo.'] }, 'spec.hosts[0]'],
  ],
  'spec.rules[*]': [
    ['jwt', { rules: [{ path: '/*', methods: ['GET'], jwt: JWT }] }, undefined],
    [
      'noauth-false-extauth',
      { rules: [{ path: '/*', methods: ['GET'], noAuth: false, extAuth: { authorizers: ['x'] } }] },
      undefined,
    ],
    ['nothing', { rules: [{ path: '/*', methods: ['GET'] }] }, 'spec.rules[0]'],
    ['noauth-false', { rules: [{ path: '/*', methods: ['GET'], noAuth: false }] }, 'spec.rules[0]'],
    [
      'noauth-and-jwt',
      {
        rules: [
          { path: '/a', methods: ['GET'], noAuth: true },
          { path: '/*', methods: ['GET'], noAuth: true, jwt: JWT },
        ],
      },
      'spec.rules[1]',
    ],
  ],
}

export const CEL_RULE_FIXTURES: CelRuleFixture[] = (['v2', 'v2alpha1'] as const).flatMap(
  (version) =>
    Object.entries(CASES).flatMap(([at, cases]) =>
      cases.map(([suffix, spec, failsAt]) => {
        const name = `cel-${version}-${at.replace(/[^a-z]+/gi, '-')}-${suffix}`.toLowerCase()
        return {
          version,
          at,
          name,
          ...(failsAt ? { failsAt } : {}),
          object: apiRule(version, name.replace(/-+$/, ''), spec),
        }
      }),
    ),
)
