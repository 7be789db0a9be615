// APIRule list: live (watch), virtualized (ApiRuleTable), searchable (`/`), sortable and filterable
// with the state in the URL and remembered across in-app navigation (useListQuery), bulk delete,
// permission-aware actions, and v1beta1 objects shown with a migration link.
import { Button, Icon, Input, Option, Select, type InputDomRef } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import '@ui5/webcomponents-icons/dist/v5/search.js'
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { errorMessage } from '../../api/errors.ts'
import { useK8sDelete } from '../../api/hooks.ts'
import { APIRULES } from '../../api/resources.ts'
import { ALL_NAMESPACES, useNamespace } from '../../app/namespace.ts'
import { EmptyState } from '../../components/EmptyState.tsx'
import { ListPageHeader } from '../../components/ListPage.tsx'
import { LoadingSkeleton } from '../../components/LoadingSkeleton.tsx'
import { ApiRuleTable } from './ApiRuleTable.tsx'
import { ModuleHealth } from './module-health/ModuleHealth.tsx'
import { apiRuleCreatePath } from './links.ts'
import { ACCESS_KINDS, ACCESS_LABELS, type AccessKind } from './domain/access.ts'
import { DEFAULT_LIST_QUERY, type SortColumn } from './list-query.ts'
import { ROW_STATES, STATE_LABELS, type RowState } from './domain/status.ts'
import { type ApiRuleRow } from './list-rows.ts'
import { listRows } from './list-order.ts'
import { useApiRuleData, useApiRulePermissions } from './useApiRuleData.ts'
import { useListQuery } from './useListQuery.ts'
import '../../components/page.css'
import './apirules.css'

// Shown only when something failed: loaded then, not on the list's first paint.
const ErrorBanner = lazy(() =>
  import('../../components/ErrorBanner.tsx').then((m) => ({ default: m.ErrorBanner })),
)
const ConfirmDialog = lazy(() =>
  import('../../components/ConfirmDialog.tsx').then((m) => ({ default: m.ConfirmDialog })),
)
const MessageStrip = lazy(() =>
  import('@ui5/webcomponents-react/MessageStrip').then((m) => ({ default: m.MessageStrip })),
)

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
  const list = useListQuery(namespace ?? ALL_NAMESPACES)
  const { query, setQuery } = list

  const data = useApiRuleData(namespace)
  const rows = useMemo(() => listRows(data.rows, query), [data.rows, query])

  // Search field: uncontrolled (see useListQuery); `/` focuses it. Its value is written only when
  // the search changed from elsewhere (Clear, Back, a restored list state), never while typing.
  const searchRef = useRef<InputDomRef>(null)
  const { search, externalSearchVersion } = list
  useEffect(() => {
    if (searchRef.current && searchRef.current.value !== search) searchRef.current.value = search
    // Only on outside changes: writing the value after a keystroke could put back older text.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [externalSearchVersion])
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return
      e.preventDefault()
      searchRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  // Selection (row keys `ns/name`), pruned to rows that still exist.
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const rowByKey = useMemo(() => new Map(data.rows.map((r) => [r.key, r])), [data.rows])
  const selection = useMemo(
    () => [...selected].filter((k) => rowByKey.has(k)).sort(),
    [selected, rowByKey],
  )
  const selectedSet = useMemo(() => new Set(selection), [selection])
  const onSelect = useCallback((keys: readonly string[], on: boolean) => {
    setSelected((prev) => {
      const next = new Set(prev)
      for (const k of keys) {
        if (on) next.add(k)
        else next.delete(k)
      }
      return next
    })
  }, [])

  // Permissions for the row actions: the namespaces of the rows in view and of the selection.
  const [visibleNamespaces, setVisibleNamespaces] = useState<string[]>([])
  const permissionNamespaces = useMemo(
    () => [...visibleNamespaces, ...selection.map((k) => rowByKey.get(k)?.namespace ?? '')],
    [visibleNamespaces, selection, rowByKey],
  )
  const perms = useApiRulePermissions(namespace, permissionNamespaces)

  // Bulk delete.
  const del = useK8sDelete(APIRULES)
  const [confirmOpen, setConfirmOpen] = useState(false)
  // The dialog's code loads when it is first opened, and it stays mounted after (to animate).
  const [dialogLoaded, setDialogLoaded] = useState(false)
  if (confirmOpen && !dialogLoaded) setDialogLoaded(true)
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
    setSelected(failedKeys)
    setDeleting(false)
    setConfirmOpen(false)
  }

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
  const hasFilters = search !== '' || query.states.length > 0 || query.access.length > 0

  const { sort, direction } = query
  const toggleSort = useCallback(
    (column: SortColumn) =>
      setQuery({
        sort: column,
        direction: sort === column && direction === 'asc' ? 'desc' : 'asc',
      }),
    [setQuery, sort, direction],
  )

  let body
  if (data.error) {
    body = (
      <Suspense fallback={null}>
        <ErrorBanner
          error={data.error}
          context={{ verb: 'list', resource: 'APIRules', namespace }}
          onRetry={data.refetch}
          alwaysRetry
        />
      </Suspense>
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
      <ApiRuleTable
        rows={rows}
        allNamespaces={allNamespaces}
        warnings={data.warnings}
        perms={perms}
        sort={query}
        onSort={toggleSort}
        selected={selectedSet}
        onSelect={onSelect}
        onVisibleNamespaces={setVisibleNamespaces}
      />
    )
  }

  return (
    <main className="kd-page" aria-labelledby="apirules-title">
      <ListPageHeader title="API Rules" titleId="apirules-title" connection={data.connection}>
        {!perms.create.allowed && !perms.create.isLoading && (
          <span className="kd-muted">{perms.create.reason}</span>
        )}
        {createButton}
      </ListPageHeader>
      <ModuleHealth namespace={namespace} />

      <div className="kd-toolbar" role="toolbar" aria-label="API Rule list controls">
        <Input
          ref={searchRef}
          className="kd-search"
          type="Search"
          icon={<Icon name="search" />}
          accessibleName="Search API Rules"
          placeholder="Search name, host, service, labels ( / )"
          showClearIcon
          onInput={(e) => list.onSearchInput(e.target.value)}
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
        <span className="kd-count" aria-live="polite">
          {data.isLoading
            ? ''
            : rows.length === data.rows.length
              ? `${rows.length} API Rules`
              : `${rows.length} of ${data.rows.length} API Rules`}
          {selection.length ? ` · ${selection.length} selected` : ''}
        </span>
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
        <Suspense fallback={null}>
          <MessageStrip design="Negative" onClose={() => setDeleteErrors([])}>
            {`Could not delete ${deleteErrors.length === 1 ? 'one API Rule' : `${deleteErrors.length} API Rules`}: ${deleteErrors.join('; ')}`}
          </MessageStrip>
        </Suspense>
      )}

      {body}

      {dialogLoaded && (
        <Suspense fallback={null}>
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
        </Suspense>
      )}
    </main>
  )
}
