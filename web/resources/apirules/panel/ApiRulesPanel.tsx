// The APIRules that route to one workload (a Service, or a Function through its Service), live
// over watch, with "Expose with APIRule", Edit and Delete. Used on the Service and Function pages
// and, with `embedded`, in the chrome-less /embed views: there the name links open the APIRule in
// the full dashboard in a new tab (the embedding page keeps its own navigation), and Expose/Edit
// call back so the embed can open the editor in a dialog.
import { MessageStrip, Text, Title } from '@ui5/webcomponents-react'
import { useId, useMemo, useState } from 'react'
import { errorMessage } from '../../../api/errors.ts'
import { useAccessReview } from '../../../api/access.ts'
import { useK8sDelete } from '../../../api/hooks.ts'
import { APIRULES } from '../../../api/resources.ts'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { ConnectionIndicator } from '../../../components/ConnectionIndicator.tsx'
import { EmptyState } from '../../../components/EmptyState.tsx'
import { ErrorBanner } from '../../../components/ErrorBanner.tsx'
import { LoadingSkeleton } from '../../../components/LoadingSkeleton.tsx'
import { PlainTable } from '../../../components/PlainTable.tsx'
import type { ServicePort } from '../../services/types.ts'
import { type ApiRuleView } from '../domain/view.ts'
import { ExposeButton, type ExposeTarget } from './ExposeButton.tsx'
import { apiRuleAccess } from '../domain/permissions.ts'
import { apiRulesForService } from './matching.ts'
import { PanelRow } from './PanelRow.tsx'
import { useWorkloadApiRules } from './useWorkloadApiRules.ts'
import '../../../components/page.css'
import './panel.css'

export interface ApiRulesPanelProps {
  namespace: string
  /** The Service the APIRules route to (for a Function: the Function's name). */
  serviceName: string
  /** The Service's ports; undefined while unknown or when the Service does not exist. */
  ports?: readonly ServicePort[] | undefined
  /** The Service does not exist (a Function whose Service the controller has not created). */
  serviceMissing?: boolean
  /** Set on a Function's page: Expose prefills the Function (`?function=`). */
  functionName?: string | undefined
  /** Chrome-less rendering for /embed: links open the full dashboard in a new tab. */
  embedded?: boolean
  /** Expose without navigating (embedded views open the editor in a dialog). */
  onExpose?: (target: ExposeTarget) => void
  /** Edit without navigating. */
  onEdit?: (view: ApiRuleView) => void
  /** After an APIRule was deleted from the panel. */
  onDeleted?: (view: ApiRuleView) => void
}

export function ApiRulesPanel(props: ApiRulesPanelProps) {
  const { namespace, serviceName, ports, serviceMissing, functionName, embedded } = props
  const headingId = useId()

  // APIRules in other namespaces can route here through `service.namespace`; they are found when
  // the user may list APIRules everywhere, otherwise the Service's namespace is searched.
  const listAll = useAccessReview(apiRuleAccess('list', undefined))
  const scope = listAll.allowed && !listAll.unknown ? undefined : namespace
  const data = useWorkloadApiRules(scope)
  const matches = useMemo(
    () => apiRulesForService(data.views, namespace, serviceName),
    [data.views, namespace, serviceName],
  )

  const canCreate = useAccessReview(apiRuleAccess('create', namespace))
  const canUpdate = useAccessReview(apiRuleAccess('update', namespace))
  const canDelete = useAccessReview(apiRuleAccess('delete', namespace))

  const del = useK8sDelete(APIRULES)
  const [toDelete, setToDelete] = useState<ApiRuleView | undefined>()
  const [deleteError, setDeleteError] = useState('')
  const runDelete = async (view: ApiRuleView) => {
    setDeleteError('')
    try {
      await del.mutateAsync({ namespace: view.namespace, name: view.name })
      props.onDeleted?.(view)
    } catch (err) {
      setDeleteError(
        errorMessage(err, {
          verb: 'delete',
          resource: 'APIRule',
          name: view.name,
          namespace: view.namespace,
        }),
      )
    } finally {
      setToDelete(undefined)
    }
  }

  const workload = functionName ? `Function ${functionName}` : `Service ${serviceName}`
  const expose = (
    <ExposeButton
      namespace={namespace}
      serviceName={serviceName}
      ports={ports}
      functionName={functionName}
      access={canCreate}
      onExpose={props.onExpose}
    />
  )

  let body
  if (data.error) {
    body = (
      <ErrorBanner
        error={data.error}
        context={{ verb: 'list', resource: 'APIRules', namespace: scope }}
        onRetry={data.refetch}
        alwaysRetry
      />
    )
  } else if (data.isLoading || listAll.isLoading) {
    body = <LoadingSkeleton label="Loading API Rules" rows={3} />
  } else if (matches.length === 0) {
    body = (
      <EmptyState
        title="Not exposed"
        subtitle={`No APIRule routes to ${workload} yet. Expose it to make it reachable from outside the cluster.`}
      />
    )
  } else {
    body = (
      <PlainTable
        className="kd-panel-table"
        labelledBy={headingId}
        columns={['Name', 'Host', 'Port', 'Access', 'Status', { hidden: 'Actions' }]}
      >
        {matches.map((m) => (
          <PanelRow
            key={m.view.key}
            match={m}
            domains={data.domains}
            ownNamespace={namespace}
            embedded={embedded === true}
            canUpdate={canUpdate}
            canDelete={canDelete}
            onEdit={props.onEdit}
            onDelete={setToDelete}
          />
        ))}
      </PlainTable>
    )
  }

  return (
    <section className="kd-apirules-panel" aria-labelledby={headingId}>
      <div className="kd-page-header">
        <Title level="H2" size="H5" id={headingId}>
          {data.isLoading ? 'API Rules' : `API Rules (${matches.length})`}
        </Title>
        <ConnectionIndicator state={data.connection} />
        <span className="kd-spacer" />
        {!canCreate.allowed && !canCreate.isLoading && (
          <Text className="kd-muted">{canCreate.reason}</Text>
        )}
        {expose}
      </div>
      {serviceMissing && (
        <MessageStrip design="Critical" hideCloseButton>
          {functionName
            ? `Service ${serviceName} does not exist in namespace ${namespace}. The serverless controller creates it for Function ${functionName} (port 80); until it exists, an APIRule for this Function has nothing to route to.`
            : `Service ${serviceName} does not exist in namespace ${namespace}.`}
        </MessageStrip>
      )}
      {deleteError && (
        <MessageStrip design="Negative" onClose={() => setDeleteError('')}>
          {deleteError}
        </MessageStrip>
      )}
      {body}
      <ConfirmDialog
        open={toDelete !== undefined}
        title="Delete API Rule?"
        message={`This API Rule will be deleted, and its host stops routing to ${workload}:`}
        items={toDelete ? [toDelete.name] : []}
        busy={del.isPending}
        onConfirm={() => toDelete && void runDelete(toDelete)}
        onCancel={() => setToDelete(undefined)}
      />
    </section>
  )
}
