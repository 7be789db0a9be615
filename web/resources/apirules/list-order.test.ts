import { describe, expect, it } from 'vitest'
import { listRows } from './list-order.ts'
import { DEFAULT_LIST_QUERY, queryRows, SORT_COLUMNS, type ListQuery } from './list-query.ts'
import { toRow, type ApiRuleRow } from './list-rows.ts'
import { toApiRuleView } from './domain/view.ts'

// Names repeat across namespaces and hosts, gateways and statuses repeat across rows: every sort
// column has ties, where the order depends on the tie-break.
function rows(): ApiRuleRow[] {
  const out: ApiRuleRow[] = []
  for (let i = 0; i < 90; i++) {
    const obj = {
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: {
        name: `api-${i % 30}`,
        namespace: `ns-${i % 3}`,
        creationTimestamp: new Date(Date.UTC(2026, 0, 1 + (i % 7))).toISOString(),
      },
      spec: {
        hosts: [`h${i % 5}.example.com`],
        gateway: `kyma-system/gw-${i % 2}`,
        service: { name: `svc-${i % 4}`, port: 80 },
        rules: [{ path: '/*', methods: ['GET'], ...(i % 2 ? { noAuth: true } : { jwt: {} }) }],
      },
      status: i % 4 ? { state: 'Ready' } : { state: 'Error', description: 'no' },
    }
    out.push(toRow(toApiRuleView(obj), new Map()))
  }
  return out
}

const keys = (list: readonly ApiRuleRow[]) => list.map((r) => r.key)

describe('listRows', () => {
  it('gives queryRows’ order for every column, direction and filter, across direction toggles', () => {
    const all = rows()
    const queries: ListQuery[] = []
    for (const sort of SORT_COLUMNS)
      for (const direction of ['asc', 'desc', 'asc'] as const)
        for (const filter of [{}, { search: 'api-1' }, { states: ['Error' as const] }])
          queries.push({ ...DEFAULT_LIST_QUERY, sort, direction, ...filter })
    for (const q of queries) expect(keys(listRows(all, q))).toEqual(keys(queryRows(all, q)))
  })

  it('sorts a row set once per order and starts over for a new row set', () => {
    const all = rows()
    const q = { ...DEFAULT_LIST_QUERY, sort: 'host' as const }
    expect(listRows(all, q)).toBe(listRows(all, { ...q }))
    const changed = [...all]
    changed.pop()
    expect(listRows(changed, q)).toHaveLength(all.length - 1)
  })
})
