// A Function condition as a coloured status: True = positive, False = negative, and "Unknown"
// (grey, with the reason) when no controller has reported it — the local cluster has none.
import { ObjectStatus } from '@ui5/webcomponents-react'
import { conditionOf, UNKNOWN_CONDITION_HINT } from './model.ts'
import type { KymaFunction } from './types.ts'

export function ConditionStatus({ fn, type }: { fn: KymaFunction; type: string }) {
  const c = conditionOf(fn, type)
  const status = c?.status ?? 'Unknown'
  const tooltip = c
    ? [c.reason, c.message].filter(Boolean).join(': ') || `${type}: ${status}`
    : UNKNOWN_CONDITION_HINT
  return (
    <span title={tooltip} data-condition={type} data-status={status}>
      <ObjectStatus
        state={status === 'True' ? 'Positive' : status === 'False' ? 'Negative' : 'None'}
        showDefaultIcon={status !== 'Unknown'}
      >
        {status}
      </ObjectStatus>
    </span>
  )
}
