// What the API Rules pages say about the API Gateway module: its APIGateway resource's state and
// description where the cluster has one, and — whether or not it has — APIRules the controller has
// not reconciled, which means the controller is not running or cannot reach them (in the local
// cluster: started without it). Pure, so the thresholds are tested without a cluster.
import type { K8sObject } from '../../../api/k8s-types.ts'
import type { ApiRuleV2Status } from '../types.ts'

export type ModuleState = 'Ready' | 'Processing' | 'Deleting' | 'Error' | 'Warning'

export interface ApiGatewayObject extends K8sObject {
  status?: { state?: ModuleState; description?: string }
}

export interface RuleForHealth extends K8sObject {
  status?: ApiRuleV2Status
}

export type HealthTone = 'Positive' | 'Information' | 'Critical' | 'Negative'

export interface HealthLine {
  tone: HealthTone
  text: string
}

/** A new rule gets its first status within seconds; a minute without one is not "still busy". */
export const UNRECONCILED_AFTER_MS = 60_000
/** Ready rules are reconciled again every 30 min (the controller's default); 45 min is overdue. */
export const STALE_AFTER_MS = 45 * 60_000

const CONTROLLER = 'the Kyma API Gateway controller (api-gateway-controller-manager in kyma-system)'

const TONE: Record<ModuleState, HealthTone> = {
  Ready: 'Positive',
  Processing: 'Information',
  Deleting: 'Information',
  Warning: 'Critical',
  Error: 'Negative',
}

function age(now: number, time: string | undefined): number {
  const t = time ? Date.parse(time) : NaN
  return Number.isNaN(t) ? 0 : now - t
}

/** Rules the controller should have (re)processed by now and has not. */
export function unreconciledRules(rules: readonly RuleForHealth[], now: number): RuleForHealth[] {
  return rules.filter((r) => {
    if (r.metadata.deletionTimestamp) return false
    const processed = r.status?.lastProcessedTime
    if (!r.status?.state || !processed) {
      return age(now, r.metadata.creationTimestamp) > UNRECONCILED_AFTER_MS
    }
    return age(now, processed) > STALE_AFTER_MS
  })
}

export function moduleHealth(
  gateways: readonly ApiGatewayObject[],
  rules: readonly RuleForHealth[],
  now: number,
): HealthLine[] {
  const lines: HealthLine[] = gateways.map((g) => {
    const state = g.status?.state
    const desc = g.status?.description ? `: ${g.status.description}` : ''
    return state
      ? { tone: TONE[state], text: `API Gateway module ${state}${desc}` }
      : { tone: 'Information', text: `API Gateway module: no status yet (${g.metadata.name})` }
  })
  const stuck = unreconciledRules(rules, now)
  if (stuck.length) {
    const names = stuck
      .slice(0, 3)
      .map((r) => r.metadata.name)
      .join(', ')
    const more = stuck.length > 3 ? ` and ${stuck.length - 3} more` : ''
    lines.push({
      tone: 'Negative',
      text:
        `${stuck.length === 1 ? '1 API Rule is' : `${stuck.length} API Rules are`} not being ` +
        `reconciled (${names}${more}): ${CONTROLLER} is not running or cannot process them, so ` +
        'their routes and access rules are not applied.',
    })
  }
  return lines
}
