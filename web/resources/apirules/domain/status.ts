// The state an APIRule shows: v2 `status.state`, v1beta1 `status.APIRuleStatus.code`, or "Not
// reconciled" when the controller has not written one.
import { isObj } from '../../../api/json.ts'
import { nonEmptyString } from './fields.ts'

export type RowState = 'Ready' | 'Warning' | 'Error' | 'Processing' | 'Deleting' | 'NotReconciled'

export const ROW_STATES: readonly RowState[] = [
  'Ready',
  'Warning',
  'Error',
  'Processing',
  'Deleting',
  'NotReconciled',
]

export const STATE_LABELS: Record<RowState, string> = {
  Ready: 'Ready',
  Warning: 'Warning',
  Error: 'Error',
  Processing: 'Processing',
  Deleting: 'Deleting',
  NotReconciled: 'Not reconciled',
}

export interface StatusInfo {
  state: RowState
  label: string
  description?: string | undefined
  lastProcessedTime?: string | undefined
}

const V1BETA1_CODES: Record<string, RowState> = {
  OK: 'Ready',
  ERROR: 'Error',
  WARNING: 'Warning',
  SKIPPED: 'Warning',
}

const V2_STATES = new Set<string>(['Ready', 'Warning', 'Error', 'Processing', 'Deleting'])

/**
 * The state shown for an APIRule: v2 `status.state`, else v1beta1 `status.APIRuleStatus.code`
 * (OK→Ready, ERROR→Error, WARNING/SKIPPED→Warning), else "Not reconciled". An object being deleted
 * shows Deleting whatever its last status said.
 */
export function statusOf(obj: unknown): StatusInfo {
  const o = isObj(obj) ? obj : {}
  const status = isObj(o.status) ? o.status : {}
  const lastProcessedTime = nonEmptyString(status.lastProcessedTime)
  const meta = isObj(o.metadata) ? o.metadata : {}
  let state: RowState = 'NotReconciled'
  let description: string | undefined
  const v2 = nonEmptyString(status.state)
  const v1 = isObj(status.APIRuleStatus) ? status.APIRuleStatus : undefined
  if (v2 && V2_STATES.has(v2)) {
    state = v2 as RowState
    description = nonEmptyString(status.description)
  } else if (v1 && nonEmptyString(v1.code)) {
    state = V1BETA1_CODES[(nonEmptyString(v1.code) ?? '').toUpperCase()] ?? 'Warning'
    description = nonEmptyString(v1.desc)
  }
  if (nonEmptyString(meta.deletionTimestamp)) state = 'Deleting'
  return {
    state,
    label: STATE_LABELS[state],
    ...(description ? { description } : {}),
    ...(lastProcessedTime ? { lastProcessedTime } : {}),
  }
}

const NOT_RECONCILED_HINT =
  'No status yet: the API Gateway controller has not processed this APIRule (or is not running).'

/** The tooltip of a status: the controller's description, else what the state means. */
export function statusTooltip(status: StatusInfo): string {
  return (
    status.description ?? (status.state === 'NotReconciled' ? NOT_RECONCILED_HINT : status.label)
  )
}

/**
 * The controller's description where it tells the user something (Error, Warning): shown as
 * visible text in the list and the Service/Function panel. "Reconciled successfully" is not.
 */
export function shownDescription(status: StatusInfo): string | undefined {
  return status.state === 'Error' || status.state === 'Warning' ? status.description : undefined
}
