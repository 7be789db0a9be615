// Pieces shared by the resource list pages: the page header, the error / loading / empty /
// no-match states in front of the table, the "N Things" / "N of M Things" count, and the
// namespace-then-name order of the rows.
import { Title } from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import type { ConnectionState } from '../api/list-watch.ts'
import type { K8sObject } from '../api/k8s-types.ts'
import { ConnectionIndicator } from './ConnectionIndicator.tsx'
import { EmptyState } from './EmptyState.tsx'
import { ErrorBanner } from './ErrorBanner.tsx'
import { LoadingSkeleton } from './LoadingSkeleton.tsx'
import './page.css'

/** Orders objects by namespace, then by name. */
export const byNamespaceAndName = (a: K8sObject, b: K8sObject) =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
  (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')

/** "3 Services" when all are shown, else "2 of 3 Services". */
export const listCountText = (shown: number, total: number, plural: string) =>
  shown === total ? `${shown} ${plural}` : `${shown} of ${total} ${plural}`

export interface ListPageHeaderProps {
  title: string
  /** The heading's id, which the page's `aria-labelledby` names. */
  titleId: string
  connection: ConnectionState
  /** Shown at the end of the header, after a spacer. */
  children?: ReactNode
}

export function ListPageHeader({ title, titleId, connection, children }: ListPageHeaderProps) {
  return (
    <div className="kd-page-header">
      <Title level="H1" size="H3" id={titleId}>
        {title}
      </Title>
      <ConnectionIndicator state={connection} />
      <span className="kd-spacer" />
      {children}
    </div>
  )
}

export interface ListStatesProps {
  /** The list as `useK8sList` gives it. */
  list: { error: Error | null; isLoading: boolean; refetch: () => void }
  /** The kind, singular and plural ("Service", "Services"). */
  kind: string
  plural: string
  namespace: string | undefined
  loadingRows: number
  /** How many objects there are, and how many of them the search lets through. */
  total: number
  shown: number
  /** The table, rendered only when there is something to show. */
  children: () => ReactNode
}

/** The list's error, loading, empty or no-match state; else the table. */
export function ListStates({
  list,
  kind,
  plural,
  namespace,
  loadingRows,
  total,
  shown,
  children,
}: ListStatesProps) {
  if (list.error) {
    return (
      <ErrorBanner
        error={list.error}
        context={{ verb: 'list', resource: plural, namespace }}
        onRetry={list.refetch}
        alwaysRetry
      />
    )
  }
  if (list.isLoading) return <LoadingSkeleton label={`Loading ${plural}`} rows={loadingRows} />
  if (total === 0) {
    return (
      <EmptyState
        title={`No ${plural}`}
        subtitle={
          namespace === undefined
            ? `No namespace has a ${kind}.`
            : `Namespace ${namespace} has no ${kind}.`
        }
      />
    )
  }
  if (shown === 0) {
    return (
      <EmptyState
        illustration="NoSearchResults"
        title={`No ${plural} match`}
        subtitle="Change the search."
      />
    )
  }
  return <>{children()}</>
}
