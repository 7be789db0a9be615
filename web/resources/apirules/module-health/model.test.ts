import { describe, expect, it } from 'vitest'
import { moduleHealth, unreconciledRules, type RuleForHealth } from './model.ts'

const NOW = Date.parse('2026-12-08T03:00:00Z')
const ago = (ms: number) => new Date(NOW - ms).toISOString()

const rule = (name: string, created: number, status?: RuleForHealth['status']): RuleForHealth => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name, namespace: 'demo', creationTimestamp: ago(created) },
  ...(status && { status }),
})

describe('module health', () => {
  it('names the controller when rules have gone unreconciled for over a minute', () => {
    const lines = moduleHealth([], [rule('orders', 61_000), rule('fresh', 5_000)], NOW)
    expect(lines).toHaveLength(1)
    expect(lines[0]?.tone).toBe('Negative')
    expect(lines[0]?.text).toMatch(/^1 API Rule is not being reconciled \(orders\)/)
    expect(lines[0]?.text).toContain('API Gateway controller')
  })

  it('says nothing while the controller keeps up', () => {
    const ready = rule('hello', 3_600_000, { state: 'Ready', lastProcessedTime: ago(60_000) })
    const error = rule('inventory', 3_600_000, { state: 'Error', lastProcessedTime: ago(1_000) })
    expect(moduleHealth([], [ready, error, rule('new', 10_000)], NOW)).toEqual([])
  })

  it('counts a rule whose last reconciliation is long overdue', () => {
    const stale = rule('old', 7_200_000, { state: 'Ready', lastProcessedTime: ago(3_000_000) })
    expect(unreconciledRules([stale], NOW).map((r) => r.metadata.name)).toEqual(['old'])
  })

  it("shows the APIGateway resource's state and description", () => {
    const gw = {
      apiVersion: 'operator.kyma-project.io/v1alpha1',
      kind: 'APIGateway',
      metadata: { name: 'default' },
      status: { state: 'Warning' as const, description: 'Istio is not installed' },
    }
    expect(moduleHealth([gw], [], NOW)).toEqual([
      { tone: 'Critical', text: 'API Gateway module Warning: Istio is not installed' },
    ])
  })

  it('lists three names and counts the rest', () => {
    const rules = ['a', 'b', 'c', 'd', 'e'].map((n) => rule(n, 120_000))
    expect(moduleHealth([], rules, NOW)[0]?.text).toMatch(
      /5 API Rules are .*\(a, b, c and 2 more\)/,
    )
  })
})
