// "Live" while the watch stream is open; "Reconnecting…" while it backs off after a failure.
// Plain text with an inline icon in the theme's semantic colours: it is on every list page's first
// paint, where UI5's ObjectStatus would add its code and 30 KB of stylesheet (issue 16).
import * as alertIcon from '@ui5/webcomponents-icons/dist/v5/alert.js'
import * as positiveIcon from '@ui5/webcomponents-icons/dist/v5/sys-enter-2.js'
import type { ConnectionState } from '../api/list-watch.ts'
import { InlineIcon } from './InlineIcon.tsx'
import './components.css'

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
    <span role="status" className="kd-connection" title={TOOLTIP[state]} data-connection={state}>
      {state === 'live' && <InlineIcon icon={positiveIcon} />}
      {state === 'reconnecting' && <InlineIcon icon={alertIcon} />}
      {TEXT[state]}
    </span>
  )
}
