// APIRule list: live (watch), virtualized, searchable (`/`), sortable and filterable with the state
// in the URL, bulk delete, permission-aware actions, and v1beta1 objects shown with a migration link.
import {
  Button,
  Icon,
  Input,
  Link,
  MessageStrip,
  Option,
  Select,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  TableSelectionMulti,
  TableVirtualizer,
  Tag,
  Text,
  type InputDomRef,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/add.js'
import '@ui5/webcomponents-icons/dist/delete.js'
import '@ui5/webcomponents-icons/dist/duplicate.js'
import '@ui5/webcomponents-icons/dist/edit.js'
import '@ui5/webcomponents-icons/dist/search.js'
import '@ui5/webcomponents-icons/dist/warning.js'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router'
import { errorMessage } from '../../api/errors.ts'
import { useK8sDelete } from '../../api/hooks.ts'
import { APIRULES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { ListPageHeader } from '../../components/ListPage.tsx'
import { LoadingSkeleton } from '../../components/LoadingSkeleton.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import {
  apiRuleCreatePath,
  apiRuleEditPath,
  apiRuleMigratePath,
  apiRulePath,
  servicePath,
} from './links.ts'
import {
  ACCESS_KINDS,
  ACCESS_LABELS,
  DEFAULT_LIST_QUERY,
  parseListQuery,
  queryRows,
  ROW_STATES,
  STATE_LABELS,
  writeListQuery,
  type AccessKind,
  type ApiRuleRow,
  type ListQuery,
  type RowState,
  type SortColumn,
} from './model.ts'
import { StatusBadge } from './StatusBadge.tsx'
import { useApiRuleData, useApiRulePermissions } from './useApiRuleData.ts'
import type { ApiRuleWarning } from './warnings.ts'
import './apirules.css'

const ROW_HEIGHT = 48
/** Rows rendered before the virtualizer reports its first range (and in environments without layout). */
const INITIAL_RANGE = 40

interface Column {
  id: SortColumn | 'actions'
  label: string
  width?: string
  minWidth?: string
}

function columnsFor(allNamespaces: boolean): Column[] {
  return [
    { id: 'name', label: 'Name', minWidth: '12rem' },
    ...(allNamespaces ? [{ id: 'namespace' as const, label: 'Namespace', minWidth: '8rem' }] : []),
    { id: 'host', label: 'Host', minWidth: '14rem' },
    { id: 'service', label: 'Service', minWidth: '9rem' },
    { id: 'gateway', label: 'Gateway', minWidth: '9rem' },
    { id: 'access', label: 'Access', minWidth: '7rem' },
    { id: 'status', label: 'Status', minWidth: '8rem' },
    { id: 'age', label: 'Age', width: '5rem' },
    { id: 'actions', label: 'Actions', width: '6.5rem' },
  ]
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  const tag = target.tagName.toLowerCase()
  return (
    target.isContentEditable ||
    tag === 'input' ||
    tag === 'textarea' ||
    tag === 'select' ||
    tag === 'ui5-input' ||
    tag === 'ui5-textarea' ||
    tag === 'ui5-combobox'
  )
}

export function ApiRuleListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const navigate = useNavigate()
  const [params, setParams] = useSearchParams()
  const query = useMemo(() => parseListQuery(params), [params])
  const setQuery = useCallback(
    (patch: Partial<ListQuery>, replace = false) =>
      setParams((prev) => writeListQuery({ ...parseListQuery(prev), ...patch }, prev), { replace }),
    [setParams],
  )

  const data = useApiRuleData(namespace)
  const rows = useMemo(() => queryRows(data.rows, query), [data.rows, query])

  // Search field: `/` focuses it; typing updates the URL (replacing history entries).
  const searchRef = useRef<InputDomRef>(null)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return
      e.preventDefault()
      searchRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // Virtualization range.
  const [range, setRange] = useState({ first: 0, last: INITIAL_RANGE })
  const visible = rows.slice(range.first, Math.max(range.last, range.first + INITIAL_RANGE) + 1)

  // Selection (row keys `ns/name`), pruned to rows that still exist.
  const [selected, setSelected] = useState<string[]>([])
  const existing = useMemo(() => new Set(data.rows.map((r) => r.key)), [data.rows])
  const selection = useMemo(() => selected.filter((k) => existing.has(k)), [selected, existing])
  const rowByKey = useMemo(() => new Map(data.rows.map((r) => [r.key, r])), [data.rows])

  const permissionNamespaces = useMemo(
    () => [
      ...visible.map((r) => r.namespace),
      ...selection.map((k) => rowByKey.get(k)?.namespace ?? ''),
    ],
    [visible, selection, rowByKey],
  )
  const perms = useApiRulePermissions(namespace, permissionNamespaces)

  // Bulk delete.
  const del = useK8sDelete(APIRULES)
  const [confirmOpen, setConfirmOpen] = useState(false)
  const [deleting, setDeleting] = useState(false)
  const [deleteErrors, setDeleteErrors] = useState<string[]>([])
  const deleteDenied = selection
    .map((k) => rowByKey.get(k))
    .map((r) => (r ? perms.deleteIn(r.namespace) : undefined))
    .find((p) => p && !p.allowed)
  const runDelete = async () => {
    setDeleting(true)
    const targets = selection.map((k) => rowByKey.get(k)).filter((r): r is ApiRuleRow => !!r)
    const results = await Promise.allSettled(
      targets.map((r) => del.mutateAsync({ namespace: r.namespace, name: r.name })),
    )
    const failed: string[] = []
    const failedKeys = new Set<string>()
    results.forEach((res, i) => {
      const r = targets[i] as ApiRuleRow
      if (res.status === 'rejected') {
        failedKeys.add(r.key)
        failed.push(
          `${r.key}: ${errorMessage(res.reason, { verb: 'delete', resource: 'APIRule', name: r.name, namespace: r.namespace })}`,
        )
      }
    })
    setDeleteErrors(failed)
    setSelected((keys) => keys.filter((k) => failedKeys.has(k)))
    setDeleting(false)
    setConfirmOpen(false)
  }

  const columns = columnsFor(allNamespaces)
  const createPath = apiRuleCreatePath(namespace)
  const createButton = (
    <Button
      design="Emphasized"
      icon="add"
      disabled={!perms.create.allowed}
      tooltip={perms.create.allowed ? 'Create API Rule' : perms.create.reason}
      onClick={() => navigate(createPath)}
    >
      Create API Rule
    </Button>
  )
  const hasFilters = query.search !== '' || query.states.length > 0 || query.access.length > 0

  const toggleSort = (column: SortColumn) =>
    setQuery({
      sort: column,
      direction: query.sort === column && query.direction === 'asc' ? 'desc' : 'asc',
    })

  let body
  if (data.error) {
    body = (
      <ErrorBanner
        error={data.error}
        context={{ verb: 'list', resource: 'APIRules', namespace }}
        onRetry={data.refetch}
        alwaysRetry
      />
    )
  } else if (data.isLoading) {
    body = <LoadingSkeleton label="Loading API Rules" rows={8} />
  } else if (data.rows.length === 0) {
    body = (
      <EmptyState
        title="No API Rules yet"
        subtitle={
          allNamespaces
            ? 'No namespace has an APIRule. Expose a Service or Function to the internet with one.'
            : `Namespace ${namespace} has no APIRule. Expose a Service or Function to the internet with one.`
        }
      >
        {createButton}
      </EmptyState>
    )
  } else if (rows.length === 0) {
    body = (
      <EmptyState
        illustration={query.search ? 'NoSearchResults' : 'NoFilterResults'}
        title="No API Rules match"
        subtitle="Change the search or the filters."
      >
        <Button onClick={() => setQuery({ search: '', states: [], access: [] })}>
          Clear search and filters
        </Button>
      </EmptyState>
    )
  } else {
    body = (
      <Table
        className="kd-apirule-table"
        accessibleName="API Rules"
        overflowMode="Scroll"
        style={{ height: `min(calc(100vh - 16rem), ${(rows.length + 1) * ROW_HEIGHT + 4}px)` }}
        features={
          <>
            <TableVirtualizer
              rowHeight={ROW_HEIGHT}
              rowCount={rows.length}
              extraRows={5}
              onRangeChange={(e) => setRange({ first: e.detail.first, last: e.detail.last })}
            />
            <TableSelectionMulti
              headerSelector="ClearAll"
              selected={selection.join(' ')}
              onChange={(e) => {
                const el = e.target as unknown as { selected?: string }
                setSelected((el.selected ?? '').split(' ').filter(Boolean))
              }}
            />
          </>
        }
        headerRow={
          <TableHeaderRow sticky>
            {columns.map((c) => (
              <TableHeaderCell
                key={c.id}
                width={c.width}
                minWidth={c.minWidth}
                sortIndicator={
                  c.id === query.sort
                    ? query.direction === 'asc'
                      ? 'Ascending'
                      : 'Descending'
                    : 'None'
                }
              >
                {c.id === 'actions' ? (
                  <span>{c.label}</span>
                ) : (
                  <Link
                    className="kd-sort-link"
                    tooltip={`Sort by ${c.label}`}
                    accessibleName={`Sort by ${c.label}`}
                    onClick={() => toggleSort(c.id as SortColumn)}
                  >
                    {c.label}
                  </Link>
                )}
              </TableHeaderCell>
            ))}
          </TableHeaderRow>
        }
      >
        {visible.map((row, i) => (
          <ApiRuleTableRow
            key={row.key}
            row={row}
            position={range.first + i}
            allNamespaces={allNamespaces}
            warnings={data.warnings.get(row.key) ?? []}
            canUpdate={perms.update(row.namespace)}
            canCreate={perms.createIn(row.namespace)}
          />
        ))}
      </Table>
    )
  }

  return (
    <main className="kd-page" aria-labelledby="apirules-title">
      <ListPageHeader title="API Rules" titleId="apirules-title" connection={data.connection}>
        {!perms.create.allowed && !perms.create.isLoading && (
          <Text className="kd-muted">{perms.create.reason}</Text>
        )}
        {createButton}
      </ListPageHeader>

      <div className="kd-toolbar" role="toolbar" aria-label="API Rule list controls">
        <Input
          ref={searchRef}
          className="kd-search"
          type="Search"
          icon={<Icon name="search" />}
          accessibleName="Search API Rules"
          placeholder="Search name, host, service, labels ( / )"
          value={query.search}
          showClearIcon
          onInput={(e) => setQuery({ search: e.target.value }, true)}
        />
        <Select
          accessibleName="Filter by status"
          tooltip="Filter by status"
          onChange={(e) => {
            const v = e.detail.selectedOption.value ?? ''
            setQuery({ states: v ? [v as RowState] : [] })
          }}
        >
          <Option value="" selected={query.states.length === 0}>
            All statuses
          </Option>
          {ROW_STATES.map((s) => (
            <Option key={s} value={s} selected={query.states.length === 1 && query.states[0] === s}>
              {STATE_LABELS[s]}
            </Option>
          ))}
        </Select>
        <Select
          accessibleName="Filter by access"
          tooltip="Filter by access"
          onChange={(e) => {
            const v = e.detail.selectedOption.value ?? ''
            setQuery({ access: v ? [v as AccessKind] : [] })
          }}
        >
          <Option value="" selected={query.access.length === 0}>
            All access types
          </Option>
          {ACCESS_KINDS.map((a) => (
            <Option key={a} value={a} selected={query.access.length === 1 && query.access[0] === a}>
              {ACCESS_LABELS[a]}
            </Option>
          ))}
        </Select>
        {hasFilters && (
          <Button
            design="Transparent"
            onClick={() =>
              setQuery({ ...DEFAULT_LIST_QUERY, sort: query.sort, direction: query.direction })
            }
          >
            Clear
          </Button>
        )}
        <span className="kd-spacer" />
        <Text aria-live="polite">
          {data.isLoading
            ? ''
            : rows.length === data.rows.length
              ? `${rows.length} API Rules`
              : `${rows.length} of ${data.rows.length} API Rules`}
          {selection.length ? ` · ${selection.length} selected` : ''}
        </Text>
        <Button
          design="Transparent"
          icon="delete"
          disabled={selection.length === 0 || !!deleteDenied}
          tooltip={
            selection.length === 0
              ? 'Select API Rules to delete'
              : deleteDenied
                ? deleteDenied.reason
                : `Delete ${selection.length} selected`
          }
          onClick={() => setConfirmOpen(true)}
        >
          Delete
        </Button>
      </div>

      {deleteErrors.length > 0 && (
        <MessageStrip design="Negative" onClose={() => setDeleteErrors([])}>
          {`Could not delete ${deleteErrors.length === 1 ? 'one API Rule' : `${deleteErrors.length} API Rules`}: ${deleteErrors.join('; ')}`}
        </MessageStrip>
      )}

      {body}

      <ConfirmDialog
        open={confirmOpen}
        title={
          selection.length === 1 ? 'Delete API Rule?' : `Delete ${selection.length} API Rules?`
        }
        message={
          selection.length === 1
            ? 'This API Rule will be deleted, and its host stops routing to the service:'
            : `These ${selection.length} API Rules will be deleted, and their hosts stop routing to their services:`
        }
        items={selection.map((k) => (allNamespaces ? k : (rowByKey.get(k)?.name ?? k)))}
        busy={deleting}
        onConfirm={() => void runDelete()}
        onCancel={() => setConfirmOpen(false)}
      />
    </main>
  )
}

