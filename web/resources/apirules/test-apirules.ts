// APIRule objects for the unit tests of the views and the list.

export const v2 = (name: string, spec: unknown, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name, namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec,
  ...extra,
})

export const basicSpec = {
  hosts: ['httpbin'],
  gateway: 'kyma-system/kyma-gateway',
  service: { name: 'httpbin', port: 8000 },
  rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
}
