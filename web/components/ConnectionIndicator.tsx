// "Live" while the watch stream is open; "Reconnecting…" while it backs off after a failure, with
// the words "may be out of date since <time>" on screen (not only in the tooltip): the page must
// not show stale data as live. The BFF ends a watch whose API server connection went silent within
// its upstream timeout + 5 s (server/watch-mux/upstream-watch.ts), so this appears within that
// time even when the connection hangs without being closed.
// Plain text with an inline icon in the theme's semantic colours: it is on every list page's first
// paint, where UI5's ObjectStatus would add its code and 30 KB of stylesheet (issue 16).
import * as alertIcon from '@ui5/webcomponents-icons/dist/v5/alert.js'
import * as positiveIcon from '@ui5/webcomponents-icons/dist/v5/sys-enter-2.js'
import { useEffect, useState } from 'react'
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

const clock = (d: Date) =>
  d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' })

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  // When the data stopped being live: the first render in the reconnecting state.
  const [since, setSince] = useState<Date | undefined>()
  useEffect(() => setSince(state === 'reconnecting' ? new Date() : undefined), [state])
  return (
    <span role="status" className="kd-connection" title={TOOLTIP[state]} data-connection={state}>
      {state === 'live' && <InlineIcon icon={positiveIcon} />}
      {state === 'reconnecting' && <InlineIcon icon={alertIcon} />}
      <span>{TEXT[state]}</span>
      {state === 'reconnecting' && (
        <span className="kd-connection-stale">
          {since ? `may be out of date since ${clock(since)}` : 'may be out of date'}
        </span>
      )}
    </span>
  )
}