interface RowProps {
  row: ApiRuleRow
  position: number
  allNamespaces: boolean
  warnings: ApiRuleWarning[]
  canUpdate: { allowed: boolean; reason?: string | undefined }
  canCreate: { allowed: boolean; reason?: string | undefined }
}

// Rows are memoized and use plain text spans, not UI5 Text elements: with a virtualized list of
// thousands of rules, every web component per row costs scroll frames.
const ApiRuleTableRow = memo(function ApiRuleTableRow({
  row,
  position,
  allNamespaces,
  warnings,
  canUpdate,
  canCreate,
}: RowProps) {
  const navigate = useNavigate()
  const { view } = row
  const editPath = view.needsMigration
    ? apiRuleEditPath(row.namespace, row.name, { version: 'v1beta1' })
    : apiRuleEditPath(row.namespace, row.name)
  return (
    <TableRow rowKey={row.key} position={position} data-key={row.key}>
      <TableCell>
        <span className="kd-cell-line">
          <RouterLink to={apiRulePath(row.namespace, row.name)}>{row.name}</RouterLink>
          {warnings.length > 0 && (
            <Icon
              name="warning"
              className="kd-warning-icon"
              accessibleName={`${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}: ${warnings.map((w) => w.message).join(' ')}`}
              showTooltip
            />
          )}
          {view.needsMigration && (
            <Tag
              design="Critical"
              interactive
              hideStateIcon
              title="Written as v1beta1, which is no longer reconciled. Open the migration to v2."
              onClick={() => navigate(apiRuleMigratePath(row.namespace, row.name))}
            >
              v1beta1 — needs migration
            </Tag>
          )}
        </span>
      </TableCell>
      {allNamespaces && (
        <TableCell>
          <span className="kd-cell-text">{row.namespace}</span>
        </TableCell>
      )}
      <TableCell>
        {row.url ? (
          <span className="kd-cell-line">
            <Link href={row.url} target="_blank" tooltip={`Open ${row.url}`}>
              {row.host}
            </Link>
            <CopyButton text={row.url} accessibleName={`Copy URL of ${row.name}`} />
          </span>
        ) : (
          <span className="kd-cell-text">{row.host || '—'}</span>
        )}
      </TableCell>
      <TableCell>
        {row.serviceTarget ? (
          <RouterLink to={servicePath(row.serviceTarget.namespace, row.serviceTarget.name)}>
            {row.service}
          </RouterLink>
        ) : (
          <span className="kd-cell-text">—</span>
        )}
      </TableCell>
      <TableCell>
        <span className="kd-cell-text">{row.gateway || '—'}</span>
      </TableCell>
      <TableCell>
        <span className="kd-cell-text">{row.access.label || '—'}</span>
      </TableCell>
      <TableCell>
        <StatusBadge status={row.status} />
      </TableCell>
      <TableCell>
        <Age timestamp={row.created || undefined} />
      </TableCell>
      <TableCell>
        <span className="kd-cell-line">
          <Button
            design="Transparent"
            icon="edit"
            accessibleName="Edit"
            tooltip={canUpdate.allowed ? `Edit ${row.name}` : canUpdate.reason}
            disabled={!canUpdate.allowed}
            onClick={() => navigate(editPath)}
          />
          <Button
            design="Transparent"
            icon="duplicate"
            accessibleName="Clone"
            tooltip={canCreate.allowed ? `Clone ${row.name}` : canCreate.reason}
            disabled={!canCreate.allowed}
            onClick={() => navigate(apiRuleCreatePath(row.namespace, { clone: row.name }))}
          />
        </span>
      </TableCell>
    </TableRow>
  )
})
