// The API Rule table: a plain HTML table virtualized with @tanstack/react-virtual. Only the rows in
// view (plus a few) exist in the DOM, and a row is native elements only (links, buttons, inline SVG
// icons): a UI5 web component per cell made every scroll step create shadow roots, which cost
// most of the frames at 2,000 rows (issue 16). Columns have fixed shares of the width with one-line
// cells that cut off with an ellipsis (full text in the tooltip); narrow tables drop the columns
// that matter least, so the Status, Age and Actions columns stay on screen at 1440 px in every
// namespace mode.
import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { useNavigate, type NavigateFunction } from 'react-router'
import * as copyIcon from '@ui5/webcomponents-icons/dist/v5/copy.js'
import * as duplicateIcon from '@ui5/webcomponents-icons/dist/v5/duplicate.js'
import * as editIcon from '@ui5/webcomponents-icons/dist/v5/edit.js'
import * as warningIcon from '@ui5/webcomponents-icons/dist/v5/warning.js'
import { Age, formatAge } from '../../components/Age.tsx'
import { copyText } from '../../components/clipboard.ts'
import { InlineIcon } from '../../components/InlineIcon.tsx'
import { apiRuleCreatePath, apiRuleEditPath, apiRuleMigratePath, apiRulePath } from './links.ts'
import { servicePath } from '../../app/links.ts'
import { statusTooltip } from './domain/status.ts'
import { type ApiRuleRow } from './list-rows.ts'
import { type ListQuery, type SortColumn } from './list-query.ts'
import type { ApiRulePermissions } from './useApiRuleData.ts'
import type { ApiRuleWarning } from './warnings.ts'
import './apirule-table.css'

export const ROW_HEIGHT = 48
/** Rows rendered where there is no layout to measure (jsdom) and before the first measurement. */
const FALLBACK_ROWS = 30
/**
 * Rows are keyed by their position modulo this (more than can ever be on screen), not by the
 * APIRule: after a sort or a filter the rows in view keep their DOM elements and only their text
 * and attributes change, where keyed by APIRule every row in view was removed and created anew
 * (most of a sort click's rendering time at 2,000 rows). Scrolling still creates only the rows
 * that come into view.
 */
const ROW_SLOTS = 1024
/** How long after the last scroll event the rows take pointer events again. */
const SCROLL_SETTLE_MS = 150

interface Column {
  id: SortColumn | 'actions'
  label: string
  /** Share of the width (fr-like weight) or a fixed CSS width. */
  width: number | string
  /** The column is left out below this table width (px). */
  hideBelow?: number
}

const COLUMNS: readonly Column[] = [
  { id: 'name', label: 'Name', width: 20 },
  { id: 'namespace', label: 'Namespace', width: 10 },
  { id: 'host', label: 'Host', width: 20 },
  { id: 'service', label: 'Service', width: 11, hideBelow: 720 },
  { id: 'gateway', label: 'Gateway', width: 12, hideBelow: 1000 },
  { id: 'access', label: 'Access', width: 9, hideBelow: 860 },
  { id: 'status', label: 'Status', width: 10 },
  { id: 'age', label: 'Age', width: '4rem' },
  { id: 'actions', label: 'Actions', width: '5.5rem' },
]

/** The columns shown for a namespace mode and table width. */
export function visibleColumns(allNamespaces: boolean, tableWidth: number): Column[] {
  const hideShift = allNamespaces ? 140 : 0 // the Namespace column takes that much room
  return COLUMNS.filter(
    (c) =>
      (c.id !== 'namespace' || allNamespaces) &&
      (c.hideBelow === undefined || tableWidth === 0 || tableWidth >= c.hideBelow + hideShift),
  )
}

function colWidth(c: Column, columns: readonly Column[]): string {
  if (typeof c.width === 'string') return c.width
  const total = columns.reduce((n, x) => n + (typeof x.width === 'number' ? x.width : 0), 0)
  return `${((100 * c.width) / total).toFixed(2)}%`
}

/**
 * Whether the table is scrolling, for rows that come into view meanwhile: they render as text only
 * (no links, buttons, checkbox or icons) and get their controls once scrolling settles. Creating
 * and painting a row's controls and SVG icons on every scroll step was most of a scroll frame.
 */
