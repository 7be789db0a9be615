// State dirs move both ways between "without" and "with" the API Gateway controller, no data lost.
//
// Both store APIRules as v2alpha1. Without the controller (conversion `None`, see crds.ts) a v1beta1
// rule is stored as written: its v1beta1 spec under a v2alpha1 label. With it, the controller's
// conversion webhook stores a v1beta1 rule as a v2alpha1 spec plus the original spec in the
// annotation V1BETA1_SPEC, and reads v1beta1 back from that annotation only (facts from its
// apis/gateway/v1beta1/apirule_conversion.go). So a rule written without the controller cannot be
// read through the webhook ("unexpected end of JSON input"), and one written with it reads back
// without its host and access strategies once the webhook is gone. Both are re-stored at start:
//  - to "with": before the webhook is installed, the annotations are added from the stored spec
//    (so the webhook can read the rule); once it runs, each such rule is read and written back as
//    v1beta1, so the webhook itself writes its v2alpha1 form;
//  - to "without": the spec is put back from the annotation (which is dropped: a later edit would
//    make it stale), and the controller's finalizer is removed (nothing would remove it, so
//    deleting the rule would hang).
import type { KubeClient } from './kube-client.ts'

const GROUP = '/apis/gateway.kyma-project.io'
const CRD =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io'
export const ORIGINAL_VERSION = 'gateway.kyma-project.io/original-version'
export const V1BETA1_SPEC = 'gateway.kyma-project.io/v1beta1-spec'
/** The finalizer the controller puts on every rule it reconciles. */
export const CONTROLLER_FINALIZER = 'gateway.kyma-project.io/subresources'

interface StoredRule {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace: string
    annotations?: Record<string, string>
    finalizers?: string[]
    resourceVersion?: string
  }
  spec?: Record<string, unknown>
}

export interface RuleRef {
  name: string
  namespace: string
}

const rulePath = (version: string, r: RuleRef) =>
  `${GROUP}/${version}/namespaces/${r.namespace}/apirules/${encodeURIComponent(r.name)}`

/** Whether the stored spec is a v1beta1 one (host, accessStrategies) rather than v2alpha1's. */
function isV1beta1Spec(spec: Record<string, unknown> | undefined): boolean {
  if (!spec) return false
  const rules = Array.isArray(spec.rules) ? (spec.rules as Record<string, unknown>[]) : []
  return typeof spec.host === 'string' || rules.some((r) => 'accessStrategies' in r)
}

/** The APIRule CRD's conversion strategy now, or undefined before the CRD exists. */
async function conversionStrategy(admin: KubeClient): Promise<string | undefined> {
  const res = await admin.request<{ spec?: { conversion?: { strategy?: string } } }>('GET', CRD)
  return res.status === 200 ? (res.body.spec?.conversion?.strategy ?? 'None') : undefined
}

async function storedRules(admin: KubeClient): Promise<StoredRule[]> {
  const list = await admin.ok<{ items: StoredRule[] }>('GET', `${GROUP}/v2alpha1/apirules`)
  return list.items
}

/**
 * Step 1 of "to with", while the CRD is still in its no-webhook form: annotates the rules stored
 * as v1beta1 specs the way the webhook reads them. Returns them for step 2.
 */
export async function prepareForWebhook(admin: KubeClient): Promise<RuleRef[]> {
  if ((await conversionStrategy(admin)) !== 'None') return []
  const found: RuleRef[] = []
  for (const rule of await storedRules(admin)) {
    if (!isV1beta1Spec(rule.spec) || rule.metadata.annotations?.[V1BETA1_SPEC]) continue
    rule.metadata.annotations = {
      ...rule.metadata.annotations,
      [ORIGINAL_VERSION]: 'v1beta1',
      [V1BETA1_SPEC]: JSON.stringify(rule.spec),
    }
    await admin.ok('PUT', rulePath('v2alpha1', rule.metadata), rule)
    found.push({ name: rule.metadata.name, namespace: rule.metadata.namespace })
  }
  return found
}

/** Step 2 of "to with", once the webhook serves: each rule read and written back as v1beta1. */
export async function restoreThroughWebhook(admin: KubeClient, rules: RuleRef[]): Promise<void> {
  for (const r of rules) {
    const rule = await admin.ok<StoredRule>('GET', rulePath('v1beta1', r))
    await admin.ok('PUT', rulePath('v1beta1', r), rule)
  }
}

/** "To without", after the no-webhook CRDs are installed. Returns how many rules were re-stored. */
export async function restoreForNoWebhook(admin: KubeClient): Promise<number> {
  let n = 0
  for (const rule of await storedRules(admin)) {
    const { annotations = {}, finalizers = [] } = rule.metadata
    const original = annotations[V1BETA1_SPEC]
    const ours = finalizers.includes(CONTROLLER_FINALIZER)
    if (original === undefined && !ours) continue
    if (original !== undefined) {
      rule.spec = JSON.parse(original) as Record<string, unknown>
      const { [V1BETA1_SPEC]: _dropped, ...rest } = annotations
      rule.metadata.annotations = rest
    }
    rule.metadata.finalizers = finalizers.filter((f) => f !== CONTROLLER_FINALIZER)
    await admin.ok('PUT', rulePath('v2alpha1', rule.metadata), rule)
    n++
  }
  return n
}
