import { describe, expect, it } from 'vitest'
import { statusOnlyChange } from './status-only.ts'

const base = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name: 'orders', namespace: 'demo', resourceVersion: '10', finalizers: ['f'] },
  spec: { hosts: ['orders'], rules: [{ path: '/*', methods: ['GET'], noAuth: true }] },
}

describe('statusOnlyChange', () => {
  it('gives the new resourceVersion when only status and resourceVersion changed', () => {
    const current = {
      ...base,
      metadata: { ...base.metadata, resourceVersion: '14' },
      status: { state: 'Error', description: 'Service not found' },
    }
    expect(statusOnlyChange(base, current)).toBe('14')
  })

  it('is undefined when someone changed the spec, labels or finalizers', () => {
    const rv = { resourceVersion: '14' }
    for (const current of [
      { ...base, metadata: { ...base.metadata, ...rv }, spec: { ...base.spec, hosts: ['x'] } },
      { ...base, metadata: { ...base.metadata, ...rv, labels: { a: 'b' } } },
      { ...base, metadata: { ...base.metadata, ...rv, finalizers: [] } },
    ]) {
      expect(statusOnlyChange(base, current)).toBeUndefined()
    }
  })
})
