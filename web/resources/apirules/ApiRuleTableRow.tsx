// One row of the API Rule table: native links, buttons and inline SVG icons (no web component per
// cell), or the same cells as text only while the table scrolls (see table-scroll.ts).
import { memo, useEffect, useState, type ReactNode } from 'react'
import { type NavigateFunction } from 'react-router'
import * as copyIcon from '@ui5/webcomponents-icons/dist/v5/copy.js'
import * as duplicateIcon from '@ui5/webcomponents-icons/dist/v5/duplicate.js'
import * as editIcon from '@ui5/webcomponents-icons/dist/v5/edit.js'
import * as warningIcon from '@ui5/webcomponents-icons/dist/v5/warning.js'
import { Age, formatAge } from '../../components/Age.tsx'
import { copyText } from '../../components/clipboard.ts'
import { InlineIcon } from '../../components/InlineIcon.tsx'
import { apiRuleCreatePath, apiRuleEditPath, apiRuleMigratePath, apiRulePath } from './links.ts'
import { servicePath } from '../../app/links.ts'
import { shownDescription, statusTooltip } from './domain/status.ts'
import { ClippedText } from '../../components/ClippedText.tsx'
import { type ApiRuleRow } from './list-rows.ts'
import type { ApiRuleWarning } from './warnings.ts'
import type { Column } from './table-columns.ts'
import { useSettled, type ScrollState } from './table-scroll.ts'

interface Permission {
  allowed: boolean
  reason?: string | undefined
}

interface RowProps {
  row: ApiRuleRow
  index: number
  columns: readonly Column[]
  warnings: ApiRuleWarning[] | undefined
  canUpdate: Permission
  canCreate: Permission
  selected: boolean
  onSelect: (keys: readonly string[], selected: boolean) => void
  navigate: NavigateFunction
  scroll: ScrollState
}

/** An in-app link: a real href (new tab works), navigation without a page load on a plain click. */
function AppLink({
  to,
  children,
  title,
  navigate,
}: {
  to: string
  children: ReactNode
  title?: string
  navigate: NavigateFunction
}) {
  return (
    <a
      className="kd-vtable-link"
      href={to}
      title={title}
      onClick={(e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return
        e.preventDefault()
        navigate(to)
      }}
    >
      {children}
    </a>
  )
}

function RowCopyButton({ text, label }: { text: string; label: string }) {
  const [feedback, setFeedback] = useState<string | undefined>()
  useEffect(() => {
    if (!feedback) return
    const t = setTimeout(() => setFeedback(undefined), 2000)
    return () => clearTimeout(t)
  }, [feedback])
  return (
    <button
      type="button"
      className="kd-vtable-icon-button"
      aria-label={label}
      title={feedback ?? label}
      onClick={async () => setFeedback((await copyText(text)) ? 'Copied' : 'Copy failed')}
    >
      <InlineIcon icon={copyIcon} />
    </button>
  )
}

