import { describe, expect, it } from 'vitest'
import { parseListQuery, queryRows, writeListQuery, DEFAULT_LIST_QUERY } from './list-query.ts'
import { toApiRuleView } from './domain/view.ts'
import { toRow } from './list-rows.ts'
import { basicSpec, v2 } from './test-apirules.ts'

describe('search, filter, sort and URL state', () => {
  const rows = [
    toRow(
      toApiRuleView(
        v2('bravo', { ...basicSpec, hosts: ['b.example.com'] }, { status: { state: 'Ready' } }),
      ),
      new Map(),
    ),
    toRow(
      toApiRuleView({
        ...v2('alpha', {
          ...basicSpec,
          service: { name: 'orders', port: 80 },
          rules: [{ path: '/', methods: ['GET'], jwt: {} }],
        }),
        metadata: {
          name: 'alpha',
          namespace: 'default',
          labels: { team: 'payments' },
          creationTimestamp: '2026-02-01T00:00:00Z',
        },
      }),
      new Map(),
    ),
    toRow(toApiRuleView(v2('charlie', basicSpec, { status: { state: 'Error' } })), new Map()),
  ]

  it('searches name, host, service and labels', () => {
    const names = (search: string) =>
      queryRows(rows, { ...DEFAULT_LIST_QUERY, search }).map((r) => r.name)
    expect(names('b.example')).toEqual(['bravo'])
    expect(names('ORDERS')).toEqual(['alpha'])
    expect(names('team=payments')).toEqual(['alpha'])
    expect(names('')).toEqual(['alpha', 'bravo', 'charlie'])
  })

  it('filters by status and access and sorts by any column', () => {
    expect(
      queryRows(rows, { ...DEFAULT_LIST_QUERY, states: ['NotReconciled'] }).map((r) => r.name),
    ).toEqual(['alpha'])
    expect(queryRows(rows, { ...DEFAULT_LIST_QUERY, access: ['jwt'] }).map((r) => r.name)).toEqual([
      'alpha',
    ])
    expect(queryRows(rows, { ...DEFAULT_LIST_QUERY, sort: 'status' }).map((r) => r.name)).toEqual([
      'charlie',
      'alpha',
      'bravo',
    ])
    expect(
      queryRows(rows, { ...DEFAULT_LIST_QUERY, sort: 'name', direction: 'desc' }).map(
        (r) => r.name,
      ),
    ).toEqual(['charlie', 'bravo', 'alpha'])
    expect(queryRows(rows, { ...DEFAULT_LIST_QUERY, sort: 'age' })[0]?.name).toBe('alpha')
  })

  it('round-trips through URL params and drops defaults and junk', () => {
    const q = {
      search: 'x y',
      sort: 'host' as const,
      direction: 'desc' as const,
      states: ['Error' as const],
      access: ['jwt' as const, 'noAuth' as const],
    }
    const params = writeListQuery(q, new URLSearchParams('keep=1'))
    expect(params.get('keep')).toBe('1')
    expect(parseListQuery(params)).toEqual(q)
    expect(writeListQuery(DEFAULT_LIST_QUERY).toString()).toBe('')
    expect(parseListQuery(new URLSearchParams('sort=evil&status=Nope,Ready&dir=up'))).toEqual({
      ...DEFAULT_LIST_QUERY,
      states: ['Ready'],
    })
  })
})
