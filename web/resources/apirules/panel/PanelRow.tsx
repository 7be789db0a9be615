// One APIRule in the APIRules panel of a Service or Function: name (a link, or in the embed a link
// that opens the dashboard), host with its URL, the workload's ports it routes to, access, status,
// and Edit / Delete as the user's permissions and the APIRule's namespace allow.
import { Button, Link, Tag, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import '@ui5/webcomponents-icons/dist/v5/edit.js'
import { useNavigate } from 'react-router'
import type { AccessResult } from '../../../api/access.ts'
import { CopyButton } from '../../../components/CopyButton.tsx'
import { RouterLink } from '../../../components/RouterLink.tsx'
import { hostUrl, resolveHost } from '../domain/hosts.ts'
import { accessSummary } from '../domain/targets.ts'
import type { ApiRuleView } from '../domain/view.ts'
import { apiRuleEditPath, apiRulePath } from '../links.ts'
import { StatusBadge } from '../StatusBadge.tsx'
import { shownDescription } from '../domain/status.ts'
import { ClippedText } from '../../../components/ClippedText.tsx'
import type { MatchedApiRule } from './matching.ts'

export interface PanelRowProps {
  match: MatchedApiRule
  domains: ReadonlyMap<string, string>
  ownNamespace: string
  embedded: boolean
  canUpdate: AccessResult
  canDelete: AccessResult
  onEdit: ((view: ApiRuleView) => void) | undefined
  onDelete: (view: ApiRuleView) => void
}

export function PanelRow({
  match,
  domains,
  ownNamespace,
  embedded,
  canUpdate,
  canDelete,
  onEdit,
  onDelete,
}: PanelRowProps) {
  const navigate = useNavigate()
  const { view } = match
  const resolved = resolveHost(view, domains)
  const url = hostUrl(resolved)
  const label = view.namespace === ownNamespace ? view.name : `${view.namespace}/${view.name}`
  const detailsPath = apiRulePath(view.namespace, view.name)
  // Rules in other namespaces are shown but edited there (the permissions above are for this one).
  const foreign = view.namespace !== ownNamespace
  const updateAccess = foreign
    ? { allowed: false, reason: `Open ${label} to edit it in namespace ${view.namespace}` }
    : canUpdate
  const deleteAccess = foreign
    ? { allowed: false, reason: `Open ${label} to delete it in namespace ${view.namespace}` }
    : canDelete
  const edit = () => {
    if (onEdit) onEdit(view)
    else
      navigate(
        apiRuleEditPath(
          view.namespace,
          view.name,
          view.needsMigration ? { version: 'v1beta1' } : {},
        ),
      )
  }
  const access = accessSummary(view)
  return (
    <tr data-key={view.key}>
      <td>
        <span className="kd-cell-line">
          {embedded ? (
            <Link
              href={new URL(detailsPath, window.location.origin).href}
              target="_blank"
              tooltip={`Open ${label} in the dashboard (new tab)`}
            >
              {label}
            </Link>
          ) : (
            <RouterLink to={detailsPath}>{label}</RouterLink>
          )}
          {view.needsMigration && (
            <Tag design="Critical" hideStateIcon title="Written as v1beta1: needs migration to v2">
              v1beta1
            </Tag>
          )}
        </span>
      </td>
      <td>
        {url ? (
          <span className="kd-cell-line">
            <Link href={url} target="_blank" tooltip={`Open ${url}`}>
              {resolved}
            </Link>
            <CopyButton text={url} accessibleName={`Copy URL of ${view.name}`} />
          </span>
        ) : (
          <Text>{resolved || '—'}</Text>
        )}
      </td>
      <td>
        <Text>
          {(match.ports.length ? match.ports.join(', ') : '—') +
            (match.partial ? ' (some rules)' : '')}
        </Text>
      </td>
      <td>
        <Text>{access.label || '—'}</Text>
      </td>
      <td>
        <span className="kd-panel-status">
          <StatusBadge status={view.status} />
          {shownDescription(view.status) ? (
            <ClippedText text={shownDescription(view.status) ?? ''} label="Controller says" />
          ) : null}
        </span>
      </td>
      <td>
        <span className="kd-cell-line">
          <Button
            design="Transparent"
            icon="edit"
            accessibleName={`Edit ${view.name}`}
            tooltip={updateAccess.allowed ? `Edit ${view.name}` : updateAccess.reason}
            disabled={!updateAccess.allowed}
            onClick={edit}
          />
          <Button
            design="Transparent"
            icon="delete"
            accessibleName={`Delete ${view.name}`}
            tooltip={deleteAccess.allowed ? `Delete ${view.name}` : deleteAccess.reason}
            disabled={!deleteAccess.allowed}
            onClick={() => onDelete(view)}
          />
        </span>
      </td>
    </tr>
  )
}
