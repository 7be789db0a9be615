// "Live" while the watch stream is open; "Reconnecting…" while it backs off after a failure.
import { ObjectStatus } from '@ui5/webcomponents-react'
import type { ConnectionState } from '../api/watch.ts'

const TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
}

const TOOLTIP: Record<ConnectionState, string> = {
  connecting: 'Opening the live update stream',
  live: 'Changes in the cluster appear here as they happen',
  reconnecting:
    'The live update stream was interrupted; retrying. What you see may be out of date.',
}

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <span role="status" title={TOOLTIP[state]} data-connection={state}>
      <ObjectStatus
        state={state === 'live' ? 'Positive' : state === 'reconnecting' ? 'Critical' : 'None'}
        showDefaultIcon={state !== 'connecting'}
      >
        {TEXT[state]}
      </ObjectStatus>
    </span>
  )
}