export const ApiRuleTableRow = memo(function ApiRuleTableRow({
  row,
  index,
  columns,
  warnings,
  canUpdate,
  canCreate,
  selected,
  onSelect,
  navigate,
  scroll,
}: RowProps) {
  const settled = useSettled(scroll)
  if (!settled) return <TextRow row={row} index={index} columns={columns} selected={selected} />
  const { view } = row
  const editPath = view.needsMigration
    ? apiRuleEditPath(row.namespace, row.name, { version: 'v1beta1' })
    : apiRuleEditPath(row.namespace, row.name)
  const cell = (c: Column): ReactNode => {
    switch (c.id) {
      case 'name':
        return (
          <div className="kd-vtable-name">
            <span className="kd-vtable-line">
              <AppLink
                to={apiRulePath(row.namespace, row.name)}
                title={row.name}
                navigate={navigate}
              >
                {row.name}
              </AppLink>
              {warnings && warnings.length > 0 && (
                <InlineIcon
                  icon={warningIcon}
                  className="kd-warning-icon"
                  label={`${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}: ${warnings.map((w) => w.message).join(' ')}`}
                />
              )}
            </span>
            {view.needsMigration && (
              <button
                type="button"
                className="kd-vtable-badge"
                title="Written as v1beta1, which is no longer reconciled. Open the migration to v2."
                onClick={() => navigate(apiRuleMigratePath(row.namespace, row.name))}
              >
                v1beta1 — needs migration
              </button>
            )}
          </div>
        )
      case 'namespace':
        return <span title={row.namespace}>{row.namespace}</span>
      case 'host':
        return row.url ? (
          <span className="kd-vtable-line">
            <a
              className="kd-vtable-link"
              href={row.url}
              target="_blank"
              rel="noreferrer"
              title={`Open ${row.url}`}
            >
              {row.host}
            </a>
            {/* Keyed by APIRule: its "Copied" feedback must not move to the next row in this slot. */}
            <RowCopyButton key={row.key} text={row.url} label={`Copy URL of ${row.name}`} />
          </span>
        ) : (
          <span title={row.host}>{row.host || '—'}</span>
        )
      case 'service':
        return row.serviceTarget ? (
          <AppLink
            to={servicePath(row.serviceTarget.namespace, row.serviceTarget.name)}
            title={row.service}
            navigate={navigate}
          >
            {row.service}
          </AppLink>
        ) : (
          '—'
        )
      case 'gateway':
        return <span title={row.gateway}>{row.gateway || '—'}</span>
      case 'access':
        return <span title={row.access.label}>{row.access.label || '—'}</span>
      case 'status':
        return (
          <span className="kd-vtable-status">
            <span
              className="kd-vtable-state"
              data-state={row.status.state}
              title={statusTooltip(row.status)}
            >
              {row.status.label}
            </span>
            {shownDescription(row.status) ? (
              <ClippedText
                className="kd-vtable-desc"
                text={shownDescription(row.status) ?? ''}
                label="Controller says"
              />
            ) : null}
          </span>
        )
      case 'age':
        return <Age timestamp={row.created || undefined} />
      case 'actions':
        return (
          <span className="kd-vtable-line">
            <button
              type="button"
              className="kd-vtable-icon-button"
              aria-label="Edit"
              title={canUpdate.allowed ? `Edit ${row.name}` : canUpdate.reason}
              disabled={!canUpdate.allowed}
              onClick={() => navigate(editPath)}
            >
              <InlineIcon icon={editIcon} />
            </button>
            <button
              type="button"
              className="kd-vtable-icon-button"
              aria-label="Clone"
              title={canCreate.allowed ? `Clone ${row.name}` : canCreate.reason}
              disabled={!canCreate.allowed}
              onClick={() => navigate(apiRuleCreatePath(row.namespace, { clone: row.name }))}
            >
              <InlineIcon icon={duplicateIcon} />
            </button>
          </span>
        )
    }
  }
  return (
    <tr data-key={row.key} aria-rowindex={index + 2} className={selected ? 'kd-selected' : ''}>
      <td className="kd-vtable-select">
        <input
          type="checkbox"
          aria-label={`Select ${row.key}`}
          checked={selected}
          onChange={(e) => onSelect([row.key], e.target.checked)}
        />
      </td>
      {columns.map((c) => (
        <td key={c.id} className={`kd-vtable-${c.id}`}>
          {cell(c)}
        </td>
      ))}
    </tr>
  )
})

/** A row as text only (see ScrollState): the same cells, sizes and colours, without controls. */
export function TextRow({
  row,
  index,
  columns,
  selected,
}: Pick<RowProps, 'row' | 'index' | 'columns' | 'selected'>) {
  const text = (c: Column): ReactNode => {
    switch (c.id) {
      case 'name':
        return <span className="kd-vtable-link">{row.name}</span>
      case 'namespace':
        return row.namespace
      case 'host':
        return row.url ? <span className="kd-vtable-link">{row.host}</span> : row.host || '—'
      case 'service':
        return row.serviceTarget ? <span className="kd-vtable-link">{row.service}</span> : '—'
      case 'gateway':
        return row.gateway || '—'
      case 'access':
        return row.access.label || '—'
      case 'status':
        return (
          <span className="kd-vtable-status">
            <span className="kd-vtable-state" data-state={row.status.state}>
              {row.status.label}
            </span>
            {shownDescription(row.status) ? (
              <span className="kd-clipped kd-vtable-desc">{shownDescription(row.status)}</span>
            ) : null}
          </span>
        )
      case 'age':
        return row.created ? formatAge(row.created) : '—'
      case 'actions':
        return null
    }
  }
  return (
    <tr data-key={row.key} aria-rowindex={index + 2} className={selected ? 'kd-selected' : ''}>
      <td className="kd-vtable-select" />
      {columns.map((c) => (
        <td key={c.id} className={`kd-vtable-${c.id}`}>
          {text(c)}
        </td>
      ))}
    </tr>
  )
}
