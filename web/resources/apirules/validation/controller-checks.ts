// Every check the Kyma API Gateway controller 3.10.0 makes on a v2 / v2alpha1 APIRule after
// admission (internal/validation/v2alpha1/**, the injection validator and the Service lookup it
// uses), as data. The editor's controller checks (controller.ts, controller-env.ts) take their
// words from here, so the editor says what the controller writes into `status.description`
// ("Attribute '<attribute>': <message>"). Every row makes the controller set `state: Error`; the
// editor shows it as an error, except an environment row whose objects the user cannot read (then
// a warning says the check could not be made). controller-checks.test.ts keeps the table complete
// against the vendored controller source.

export interface ControllerCheck {
  /** The controller's message, with Go's verbs (%s, %d, %v) where it fills something in. */
  message: string
  /** Texts the controller wraps into `message` (the `err=%s` of a failed lookup or parse). */
  parts?: readonly string[]
  /**
   * The controller's attribute path. `[i]`: the rule, `[k]`: the entry, `<name>`: the authorizer
   * as written. Note the controller's own names: `.extAuth.authentications` is the editor's
   * `extAuth.restrictions.authentications`, `.extAuth.externalAuthorizers` its `extAuth.authorizers`.
   */
  attribute: string
  /** When the controller reports it. */
  when: string
  /** Depends on other objects in the cluster (checked with and without them). */
  environment: boolean
  /**
   * What the editor does. `checked`: the same message at the same attribute; `admission`: the
   * CRD refuses the object first, so the controller never sees it (the editor's schema check says
   * so); `unreachable`: the controller never reports it for a v2 object (`when` says why), so the
   * editor does not either; `not-checked`: a failure of the controller's own reads, or of objects
   * the local cluster cannot hold, nothing the author can change.
   */
  editor: 'checked' | 'admission' | 'unreachable' | 'not-checked'
  /**
   * Where the words come from when not from the controller's validation: `discovery`, the
   * controller's Gateway lookup before validation (on failure it is the only failure reported);
   * `istio`, Istio's CRD refusing the object the controller generates (status "ApiRuleErrors: …").
   */
  stage?: 'discovery' | 'istio'
}

const RULE = '.spec.rules[i]'
const SIDECAR_FAILED = 'Failed to execute sidecar injection validation, err: %s'

const SHADOWED = 'never: the Gateway lookup before validation reports it first (see discovery*)'
const DROPPED =
  'never for v2: the conversion to v2alpha1 drops empty lists, so the controller sees none'

