import { describe, expect, it } from 'vitest'
import { gitOpsObject, lastChange } from './gitops.ts'

const stored = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: {
    name: 'orders',
    namespace: 'shop',
    uid: 'u',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { app: 'orders' },
    annotations: {
      'gateway.kyma-project.io/original-version': 'v2',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
      team: 'shop',
    },
    finalizers: ['gateway.kyma-project.io/subresources'],
    managedFields: [
      { manager: 'kubectl', operation: 'Apply', time: '2026-01-01T00:00:00Z' },
      { manager: 'kyma-apirules-dashboard', operation: 'Update', time: '2026-01-02T10:00:00Z' },
      {
        manager: 'manager',
        operation: 'Update',
        subresource: 'status',
        time: '2026-01-03T00:00:00Z',
      },
    ],
  },
  spec: { hosts: ['orders'], rules: [] },
  status: { state: 'Ready' },
}

describe('gitOpsObject', () => {
  it('keeps what the author wrote and drops what the server and the controller wrote', () => {
    expect(gitOpsObject(stored)).toEqual({
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: {
        name: 'orders',
        namespace: 'shop',
        labels: { app: 'orders' },
        annotations: { team: 'shop' },
      },
      spec: { hosts: ['orders'], rules: [] },
    })
  })
})

describe('lastChange', () => {
  it('is the latest write of the rule, not of its status', () => {
    expect(lastChange(stored)).toEqual({
      manager: 'kyma-apirules-dashboard',
      operation: 'Update',
      time: '2026-01-02T10:00:00Z',
    })
    expect(lastChange({ metadata: {} })).toBeUndefined()
  })
})
