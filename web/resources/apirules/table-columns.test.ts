import { describe, expect, it } from 'vitest'
import type { ApiRuleRow } from './list-rows.ts'
import { colWidth, contentWeights, fitWeights, visibleColumns } from './table-columns.ts'

const row = (name: string, host: string): ApiRuleRow =>
  ({
    name,
    namespace: 'demo',
    host,
    service: `${name}:80`,
    gateway: 'kyma-system/kyma-gateway',
    access: { label: 'No auth' },
    status: { state: 'Ready', label: 'Ready' },
  }) as unknown as ApiRuleRow

const rows = ['a', 'bb', 'orders'].map((n) => row(n, `${n}.local.kyma.dev`))
const measure = (t: string) => t.length * 7

describe('list columns by content', () => {
  it('gives a column the width its texts need, not a fixed share', () => {
    const w = contentWeights(rows, measure)
    // Short names: the Name column needs little; the Gateway column its whole text.
    expect(w.get('name')!).toBeLessThan(w.get('gateway')!)
    expect(w.get('gateway')).toBe('kyma-system/kyma-gateway'.length * 7)
  })

  it('leaves columns out only when the texts do not fit, the least important first', () => {
    const w = contentWeights(rows, measure)
    expect(visibleColumns(true, 1400, w).map((c) => c.id)).toContain('gateway')
    const narrow = visibleColumns(true, 700, w).map((c) => c.id)
    expect(narrow).not.toContain('gateway')
    expect(narrow).toEqual(expect.arrayContaining(['name', 'namespace', 'host', 'status']))
  })

  it('lets the Host column give way before the others are cut', () => {
    const cols = visibleColumns(true, 0)
    const w = new Map(
      [...contentWeights(rows, measure)].map(([k, v]) => [k, k === 'host' ? 400 : v]),
    )
    const fitted = fitWeights(cols, w, 1000)
    expect(fitted.get('host')!).toBeLessThan(400)
    expect(fitted.get('gateway')).toBe(w.get('gateway'))
    expect(colWidth(cols[0]!, cols, fitted)).toMatch(/%$/)
  })
})