class ScrollState {
  scrolling = false
  readonly #settled = new Set<() => void>()
  start() {
    this.scrolling = true
  }
  settle() {
    this.scrolling = false
    for (const l of [...this.#settled]) l()
    this.#settled.clear()
  }
  onSettle(listener: () => void): () => void {
    this.#settled.add(listener)
    return () => this.#settled.delete(listener)
  }
}

/** False for a row that came into view while the table scrolled, until scrolling settles. */
function useSettled(scroll: ScrollState): boolean {
  const [settled, setSettled] = useState(() => !scroll.scrolling)
  useEffect(() => {
    if (settled) return
    if (!scroll.scrolling) {
      setSettled(true)
      return
    }
    return scroll.onSettle(() => setSettled(true))
  }, [settled, scroll])
  return settled
}

export interface ApiRuleTableProps {
  rows: readonly ApiRuleRow[]
  allNamespaces: boolean
  warnings: ReadonlyMap<string, ApiRuleWarning[]>
  perms: ApiRulePermissions
  sort: Pick<ListQuery, 'sort' | 'direction'>
  onSort: (column: SortColumn) => void
  selected: ReadonlySet<string>
  onSelect: (keys: readonly string[], selected: boolean) => void
  /** Namespaces of the rows in view, for permission checks (all-namespaces view). */
  onVisibleNamespaces: (namespaces: string[]) => void
}

export function ApiRuleTable({
  rows,
  allNamespaces,
  warnings,
  perms,
  sort,
  onSort,
  selected,
  onSelect,
  onVisibleNamespaces,
}: ApiRuleTableProps) {
  // One navigate for every row: a router hook per row and link costs on each scroll step.
  const navigate = useNavigate()
  const scrollRef = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  // While scrolling, the rows take no pointer events: the browser hit-tests the pointer after every
  // scroll step and a row sliding under it changed its hover style, a restyle and repaint per frame
  // (a tenth of the main thread's time in a trace of the 2,000-row scroll). Set on the element,
  // not in React state: no render per scroll event.
  const [scroll] = useState(() => new ScrollState())
  useEffect(() => {
    const el = scrollRef.current
    if (!el) return
    let settle: ReturnType<typeof setTimeout> | undefined
    const onScroll = () => {
      if (settle === undefined) {
        el.classList.add('kd-scrolling')
        scroll.start()
      }
      clearTimeout(settle)
      settle = setTimeout(() => {
        settle = undefined
        el.classList.remove('kd-scrolling')
        scroll.settle()
      }, SCROLL_SETTLE_MS)
    }
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      el.removeEventListener('scroll', onScroll)
      clearTimeout(settle)
    }
  }, [scroll])
  const columnKey = visibleColumns(allNamespaces, width)
    .map((c) => c.id)
    .join(',')
  // One array per set of columns, so memoized rows re-render only when the set changes.
  const columns = useMemo(
    () => COLUMNS.filter((c) => columnKey.split(',').includes(c.id)),
    [columnKey],
  )

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => rows[i]?.key ?? i,
  })
  let items = virtualizer.getVirtualItems().map((v) => ({ index: v.index, start: v.start }))
  if (items.length === 0 && rows.length > 0) {
    items = rows.slice(0, FALLBACK_ROWS).map((_, i) => ({ index: i, start: i * ROW_HEIGHT }))
  }
  const total = rows.length * ROW_HEIGHT
  const padTop = items[0]?.start ?? 0
  const last = items[items.length - 1]
  const padBottom = last ? Math.max(0, total - last.start - ROW_HEIGHT) : 0

  const visibleNs = allNamespaces
    ? [...new Set(items.map((i) => rows[i.index]?.namespace ?? ''))].sort().join('\n')
    : ''
  useEffect(() => {
    if (allNamespaces) onVisibleNamespaces(visibleNs.split('\n'))
  }, [allNamespaces, visibleNs, onVisibleNamespaces])

  const shownSelected = rows.reduce((n, r) => n + (selected.has(r.key) ? 1 : 0), 0)
  const colSpan = columns.length + 1

  return (
    <div
      ref={scrollRef}
      className="kd-vtable"
      style={{ height: `min(calc(100vh - 15rem), ${(rows.length + 1) * ROW_HEIGHT + 2}px)` }}
    >
      <table className="kd-vtable-table" aria-label="API Rules" aria-rowcount={rows.length + 1}>
        <colgroup>
          <col style={{ width: '2.75rem' }} />
          {columns.map((c) => (
            <col key={c.id} style={{ width: colWidth(c, columns) }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th className="kd-vtable-select">
              <SelectAll
                checked={shownSelected > 0 && shownSelected === rows.length}
                indeterminate={shownSelected > 0 && shownSelected < rows.length}
                onChange={(on) =>
                  onSelect(
                    rows.map((r) => r.key),
                    on,
                  )
                }
              />
            </th>
            {columns.map((c) => (
              <th
                key={c.id}
                scope="col"
                aria-sort={
                  c.id === sort.sort
                    ? sort.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : undefined
                }
              >
                {c.id === 'actions' ? (
                  c.label
                ) : (
                  <button
                    type="button"
                    className="kd-vtable-sort"
                    aria-label={`Sort by ${c.label}`}
                    title={`Sort by ${c.label}`}
                    onClick={() => onSort(c.id as SortColumn)}
                  >
                    {c.label}
                    {c.id === sort.sort && (
                      <span aria-hidden className="kd-vtable-sort-arrow">
                        {sort.direction === 'asc' ? '▲' : '▼'}
                      </span>
                    )}
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && (
            <tr aria-hidden className="kd-vtable-pad" style={{ height: padTop }}>
              <td colSpan={colSpan} />
            </tr>
          )}
          {items.map(({ index }) => {
            const row = rows[index] as ApiRuleRow
            return (
              <ApiRuleTableRow
                key={index % ROW_SLOTS}
                row={row}
                index={index}
                columns={columns}
                warnings={warnings.get(row.key)}
                canUpdate={perms.update(row.namespace)}
                canCreate={perms.createIn(row.namespace)}
                selected={selected.has(row.key)}
                onSelect={onSelect}
                navigate={navigate}
                scroll={scroll}
              />
            )
          })}
          {padBottom > 0 && (
            <tr aria-hidden className="kd-vtable-pad" style={{ height: padBottom }}>
              <td colSpan={colSpan} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

function SelectAll({
  checked,
  indeterminate,
  onChange,
}: {
  checked: boolean
  indeterminate: boolean
  onChange: (on: boolean) => void
}) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = indeterminate
  }, [indeterminate])
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select all shown API Rules"
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
    />
  )
}

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

const ApiRuleTableRow = memo(function ApiRuleTableRow({
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
          <span
            className="kd-vtable-state"
            data-state={row.status.state}
            title={statusTooltip(row.status)}
          >
            {row.status.label}
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
function TextRow({
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
          <span className="kd-vtable-state" data-state={row.status.state}>
            {row.status.label}
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
