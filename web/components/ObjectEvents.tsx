// Events about one object (involvedObject kind + name), newest first, live over watch. The panel
// starts collapsed and watches only while open: every watch holds one of the browser's six
// connections to the dashboard for as long as it runs.
import { Panel, Text } from '@ui5/webcomponents-react'
import { useMemo, useState } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import { EVENTS } from '../../api/resources.ts'
import { Age } from '../../components/Age.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { LoadingSkeleton } from '../../components/LoadingSkeleton.tsx'

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

interface ObjectRef {
  namespace: string
  kind: string
  name: string
}

export function ObjectEvents(props: ObjectRef) {
  const [open, setOpen] = useState(false)
  return (
    <Panel
      headerText="Events"
      collapsed={!open}
      onToggle={() => setOpen((o) => !o)}
      accessibleName="Events"
      noAnimation
    >
      {open && <EventList {...props} />}
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
        <table className="kd-rules" aria-label="Events">
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Reason</th>
              <th scope="col">Message</th>
              <th scope="col">Count</th>
              <th scope="col">Last seen</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
    </>
  )
}
