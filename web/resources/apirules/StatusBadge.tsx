// The APIRule state as a coloured status with the controller's description as tooltip.
import { ObjectStatus } from '@ui5/webcomponents-react'
import { statusTooltip, type RowState, type StatusInfo } from './domain/status.ts'

const VALUE_STATE: Record<RowState, 'Positive' | 'Critical' | 'Negative' | 'Information' | 'None'> =
  {
    Ready: 'Positive',
    Warning: 'Critical',
    Error: 'Negative',
    Processing: 'Information',
    Deleting: 'Information',
    NotReconciled: 'None',
  }

export function StatusBadge({ status }: { status: StatusInfo }) {
  const tooltip = statusTooltip(status)
  return (
    <span title={tooltip} data-state={status.state}>
      <ObjectStatus
        state={VALUE_STATE[status.state]}
        showDefaultIcon={status.state !== 'NotReconciled'}
      >
        {status.label}
      </ObjectStatus>
    </span>
  )
}
