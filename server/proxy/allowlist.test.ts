import { describe, expect, it } from 'vitest'
import { authorize } from './allowlist.ts'
import { parseKubePath } from './kube-path.ts'

function decide(method: string, path: string, query = '') {
  const parsed = parseKubePath(path)
  if (!parsed) throw new Error(`unparseable ${path}`)
  return authorize(method, parsed, new URLSearchParams(query)).allowed
}

describe('allowlist', () => {
  it.each([
    ['GET', '/version'],
    ['GET', '/api'],
    ['GET', '/api/v1'],
    ['GET', '/apis'],
    ['GET', '/apis/gateway.kyma-project.io'],
    ['GET', '/apis/gateway.kyma-project.io/v2'],
    ['GET', '/openapi/v3'],
    ['GET', '/openapi/v3/apis/gateway.kyma-project.io/v2'],
    ['GET', '/api/v1/namespaces'],
    ['GET', '/api/v1/namespaces/dev'],
    ['GET', '/api/v1/namespaces/dev/services'],
    ['GET', '/api/v1/services'],
    ['GET', '/api/v1/namespaces/dev/events'],
    ['GET', '/api/v1/namespaces/dev/services/web/status'],
    ['GET', '/apis/gateway.kyma-project.io/v2/apirules'],
    ['GET', '/apis/gateway.kyma-project.io/v1beta1/namespaces/dev/apirules'],
    ['POST', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules'],
    ['PUT', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r'],
    ['PATCH', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r'],
    ['DELETE', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r'],
    ['DELETE', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules'],
    ['GET', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r/status'],
    ['GET', '/apis/serverless.kyma-project.io/v1alpha2/namespaces/dev/functions'],
    ['GET', '/apis/networking.istio.io/v1/gateways'],
    ['GET', '/apis/networking.istio.io/v1beta1/namespaces/dev/virtualservices/v'],
    ['GET', '/apis/security.istio.io/v1/authorizationpolicies'],
    ['GET', '/apis/security.istio.io/v1/namespaces/dev/requestauthentications'],
    ['GET', '/apis/oathkeeper.ory.sh/v1alpha1/rules'],
    [
      'GET',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io',
    ],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
    ['POST', '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews'],
    ['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews'],
  ])('allows %s %s', (method, path) => {
    expect(decide(method, path)).toBe(true)
  })

  it('allows watching', () => {
    expect(
      decide('GET', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules', 'watch=true'),
    ).toBe(true)
    expect(decide('GET', '/api/v1/namespaces', 'watch=1')).toBe(true)
  })

  it.each([
    ['GET', '/api/v1/secrets'],
    ['GET', '/api/v1/namespaces/dev/secrets/s'],
    ['GET', '/api/v1/namespaces/dev/configmaps'],
    ['GET', '/api/v1/nodes'],
    ['POST', '/api/v1/namespaces/dev/pods/p/exec'],
    ['GET', '/api/v1/namespaces/dev/pods/p/exec'],
    ['DELETE', '/api/v1/namespaces/dev/pods/p'],
    ['GET', '/api/v1/namespaces/dev/pods/p/attach'],
    ['GET', '/api/v1/namespaces/dev/pods/p/log'],
    ['GET', '/api/v1/namespaces/dev/services/web/proxy'],
    ['GET', '/api/v1/namespaces/dev/services/web/proxy/admin'],
    ['GET', '/api/v1/nodes/n/proxy/metrics'],
    ['POST', '/api/v1/namespaces'],
    ['DELETE', '/api/v1/namespaces/dev'],
    ['PUT', '/api/v1/namespaces/dev/finalize'],
    ['GET', '/api/v1/namespaces/dev/finalize'],
    ['PATCH', '/api/v1/namespaces/dev/services/web'],
    ['PUT', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r/status'],
    ['PATCH', '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r/status'],
    ['POST', '/apis/serverless.kyma-project.io/v1alpha2/namespaces/dev/functions'],
    ['DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x'],
    ['GET', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
    ['POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews'],
    ['POST', '/apis/authentication.k8s.io/v1/tokenreviews'],
    ['POST', '/api/v1/namespaces/dev/serviceaccounts/default/token'],
    ['GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles'],
    ['POST', '/version'],
    ['POST', '/apis'],
    ['GET', '/metrics'],
    ['GET', '/logs/x'],
    ['GET', '/api/v1/watch/secrets'],
  ])('refuses %s %s', (method, path) => {
    expect(decide(method, path)).toBe(false)
  })

  it('reads what the controller checks: Pods, EndpointSlices, ExternalGateways', () => {
    expect(decide('GET', '/api/v1/namespaces/dev/pods')).toBe(true)
    expect(decide('GET', '/api/v1/namespaces/dev/pods', 'watch=true')).toBe(true)
    expect(decide('GET', '/apis/discovery.k8s.io/v1/namespaces/dev/endpointslices')).toBe(true)
    expect(decide('GET', '/apis/gateway.kyma-project.io/v1alpha1/externalgateways')).toBe(true)
    expect(decide('POST', '/apis/discovery.k8s.io/v1/namespaces/dev/endpointslices')).toBe(false)
    expect(decide('POST', '/apis/gateway.kyma-project.io/v1alpha1/externalgateways')).toBe(false)
  })

  it('reads the Istio mesh config and no other ConfigMap', () => {
    const cm = '/api/v1/namespaces/istio-system/configmaps'
    expect(decide('GET', `${cm}/istio`)).toBe(true)
    expect(decide('GET', cm, 'fieldSelector=metadata.name%3Distio')).toBe(true)
    expect(decide('GET', cm, 'watch=true&fieldSelector=metadata.name%3Distio')).toBe(true)
    // Malicious: every other ConfigMap, by name, by a list, by a looser or a second selector.
    expect(decide('GET', `${cm}/istio-ca-root-cert`)).toBe(false)
    expect(decide('GET', cm)).toBe(false)
    expect(decide('GET', cm, 'watch=true')).toBe(false)
    expect(decide('GET', cm, 'fieldSelector=metadata.name!%3Distio')).toBe(false)
    expect(decide('GET', cm, 'fieldSelector=metadata.name%3Distio&fieldSelector=x%3Dy')).toBe(false)
    expect(decide('GET', cm, 'fieldSelector=metadata.name%3Distio,metadata.namespace%3Dx')).toBe(
      false,
    )
    expect(decide('GET', '/api/v1/namespaces/kube-system/configmaps/istio')).toBe(false)
    expect(decide('GET', '/api/v1/configmaps', 'fieldSelector=metadata.name%3Distio')).toBe(false)
    expect(decide('PUT', `${cm}/istio`)).toBe(false)
    expect(decide('DELETE', `${cm}/istio`)).toBe(false)
  })

  it('names the dashboard (not RBAC) in refusals', () => {
    const parsed = parseKubePath('/api/v1/secrets')
    if (!parsed) throw new Error('unparseable')
    expect(authorize('GET', parsed, new URLSearchParams())).toEqual({
      allowed: false,
      reason: 'the dashboard does not allow list on secrets',
    })
  })
})
