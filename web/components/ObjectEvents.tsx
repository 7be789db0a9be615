// Events about one object (involvedObject kind + name), newest first, live over watch. By default
// the panel starts collapsed and watches only while open: every watch holds one of the browser's
// six connections to the dashboard for as long as it runs. `alwaysOpen` shows a fixed panel that
// watches for as long as it is mounted.
import { Panel, Text } from '@ui5/webcomponents-react'
import { useMemo, useState } from 'react'
import { useK8sList } from '../api/hooks.ts'
import type { K8sObject } from '../api/k8s-types.ts'
import { EVENTS } from '../api/resources.ts'
import { Age } from './Age.tsx'
import { ErrorBanner } from './ErrorBanner.tsx'
import { LoadingSkeleton } from './LoadingSkeleton.tsx'
import { PlainTable } from './PlainTable.tsx'

interface K8sEvent extends K8sObject {
  type?: string
  reason?: string
  message?: string
  count?: number
  lastTimestamp?: string
  eventTime?: string
  firstTimestamp?: string
}

const when = (e: K8sEvent) =>
  e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? ''

/** The involved object: its namespace, kind (as in `involvedObject.kind`) and name. */
export interface ObjectRef {
  namespace: string
  kind: string
  name: string
}

export interface ObjectEventsProps extends ObjectRef {
  /** A fixed, always-expanded panel instead of one that is collapsed until opened. */
  alwaysOpen?: boolean
}

export function ObjectEvents({ alwaysOpen = false, ...ref }: ObjectEventsProps) {
  const [open, setOpen] = useState(false)
  if (alwaysOpen) {
    return (
      <Panel headerText="Events" fixed accessibleName="Events">
        <EventList {...ref} />
      </Panel>
    )
  }
  return (
    <Panel
      headerText="Events"
      collapsed={!open}
      onToggle={() => setOpen((o) => !o)}
      accessibleName="Events"
      noAnimation
    >
      {open && <EventList {...ref} />}
    </Panel>
  )
}

function EventList({ namespace, kind, name }: ObjectRef) {
  const events = useK8sList<K8sEvent>(EVENTS, namespace, {
    fieldSelector: `involvedObject.name=${name},involvedObject.kind=${kind}`,
  })
  const sorted = useMemo(
    () => [...events.items].sort((a, b) => when(b).localeCompare(when(a))),
    [events.items],
  )
  return (
    <>
      {events.error ? (
        <ErrorBanner
          error={events.error}
          context={{ verb: 'list', resource: 'events', namespace }}
          onRetry={events.refetch}
        />
      ) : events.isLoading ? (
        <LoadingSkeleton rows={2} label="Loading events" />
      ) : sorted.length === 0 ? (
        <Text>{`No events for this ${kind}.`}</Text>
      ) : (
        <PlainTable label="Events" columns={['Type', 'Reason', 'Message', 'Count', 'Last seen']}>
          {sorted.map((e) => (
            <tr key={e.metadata.uid ?? e.metadata.name}>
              <td>{e.type ?? ''}</td>
              <td>{e.reason ?? ''}</td>
              <td>{e.message ?? ''}</td>
              <td>{e.count ?? 1}</td>
              <td>
                <Age timestamp={when(e) || undefined} />
              </td>
            </tr>
          ))}
        </PlainTable>
      )}
    </>
  )
}
