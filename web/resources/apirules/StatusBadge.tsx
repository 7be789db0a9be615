// The APIRule state as a coloured status with the controller's description as tooltip.
import { ObjectStatus } from '@ui5/webcomponents-react'
import type { RowState, StatusInfo } from './model.ts'

const VALUE_STATE: Record<RowState, 'Positive' | 'Critical' | 'Negative' | 'Information' | 'None'> =
  {
    Ready: 'Positive',
    Warning: 'Critical',
    Error: 'Negative',
    Processing: 'Information',
    Deleting: 'Information',
    NotReconciled: 'None',
  }

const NOT_RECONCILED_HINT =
  'No status yet: the API Gateway controller has not processed this APIRule (or is not running).'

export function StatusBadge({ status }: { status: StatusInfo }) {
  const tooltip =
    status.description ?? (status.state === 'NotReconciled' ? NOT_RECONCILED_HINT : status.label)
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
