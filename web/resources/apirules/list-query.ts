// Search, filter and sort of the APIRule list (the list page keeps the query in the URL).
import { ACCESS_KINDS, type AccessKind } from './domain/access.ts'
import { ROW_STATES, type RowState } from './domain/status.ts'
import type { ApiRuleRow } from './list-rows.ts'

export const SORT_COLUMNS = [
  'name',
  'namespace',
  'host',
  'service',
  'gateway',
  'access',
  'status',
  'age',
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type SortDirection = 'asc' | 'desc'

export interface ListQuery {
  search: string
  sort: SortColumn
  direction: SortDirection
  states: RowState[]
  access: AccessKind[]
}

export const DEFAULT_LIST_QUERY: ListQuery = {
  search: '',
  sort: 'name',
  direction: 'asc',
  states: [],
  access: [],
}

const list = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v))

/** Reads the list query from URL search params (`q`, `sort`, `dir`, `status`, `access`). */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const sort = params.get('sort')
  return {
    search: params.get('q') ?? '',
    sort: (SORT_COLUMNS as readonly string[]).includes(sort ?? '')
      ? (sort as SortColumn)
      : DEFAULT_LIST_QUERY.sort,
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
    states: list(params.get('status'), ROW_STATES),
    access: list(params.get('access'), ACCESS_KINDS),
  }
}

/** Writes the list query into URL search params, leaving other params alone; defaults are omitted. */
export function writeListQuery(q: ListQuery, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base)
  const set = (k: string, v: string) => (v ? params.set(k, v) : params.delete(k))
  set('q', q.search)
  set('sort', q.sort === DEFAULT_LIST_QUERY.sort ? '' : q.sort)
  set('dir', q.direction === 'asc' ? '' : q.direction)
  set('status', q.states.join(','))
  set('access', q.access.join(','))
  return params
}

const STATE_ORDER: Record<RowState, number> = {
  Error: 0,
  Warning: 1,
  Processing: 2,
  Deleting: 3,
  NotReconciled: 4,
  Ready: 5,
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function compareBy(column: SortColumn, a: ApiRuleRow, b: ApiRuleRow): number {
  switch (column) {
    case 'name':
      return collator.compare(a.name, b.name)
    case 'namespace':
      return collator.compare(a.namespace, b.namespace)
    case 'host':
      return collator.compare(a.host, b.host)
    case 'service':
      return collator.compare(a.service, b.service)
    case 'gateway':
      return collator.compare(a.gateway, b.gateway)
    case 'access':
      return collator.compare(a.access.label, b.access.label)
    case 'status':
      return STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state]
    case 'age':
      // Ascending age = newest first.
      return collator.compare(b.created, a.created)
  }
}

/** Applies search, filters and sort. Ties are broken by namespace and name so the order is stable. */
export function queryRows(rows: readonly ApiRuleRow[], q: ListQuery): ApiRuleRow[] {
  const needle = q.search.trim().toLowerCase()
  const states = new Set(q.states)
  const access = new Set(q.access)
  const out = rows.filter(
    (r) =>
      (!needle || r.searchText.includes(needle)) &&
      (!states.size || states.has(r.status.state)) &&
      (!access.size || r.access.kinds.some((k) => access.has(k))),
  )
  const dir = q.direction === 'desc' ? -1 : 1
  out.sort(
    (a, b) =>
      dir * compareBy(q.sort, a, b) ||
      collator.compare(a.namespace, b.namespace) ||
      collator.compare(a.name, b.name),
  )
  return out
}