/** Keyed by a name the editor's code uses; the key means nothing to the controller. */
export const CONTROLLER_CHECKS = {
  discoveryNoGateway: {
    message: 'Either gateway or externalGateway must be specified',
    attribute: 'spec',
    when: 'neither or both of gateway and externalGateway (only this failure is reported)',
    environment: false,
    editor: 'checked',
    stage: 'discovery',
  },
  discoveryGateway: {
    message: 'Could not get specified Gateway',
    attribute: 'spec.gateway',
    when: 'spec.gateway is not an Istio Gateway the controller can get (only this failure is reported)',
    environment: true,
    editor: 'checked',
    stage: 'discovery',
  },
  discoveryExternalGateway: {
    message: 'Could not get specified ExternalGateway',
    attribute: 'spec.externalGateway',
    when: 'spec.externalGateway (namespace/name, or name in the APIRule namespace) does not exist, or ExternalGateways are not served',
    environment: true,
    editor: 'checked',
    stage: 'discovery',
  },
  discoveryGeneratedGateway: {
    message: 'Could not find generated Gateway for ExternalGateway (expected: %s/%s)',
    attribute: 'spec.externalGateway',
    when: 'the ExternalGateway exists but its generated Istio Gateway does not',
    environment: true,
    editor: 'not-checked',
    stage: 'discovery',
  },
  jwksScheme: {
    message: 'url must have scheme http:// or https://',
    attribute: `${RULE}.jwt.authentications[k].jwksUri`,
    when: "a jwksUri the controller's check accepts (`/jwks`, `mailto:x`) but Istio's RequestAuthentication refuses",
    environment: false,
    editor: 'checked',
    stage: 'istio',
  },
  emptySpec: {
    message: 'APIRule in version v2alpha1 contains an empty spec. To troubleshoot, see %s.',
    attribute: '.spec',
    when: 'spec has no field set',
    environment: false,
    editor: 'admission',
  },
  listExternalGateways: {
    message: 'Failed to list ExternalGateways: %v',
    attribute: '.spec',
    when: 'the controller cannot list ExternalGateways (their CRD is not installed)',
    environment: true,
    editor: 'not-checked',
  },
  noRules: {
    message: 'No rules defined',
    attribute: '.spec.rules',
    when: 'spec.rules is empty',
    environment: false,
    editor: 'admission',
  },
  ruleWithoutService: {
    message: 'The rule must define a service, because no service is defined on spec level',
    attribute: `${RULE}.service`,
    when: 'neither the rule nor spec has a service',
    environment: false,
    editor: 'checked',
  },
  serviceNameMissing: {
    message: SIDECAR_FAILED,
    parts: [
      'service name is required but missing',
      'finding service namespace: %w',
      'apiRule is nil',
    ],
    attribute: RULE,
    when: 'neither the rule nor spec has a service (reported beside the row above)',
    environment: false,
    editor: 'checked',
  },
  serviceNotFound: {
    message: SIDECAR_FAILED,
    // Kubernetes' NotFound from the controller's cache, not a literal of its source.
    parts: ['Service "%s" not found'],
    attribute: RULE,
    when: "the rule's Service (rule, else spec; namespace: rule, spec, APIRule) does not exist",
    environment: true,
    editor: 'checked',
  },
  noSelector: {
    message: 'Target service label selectors are not defined',
    attribute: `${RULE}.injection`,
    when: "the rule's Service has no selector",
    environment: true,
    editor: 'checked',
  },
  noSidecar: {
    message: 'Pod %s/%s does not have an injected istio sidecar',
    attribute: RULE,
    when: 'a Pod the Service selects has no istio-proxy container (one failure per Pod)',
    environment: true,
    editor: 'checked',
  },
  extAuthFailed: {
    message: 'Failed to execute external auth provider validation, err: %s',
    attribute: RULE,
    when: 'never in 3.10.0 (the provider check returns no error)',
    environment: true,
    editor: 'not-checked',
  },
  istioConfigMapMissing: {
    message: 'Failed to get Istio ConfigMap',
    attribute: `${RULE}.extAuth`,
    when: 'an extAuth rule, and ConfigMap istio-system/istio cannot be read',
    environment: true,
    editor: 'checked',
  },
  meshKeyMissing: {
    message: 'Istio ConfigMap does not contain mesh key',
    attribute: `${RULE}.extAuth.externalAuthorizers`,
    when: 'an extAuth rule, and the ConfigMap has no `mesh` key',
    environment: true,
    editor: 'checked',
  },
  meshUnparsable: {
    message: 'Failed to unmarshal mesh data',
    attribute: `${RULE}.extAuth.externalAuthorizers`,
    when: 'an extAuth rule, and `mesh` is not YAML of the mesh config shape',
    environment: true,
    editor: 'checked',
  },
  authorizerNotHttp: {
    message: 'EnvoyExtAuthzHttp not found in Istio ConfigMap mesh data for authorizer',
    attribute: `${RULE}.extAuth.externalAuthorizers.<name>`,
    when: 'the named extension provider has no envoyExtAuthzHttp (e.g. a gRPC one)',
    environment: true,
    editor: 'checked',
  },
  authorizerNotFound: {
    message: 'Authorizer not found in Istio ConfigMap mesh data',
    attribute: `${RULE}.extAuth.externalAuthorizers.<name>`,
    when: 'no extension provider of the mesh config has that name',
    environment: true,
    editor: 'checked',
  },
  oneDoubleStar: {
    message: 'Only one {**} operator is allowed in the path.',
    attribute: `${RULE}.path`,
    when: 'the path has {**} more than once',
    environment: false,
    editor: 'checked',
  },
  doubleStarLast: {
    message: 'The {**} operator must be the last operator in the path.',
    attribute: `${RULE}.path`,
    when: 'a {*} segment follows the {**} segment',
    environment: false,
    editor: 'checked',
  },
  pathConflict: {
    message: 'Path %s with method %s conflicts with at least one of the previous rule paths',
    attribute: '.spec.rules',
    when: 'an earlier rule with the same method (or both without methods) matches the path; /* is named /{**}; one failure',
    environment: false,
    editor: 'checked',
  },
  authorizationsEmpty: {
    message: 'authorizations defined, but no configuration exists',
    attribute: `${RULE}.jwt.authorizations`,
    when: DROPPED,
    environment: false,
    editor: 'unreachable',
  },
  authorizationNull: {
    message: 'authorization is empty',
    attribute: `${RULE}.jwt.authorizations[k]`,
    when: 'an authorizations entry is null',
    environment: false,
    editor: 'admission',
  },
  scopesEmpty: {
    message: 'value is empty',
    attribute: `${RULE}.jwt.authorizations[k].requiredScopes`,
    when: DROPPED,
    environment: false,
    editor: 'unreachable',
  },
  scopeEmpty: {
    message: 'scope value is empty',
    attribute: `${RULE}.jwt.authorizations[k].requiredScopes`,
    when: 'a requiredScopes entry is ""',
    environment: false,
    editor: 'checked',
  },
  audiencesEmpty: {
    message: 'value is empty',
    attribute: `${RULE}.jwt.authorizations[k].audiences`,
    when: DROPPED,
    environment: false,
    editor: 'unreachable',
  },
  audienceEmpty: {
    message: 'audience value is empty',
    attribute: `${RULE}.jwt.authorizations[k].audiences`,
    when: 'an audiences entry is ""',
    environment: false,
    editor: 'checked',
  },
  noAuthentication: {
    message: 'A JWT config must have at least one authentication',
    attribute: `${RULE}.jwt.authentications`,
    when: 'a jwt config (or extAuth restrictions) without authentications',
    environment: false,
    editor: 'checked',
  },
  issuerInvalid: {
    message: 'value is empty or not a valid uri err=%s',
    parts: ['value is empty'],
    attribute: `${RULE}.jwt.authentications[k].issuer`,
    when: 'issuer is "", or contains ":" and is not a request URI',
    environment: false,
    editor: 'checked',
  },
  jwksUriInvalid: {
    message: 'value is empty or not a valid uri err=%s',
    parts: ['value is empty'],
    attribute: `${RULE}.jwt.authentications[k].jwksUri`,
    when: 'jwksUri is "" or not a request URI',
    environment: false,
    editor: 'checked',
  },
  headersAndParams: {
    message: 'mixture of multiple fromHeaders and fromParams is not supported',
    attribute: `${RULE}.jwt.authentications[k].fromHeaders`,
    when: 'an authentication has fromHeaders (fromParams) after one with fromParams (fromHeaders); at the later field',
    environment: false,
    editor: 'checked',
  },
  multipleHeaders: {
    message: 'multiple fromHeaders are not supported',
    attribute: `${RULE}.jwt.authentications[k].fromHeaders`,
    when: 'more than one fromHeaders entry',
    environment: false,
    editor: 'checked',
  },
  multipleParams: {
    message: 'multiple fromParams are not supported',
    attribute: `${RULE}.jwt.authentications[k].fromParams`,
    when: 'more than one fromParams entry',
    environment: false,
    editor: 'checked',
  },
  jwtDiffer: {
    message: 'multiple jwt configurations that differ for the same issuer',
    attribute: `${RULE}.jwt.authentications[k]`,
    when: 'a jwt authentication with the issuer+jwksUri of an earlier one (any rule) but other fromHeaders/fromParams',
    environment: false,
    editor: 'checked',
  },
  noHosts: {
    message: 'No hosts defined',
    attribute: '.spec.hosts',
    when: 'spec.hosts is empty',
    environment: false,
    editor: 'admission',
  },
  shortHostNoGateway: {
    message: 'Unable to find Gateway "%s"',
    attribute: '.spec.hosts[k]',
    when: SHADOWED,
    environment: true,
    editor: 'unreachable',
  },
  shortHostGateway: {
    message:
      'Lowercase RFC 1123 label (short host) is only supported as the APIRule host when selected Gateway has a single host definition matching *.<fqdn> format',
    attribute: '.spec.hosts[k]',
    when: "a short host, and the Gateway's servers do not all have the one same *.<fqdn> host",
    environment: true,
    editor: 'checked',
  },
  hostInvalid: {
    message: 'Host must be a valid FQDN or short host name',
    attribute: '.spec.hosts[k]',
    when: 'a host that is neither a short host nor a (wildcard) FQDN',
    environment: false,
    editor: 'checked',
  },
  hostOccupied: {
    message: 'Host is occupied by another Virtual Service',
    attribute: '.spec.hosts[k]',
    when: 'a VirtualService not owned by this APIRule has the (completed) host; once per VirtualService',
    environment: true,
    editor: 'checked',
  },
  noGateway: {
    message: 'Either gateway or externalGateway must be specified',
    attribute: '.spec',
    when: SHADOWED,
    environment: false,
    editor: 'unreachable',
  },
  bothGateways: {
    message: 'Only one of gateway or externalGateway can be specified',
    attribute: '.spec',
    when: SHADOWED,
    environment: false,
    editor: 'unreachable',
  },
  gatewayNotFound: {
    message: 'Gateway not found',
    attribute: '.spec.gateway',
    when: SHADOWED,
    environment: true,
    editor: 'unreachable',
  },
  externalGatewayNotFound: {
    message: 'ExternalGateway not found',
    attribute: '.spec.externalGateway',
    when: SHADOWED,
    environment: true,
    editor: 'unreachable',
  },
} as const satisfies Record<string, ControllerCheck>

export type ControllerCheckId = keyof typeof CONTROLLER_CHECKS

/** Fills Go's %s / %v / %d / %w verbs in order, as fmt.Sprintf does for strings. */
export function goFormat(template: string, ...args: readonly (string | number)[]): string {
  let n = 0
  return template.replace(/%[sdvw]/g, () => String(args[n++] ?? ''))
}

/** The controller's message of `id`, filled in. */
export function controllerMessage(id: ControllerCheckId, ...args: (string | number)[]): string {
  return goFormat(CONTROLLER_CHECKS[id].message, ...args)
}
