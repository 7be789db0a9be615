// The details page's actions: Edit, Clone and Delete (with its confirmation), each enabled by the
// user's permission and, when denied, saying why.
import { Button, MessageStrip, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import '@ui5/webcomponents-icons/dist/v5/duplicate.js'
import '@ui5/webcomponents-icons/dist/v5/edit.js'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage } from '../../../api/errors.ts'
import { useAccessReview } from '../../../api/access.ts'
import { useK8sDelete } from '../../../api/hooks.ts'
import { APIRULES } from '../../../api/resources.ts'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { apiRuleAccess } from '../domain/permissions.ts'
import type { ApiRuleView } from '../domain/view.ts'
import { apiRuleCreatePath, apiRuleEditPath, apiRuleListPath } from '../links.ts'

export function ApiRuleActions({ view }: { view: ApiRuleView }) {
  const { namespace, name } = view
  const navigate = useNavigate()
  const canUpdate = useAccessReview(apiRuleAccess('update', namespace, name))
  const canCreate = useAccessReview(apiRuleAccess('create', namespace))
  const canDelete = useAccessReview(apiRuleAccess('delete', namespace, name))
  const denied = [canUpdate, canCreate, canDelete].filter((p) => !p.allowed && !p.isLoading)

  const del = useK8sDelete(APIRULES)
  const [confirmOpen, setConfirmOpen] = useState(false)
  const [deleteError, setDeleteError] = useState<string>()
  const editPath = apiRuleEditPath(namespace, name, {
    version: view.needsMigration ? 'v1beta1' : undefined,
  })

  return (
    <>
      <span className="kd-spacer" />
      {denied.length > 0 && (
        <Text className="kd-muted">{denied.map((p) => p.reason).join('. ')}</Text>
      )}
      <Button
        icon="edit"
        disabled={!canUpdate.allowed}
        tooltip={canUpdate.allowed ? 'Edit this API Rule' : canUpdate.reason}
        onClick={() => navigate(editPath)}
      >
        Edit
      </Button>
      <Button
        icon="duplicate"
        disabled={!canCreate.allowed}
        tooltip={canCreate.allowed ? 'Create a copy of this API Rule' : canCreate.reason}
        onClick={() => navigate(apiRuleCreatePath(namespace, { clone: name }))}
      >
        Clone
      </Button>
      <Button
        icon="delete"
        design="Negative"
        disabled={!canDelete.allowed}
        tooltip={canDelete.allowed ? 'Delete this API Rule' : canDelete.reason}
        onClick={() => setConfirmOpen(true)}
      >
        Delete
      </Button>
      {deleteError && (
        <MessageStrip
          className="kd-header-notice"
          design="Negative"
          onClose={() => setDeleteError(undefined)}
        >
          {deleteError}
        </MessageStrip>
      )}
      <ConfirmDialog
        open={confirmOpen}
        title="Delete API Rule?"
        message={`APIRule ${name} in namespace ${namespace} will be deleted, and its host stops routing to the service:`}
        items={[name]}
        busy={del.isPending}
        onConfirm={() =>
          del.mutate(
            { namespace, name },
            {
              onSuccess: () => {
                setConfirmOpen(false)
                navigate(apiRuleListPath(namespace))
              },
              onError: (err) => {
                setConfirmOpen(false)
                setDeleteError(
                  errorMessage(err, { verb: 'delete', resource: 'APIRule', name, namespace }),
                )
              },
            },
          )
        }
        onCancel={() => setConfirmOpen(false)}
      />
    </>
  )
}
