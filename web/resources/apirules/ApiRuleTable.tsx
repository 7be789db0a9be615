// The API Rule table: a plain HTML table virtualized with @tanstack/react-virtual. Only the rows in
// view (plus a few) exist in the DOM, and a row is native elements only (links, buttons, inline SVG
// icons): a UI5 web component per cell made every scroll step create shadow roots, which cost
// most of the frames at 2,000 rows (issue 16). Columns share the width by their content with
// one-line cells that cut off with an ellipsis (full text in the tooltip); narrow tables drop the
// columns that matter least, so Status, Age and Actions stay on screen, and "Show all columns"
// brings them back (the table then scrolls sideways).
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { type ApiRuleRow } from './list-rows.ts'
import { type ListQuery, type SortColumn } from './list-query.ts'
import type { ApiRulePermissions } from './useApiRuleData.ts'
import type { ApiRuleWarning } from './warnings.ts'
import './apirule-table.css'

import {
  ALL_COLUMNS_MIN_WIDTH,
  COLUMNS,
  colWidth,
  contentWeights,
  fitWeights,
  type Measure,
  visibleColumns,
} from './table-columns.ts'
import { ScrollState } from './table-scroll.ts'
import { ApiRuleTableRow } from './ApiRuleTableRow.tsx'

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
  const [showAll, setShowAll] = useState(false)
  // Measured once the table is in the page (its width is known then), again when rows change.
  const mounted = width > 0
  const measure = useMemo(() => (mounted ? textMeasure(scrollRef.current) : undefined), [mounted])
  const weights = useMemo(() => contentWeights(rows, measure), [rows, measure])
  const fitting = visibleColumns(allNamespaces, width, weights)
  const hidden = visibleColumns(allNamespaces, 0).filter((c) => !fitting.includes(c))
  const columnKey = (showAll ? visibleColumns(allNamespaces, 0) : fitting)
    .map((c) => c.id)
    .join(',')
  // One array per set of columns, so memoized rows re-render only when the set changes.
  const columns = useMemo(
    () => COLUMNS.filter((c) => columnKey.split(',').includes(c.id)),
    [columnKey],
  )
  const fitted = fitWeights(columns, weights, showAll ? ALL_COLUMNS_MIN_WIDTH : width)

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
    <>
      {hidden.length > 0 || showAll ? (
        <button
          type="button"
          className="kd-vtable-columns"
          aria-pressed={showAll}
          onClick={() => setShowAll((v) => !v)}
        >
          {showAll
            ? 'Fit columns to the width'
            : `Show all columns (${hidden.map((c) => c.label).join(', ')} hidden)`}
        </button>
      ) : null}
      <div
        ref={scrollRef}
        className="kd-vtable"
        style={{ height: `min(calc(100vh - 15rem), ${(rows.length + 1) * ROW_HEIGHT + 2}px)` }}
      >
        <table
          className="kd-vtable-table"
          aria-label="API Rules"
          aria-rowcount={rows.length + 1}
          style={showAll ? { minWidth: ALL_COLUMNS_MIN_WIDTH } : undefined}
        >
          <colgroup>
            <col style={{ width: '2.75rem' }} />
            {columns.map((c) => (
              <col key={c.id} style={{ width: colWidth(c, columns, fitted) }} />
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
                      <span className="kd-vtable-sort-label">{c.label}</span>
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
    </>
  )
}

/**
 * Measures texts in the font of `el` (the table), with a canvas: no layout of the page. Widths are
 * cached per text: the list re-measures on every search keystroke, and most texts repeat.
 */
function textMeasure(el: HTMLElement | null): Measure | undefined {
  const ctx = el && document.createElement('canvas').getContext('2d')
  if (!el || !ctx) return undefined
  const style = getComputedStyle(el)
  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
  const cache = new Map<string, number>()
  return (text) => {
    let w = cache.get(text)
    if (w === undefined) {
      w = ctx.measureText(text).width
      cache.set(text, w)
    }
    return w
  }
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
