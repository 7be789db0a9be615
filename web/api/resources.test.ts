import { describe, expect, it } from 'vitest'
import {
  APIRULES,
  apiVersionOf,
  CRDS,
  EVENTS,
  GATEWAYS,
  NAMESPACES,
  resourcePath,
  SERVICES,
} from './resources.ts'

describe('resourcePath', () => {
  it('builds core and group paths', () => {
    expect(resourcePath(NAMESPACES)).toBe('/api/v1/namespaces')
    expect(resourcePath(SERVICES, { namespace: 'default' })).toBe(
      '/api/v1/namespaces/default/services',
    )
    expect(resourcePath(APIRULES)).toBe('/apis/gateway.kyma-project.io/v2/apirules')
    expect(resourcePath(APIRULES, { namespace: 'ns', name: 'r1' })).toBe(
      '/apis/gateway.kyma-project.io/v2/namespaces/ns/apirules/r1',
    )
    expect(resourcePath(GATEWAYS, { namespace: 'kyma-system', name: 'kyma-gateway' })).toBe(
      '/apis/networking.istio.io/v1/namespaces/kyma-system/gateways/kyma-gateway',
    )
    expect(resourcePath(CRDS, { name: 'apirules.gateway.kyma-project.io' })).toBe(
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io',
    )
  })

  it('adds a subresource after the name', () => {
    expect(resourcePath(APIRULES, { namespace: 'a', name: 'b', subresource: 'status' })).toBe(
      '/apis/gateway.kyma-project.io/v2/namespaces/a/apirules/b/status',
    )
    expect(() => resourcePath(APIRULES, { subresource: 'status' })).toThrow()
  })

  it('encodes every segment so names cannot inject path or query', () => {
    expect(resourcePath(EVENTS, { namespace: 'a/b', name: 'x?y#z' })).toBe(
      '/api/v1/namespaces/a%2Fb/events/x%3Fy%23z',
    )
    expect(resourcePath(SERVICES, { namespace: '..', name: '.' })).toBe(
      '/api/v1/namespaces/%2E%2E/services/%2E',
    )
  })

  it('refuses empty segments and namespaces on cluster-scoped resources', () => {
    expect(() => resourcePath(SERVICES, { namespace: '' })).toThrow()
    expect(() => resourcePath(SERVICES, { namespace: 'a', name: '' })).toThrow()
    expect(() => resourcePath(NAMESPACES, { namespace: 'a' })).toThrow()
  })

  it('apiVersionOf', () => {
    expect(apiVersionOf(SERVICES)).toBe('v1')
    expect(apiVersionOf(APIRULES)).toBe('gateway.kyma-project.io/v2')
  })
})
