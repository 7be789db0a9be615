// The API Rule table's columns: fixed shares of the width, and the ones left out on narrow tables
// (so Status, Age and Actions stay on screen at 1440 px in every namespace mode).
import type { SortColumn } from './list-query.ts'

export interface Column {
  id: SortColumn | 'actions'
  label: string
  /** Share of the width (fr-like weight) or a fixed CSS width. */
  width: number | string
  /** The column is left out below this table width (px). */
  hideBelow?: number
}

export const COLUMNS: readonly Column[] = [
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

export function colWidth(c: Column, columns: readonly Column[]): string {
  if (typeof c.width === 'string') return c.width
  const total = columns.reduce((n, x) => n + (typeof x.width === 'number' ? x.width : 0), 0)
  return `${((100 * c.width) / total).toFixed(2)}%`
}
