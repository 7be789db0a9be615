// The frame of a namespaced object's details page: the "choose a namespace" hint, the error,
// deleted / not-found and loading states, the header (name, kind, connection, the kind's extras
// such as actions), then the kind's own panels, the labels and annotations, the object's events
// and a link back to the list.
import { MessageStrip, Panel, Text, Title } from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import { isNotFound } from '../api/errors.ts'
import type { K8sObjectResult } from '../api/hooks.ts'
import type { K8sObject } from '../api/k8s-types.ts'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import { ErrorBanner } from './ErrorBanner.tsx'
import { KeyValueTags } from './KeyValueTags.tsx'
import { LoadingSkeleton } from './LoadingSkeleton.tsx'
import { ObjectEvents } from './ObjectEvents.tsx'
import { RouterLink } from './RouterLink.tsx'
import './page.css'

export interface DetailsPageFrameProps<T extends K8sObject> {
  /** The kind as users read it ("Service"); also the events' `involvedObject.kind`. */
  kind: string
  namespace: string | undefined
  name: string
  /** The object, as `useK8sObject` gives it. */
  result: K8sObjectResult<T>
  /** The list page, for the "Back to …" link. */
  listPath: string
  /** The list page's title ("Services"). */
  listTitle: string
  /** The kind's own panels, between the header and the labels and annotations. */
  children: (object: T, namespace: string) => ReactNode
  /** What comes after the events, before the link back (e.g. the YAML). */
  footer?: (object: T) => ReactNode
  /** The rest of the header after the connection: a status badge, the page's actions. */
  headerExtras?: (object: T) => ReactNode
  /** Show the events from the start (a fixed panel that watches while mounted). */
  eventsAlwaysOpen?: boolean
}

export function DetailsPageFrame<T extends K8sObject>({
  kind,
  namespace,
  name,
  result,
  listPath,
  listTitle,
  children,
  footer,
  headerExtras,
  eventsAlwaysOpen = false,
}: DetailsPageFrameProps<T>) {
  const titleId = `${kind.toLowerCase()}-title`
  const backLink = <RouterLink to={listPath}>{`Back to ${listTitle}`}</RouterLink>

  if (!namespace) {
    return (
      <main className="kd-page">
        <MessageStrip design="Information" hideCloseButton>
          {`Choose a namespace to see a ${kind}.`}
        </MessageStrip>
      </main>
    )
  }
  const heading = (
    <Title level="H1" size="H3" id={titleId}>
      {name}
    </Title>
  )
  if (result.error || result.deleted) {
    const gone = result.deleted || isNotFound(result.error)
    return (
      <main className="kd-page" aria-labelledby={titleId}>
        {heading}
        {gone ? (
          <MessageStrip design="Information" hideCloseButton>
            {result.deleted
              ? `${kind} ${name} has been deleted.`
              : `${kind} ${name} does not exist in namespace ${namespace}.`}
          </MessageStrip>
        ) : (
          <ErrorBanner
            error={result.error}
            context={{ verb: 'get', resource: kind, name, namespace }}
            onRetry={result.refetch}
            alwaysRetry
          />
        )}
        {backLink}
      </main>
    )
  }
  if (result.isLoading || !result.object) {
    return (
      <main className="kd-page" aria-label={`${kind} ${name}`}>
        <LoadingSkeleton label={`Loading ${kind}`} rows={6} />
      </main>
    )
  }

  const object = result.object
  return (
    <main className="kd-page" aria-labelledby={titleId}>
      <div className="kd-page-header">
        {heading}
        <Text className="kd-muted">{kind}</Text>
        <ConnectionIndicator state={result.connection} />
        {headerExtras?.(object)}
      </div>

      {children(object, namespace)}

      <div className="kd-panels">
        <Panel headerText="Labels" fixed accessibleName="Labels">
          <KeyValueTags values={object.metadata.labels} emptyText="No labels" />
        </Panel>
        <Panel headerText="Annotations" fixed accessibleName="Annotations">
          <KeyValueTags values={object.metadata.annotations} emptyText="No annotations" max={8} />
        </Panel>
      </div>

      <ObjectEvents namespace={namespace} kind={kind} name={name} alwaysOpen={eventsAlwaysOpen} />
      {footer?.(object)}
      {backLink}
    </main>
  )
}
