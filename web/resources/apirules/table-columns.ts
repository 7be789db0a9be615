// The API Rule table's columns: shares of the width by content (the longer texts of a column get
// the room, so no Name column has spare width while Gateway and Status are cut), and the ones left
// out on narrow tables (so Status, Age and Actions stay on screen); the user can show them all.
import type { ApiRuleRow } from './list-rows.ts'
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

/** The columns shown for a namespace mode and table width (0: every column). */
export function visibleColumns(
  allNamespaces: boolean,
  tableWidth: number,
  weights?: Weights,
): Column[] {
  const all = COLUMNS.filter((c) => c.id !== 'namespace' || allNamespaces)
  if (tableWidth === 0) return all
  if (!weights) {
    const hideShift = allNamespaces ? 140 : 0 // the Namespace column takes that much room
    return all.filter((c) => c.hideBelow === undefined || tableWidth >= c.hideBelow + hideShift)
  }
  // By content: leave out the least important columns (highest hideBelow first) until the texts
  // fit, so a column is dropped only when the others would otherwise be cut.
  const shown = [...all]
  const droppable = all
    .filter((c) => c.hideBelow !== undefined)
    .sort((a, b) => (b.hideBelow ?? 0) - (a.hideBelow ?? 0))
  while (neededWidth(shown, weights) - hostSlack(weights) > tableWidth && droppable.length) {
    shown.splice(shown.indexOf(droppable.shift()!), 1)
  }
  return shown
}

/** A cell's padding (px). */
const CELL_PX = 18
/** The selection column and the fixed Age and Actions columns. */
const FIXED_PX = 44 + 64 + 88

/**
 * Host texts are long and cut well (the full host is in the tooltip and the Copy URL button): the
 * Host column gives up to this much of its width before any other column is cut or left out.
 */
const HOST_MIN_PX = 120
function hostSlack(weights: Weights): number {
  return Math.max(0, (weights.get('host') ?? 0) - HOST_MIN_PX)
}

/** The weights for `columns` in a table `tableWidth` px wide: Host gives way first. */
export function fitWeights(
  columns: readonly Column[],
  weights: Weights,
  tableWidth: number,
): Weights {
  const over = neededWidth(columns, weights) - tableWidth
  if (over <= 0 || !columns.some((c) => c.id === 'host')) return weights
  const fitted = new Map(weights)
  fitted.set('host', Math.max(HOST_MIN_PX, (weights.get('host') ?? 0) - over))
  return fitted
}

/** The width (px) the columns' texts need, by their weights. */
function neededWidth(columns: readonly Column[], weights: Weights): number {
  return (
    FIXED_PX +
    columns.reduce(
      (n, c) =>
        n + (typeof c.width === 'number' ? (weights.get(c.id) ?? c.width * 10) + CELL_PX : 0),
      0,
    )
  )
}

/** Every column, for "Show all columns": the table then scrolls sideways at this width (px). */
export const ALL_COLUMNS_MIN_WIDTH = 1180

/** Share weights per column id (the px its texts need); fixed-width columns have none. */
export type Weights = ReadonlyMap<string, number>

/** The text a row shows in a column (what its width should fit). */
function cellText(row: ApiRuleRow, id: Column['id']): string {
  switch (id) {
    case 'name':
      return row.name
    case 'namespace':
      return row.namespace
    case 'host':
      return row.host
    case 'service':
      return row.service
    case 'gateway':
      return row.gateway
    case 'access':
      return row.access.label
    case 'status':
      // The label, and a readable start of the controller's description under it.
      return row.status.description && row.status.state !== 'Ready'
        ? row.status.description.slice(0, 28)
        : row.status.label
    default:
      return ''
  }
}

const SAMPLE = 500
/** A text is measured at most this wide (px), so one long host does not take the table. */
const MAX_TEXT_PX = 320
/** What a cell shows beside its text: the Copy URL button, the warning icon, the status dot. */
const EXTRA_PX: Partial<Record<Column['id'], number>> = { host: 36, name: 22, status: 20 }
/** Room for the sort arrow beside a header. */
const SORT_ARROW_PX = 16

/** Measures a text's width (px) in the table's font; the fallback counts 7 px per character. */
export type Measure = (text: string) => number
const byLength: Measure = (text) => text.length * 7

/**
 * Widths by content (px): per column, the 90th percentile of its texts' widths over (a sample of)
 * the rows plus what the cell shows beside the text, at least its header, at most MAX_TEXT_PX.
 */
export function contentWeights(rows: readonly ApiRuleRow[], measure: Measure = byLength): Weights {
  const step = Math.max(1, Math.ceil(rows.length / SAMPLE))
  const sample = rows.filter((_, i) => i % step === 0)
  const out = new Map<string, number>()
  for (const c of COLUMNS) {
    if (typeof c.width !== 'number') continue
    const widths = sample.map((r) => measure(cellText(r, c.id))).sort((a, b) => a - b)
    const p90 = widths.length ? widths[Math.floor((widths.length - 1) * 0.9)]! : c.width * 10
    const text = Math.min(MAX_TEXT_PX, p90) + (EXTRA_PX[c.id] ?? 0)
    out.set(c.id, Math.max(measure(c.label) + SORT_ARROW_PX, text))
  }
  return out
}

export function colWidth(c: Column, columns: readonly Column[], weights?: Weights): string {
  if (typeof c.width === 'string') return c.width
  const weight = (x: Column) => (typeof x.width === 'number' ? (weights?.get(x.id) ?? x.width) : 0)
  const total = columns.reduce((n, x) => n + weight(x), 0)
  return `${((100 * weight(c)) / total).toFixed(2)}%`
}
