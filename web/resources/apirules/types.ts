// APIRule (gateway.kyma-project.io) in the versions a cluster serves: v2 (= v2alpha1) and the
// deprecated v1beta1. Field-by-field reference: shared docs "apirule-api.md".
import type { K8sObject } from '../../api/k8s-types.ts'

export const APIRULE_GROUP = 'gateway.kyma-project.io'
export type ApiRuleVersion = 'v2' | 'v2alpha1' | 'v1beta1'

export const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
] as const
export type HttpMethod = (typeof HTTP_METHODS)[number]

/** Annotations the Kyma controller / conversion webhook keeps on APIRules. */
export const ORIGINAL_VERSION_ANNOTATION = 'gateway.kyma-project.io/original-version'
export const V1BETA1_SPEC_ANNOTATION = 'gateway.kyma-project.io/v1beta1-spec'
/** Labels on the objects the controller generates for an APIRule. */
export const GENERATED_NAME_LABEL = 'apirule.gateway.kyma-project.io/name'
export const GENERATED_NAMESPACE_LABEL = 'apirule.gateway.kyma-project.io/namespace'

export interface ApiRuleService {
  name: string
  namespace?: string
  port: number
  external?: boolean
}

// ---- v2 / v2alpha1 ----

export interface JwtAuthentication {
  issuer: string
  jwksUri: string
  fromHeaders?: { name: string; prefix?: string }[]
  fromParams?: string[]
}

export interface JwtAuthorization {
  requiredScopes?: string[]
  audiences?: string[]
}

export interface JwtConfig {
  authentications?: JwtAuthentication[]
  authorizations?: JwtAuthorization[]
}

export interface ExtAuth {
  authorizers: string[]
  restrictions?: JwtConfig
}

export interface RuleRequest {
  headers?: Record<string, string>
  cookies?: Record<string, string>
}

export interface ApiRuleV2Rule {
  path: string
  methods: HttpMethod[]
  service?: ApiRuleService
  noAuth?: boolean
  jwt?: JwtConfig
  extAuth?: ExtAuth
  timeout?: number
  request?: RuleRequest
}

/** Each origin matcher is one of exact/prefix/regex. */
export type CorsOrigin = Partial<Record<'exact' | 'prefix' | 'regex', string>>

export interface CorsPolicyV2 {
  allowOrigins?: CorsOrigin[]
  allowMethods?: string[]
  allowHeaders?: string[]
  exposeHeaders?: string[]
  allowCredentials?: boolean
  /** Seconds (an integer in v2; a duration string in v1beta1). */
  maxAge?: number
}

export interface ApiRuleV2Spec {
  hosts: string[]
  service?: ApiRuleService
  gateway?: string
  externalGateway?: string
  corsPolicy?: CorsPolicyV2
  rules: ApiRuleV2Rule[]
  timeout?: number
}

export type ApiRuleV2State = 'Ready' | 'Error' | 'Warning' | 'Processing' | 'Deleting'

export interface ApiRuleV2Status {
  state?: ApiRuleV2State
  description?: string
  lastProcessedTime?: string
}

export interface ApiRuleV2 extends K8sObject {
  apiVersion: 'gateway.kyma-project.io/v2' | 'gateway.kyma-project.io/v2alpha1'
  kind: 'APIRule'
  spec: ApiRuleV2Spec
  status?: ApiRuleV2Status
}

// ---- v1beta1 (deprecated) ----

export interface Handler {
  handler: string
  config?: Record<string, unknown>
}

export interface ApiRuleV1Beta1Rule {
  path: string
  methods: HttpMethod[]
  service?: ApiRuleService
  accessStrategies: Handler[]
  mutators?: Handler[]
  timeout?: number
}

export interface ApiRuleV1Beta1Spec {
  host: string
  gateway: string
  service?: ApiRuleService
  corsPolicy?: Omit<CorsPolicyV2, 'maxAge'> & { maxAge?: string }
  rules: ApiRuleV1Beta1Rule[]
  timeout?: number
}

export interface ResourceStatusV1Beta1 {
  code?: 'OK' | 'SKIPPED' | 'ERROR' | 'WARNING' | string
  desc?: string
}

export interface ApiRuleV1Beta1Status {
  APIRuleStatus?: ResourceStatusV1Beta1
  virtualServiceStatus?: ResourceStatusV1Beta1
  accessRuleStatus?: ResourceStatusV1Beta1
  requestAuthenticationStatus?: ResourceStatusV1Beta1
  authorizationPolicyStatus?: ResourceStatusV1Beta1
  lastProcessedTime?: string
  observedGeneration?: number
}

export interface ApiRuleV1Beta1 extends K8sObject {
  apiVersion: 'gateway.kyma-project.io/v1beta1'
  kind: 'APIRule'
  spec: ApiRuleV1Beta1Spec
  status?: ApiRuleV1Beta1Status
}

export type ApiRule = ApiRuleV2 | ApiRuleV1Beta1
