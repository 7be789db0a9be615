import { describe, expect, it } from 'vitest'
import { kubeVerb, parseKubePath } from './kube-path.ts'

describe('parseKubePath', () => {
  it.each([
    ['/version', { kind: 'version' }],
    ['/api', { kind: 'discovery', group: '', version: null }],
    ['/api/v1', { kind: 'discovery', group: '', version: 'v1' }],
    ['/apis', { kind: 'discovery', group: null, version: null }],
    [
      '/apis/gateway.kyma-project.io',
      { kind: 'discovery', group: 'gateway.kyma-project.io', version: null },
    ],
    [
      '/apis/gateway.kyma-project.io/v2',
      { kind: 'discovery', group: 'gateway.kyma-project.io', version: 'v2' },
    ],
    ['/openapi/v3', { kind: 'openapi', version: 'v3', rest: [] }],
    [
      '/openapi/v3/apis/gateway.kyma-project.io/v2',
      { kind: 'openapi', version: 'v3', rest: ['apis', 'gateway.kyma-project.io', 'v2'] },
    ],
  ])('parses %s', (path, expected) => {
    expect(parseKubePath(path)).toEqual(expected)
  })

  const resource = (over: object) => ({
    kind: 'resource',
    group: '',
    version: 'v1',
    namespace: null,
    name: null,
    subresource: null,
    ...over,
  })

  it.each([
    ['/api/v1/namespaces', resource({ resource: 'namespaces' })],
    ['/api/v1/namespaces/dev', resource({ resource: 'namespaces', name: 'dev', namespace: 'dev' })],
    [
      '/api/v1/namespaces/dev/status',
      resource({ resource: 'namespaces', name: 'dev', namespace: 'dev', subresource: 'status' }),
    ],
    [
      '/api/v1/namespaces/dev/finalize',
      resource({ resource: 'namespaces', name: 'dev', namespace: 'dev', subresource: 'finalize' }),
    ],
    ['/api/v1/namespaces/dev/services', resource({ resource: 'services', namespace: 'dev' })],
    [
      '/api/v1/namespaces/dev/services/web',
      resource({ resource: 'services', namespace: 'dev', name: 'web' }),
    ],
    [
      '/api/v1/namespaces/dev/pods/p/exec',
      resource({ resource: 'pods', namespace: 'dev', name: 'p', subresource: 'exec' }),
    ],
    ['/api/v1/secrets', resource({ resource: 'secrets' })],
    [
      '/apis/gateway.kyma-project.io/v2/namespaces/dev/apirules/r1/status',
      resource({
        group: 'gateway.kyma-project.io',
        version: 'v2',
        namespace: 'dev',
        resource: 'apirules',
        name: 'r1',
        subresource: 'status',
      }),
    ],
    [
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io',
      resource({
        group: 'apiextensions.k8s.io',
        resource: 'customresourcedefinitions',
        name: 'apirules.gateway.kyma-project.io',
      }),
    ],
  ])('parses %s', (path, expected) => {
    expect(parseKubePath(path)).toEqual(expected)
  })

  it('marks deeper paths (proxy subresources) and unknown roots as other', () => {
    expect(parseKubePath('/api/v1/namespaces/dev/services/web/proxy/admin')?.kind).toBe('other')
    expect(parseKubePath('/api/v1/nodes/n1/proxy/metrics')?.kind).toBe('other')
    expect(parseKubePath('/logs/kube-apiserver.log')?.kind).toBe('other')
    expect(parseKubePath('/metrics')?.kind).toBe('other')
    expect(parseKubePath('/version/extra')?.kind).toBe('other')
  })

  it.each([
    '',
    'api/v1',
    '/api/v1/',
    '/api//v1',
    '/api/v1/namespaces/-bad',
    '/api/v1/namespaces/a_b',
    `/api/v1/namespaces/${'a'.repeat(254)}`,
  ])('refuses malformed %j', (path) => {
    expect(parseKubePath(path)).toBeNull()
  })
})

describe('kubeVerb', () => {
  const q = (s = '') => new URLSearchParams(s)
  it.each([
    ['GET', null, '', 'list'],
    ['GET', 'x', '', 'get'],
    ['GET', null, 'watch=true', 'watch'],
    ['GET', null, 'watch=1', 'watch'],
    ['GET', null, 'watch=false', 'list'],
    ['POST', null, '', 'create'],
    ['PUT', 'x', '', 'update'],
    ['PATCH', 'x', '', 'patch'],
    ['DELETE', 'x', '', 'delete'],
    ['DELETE', null, '', 'deletecollection'],
    ['HEAD', null, '', null],
  ])('%s name=%s %s → %s', (method, name, query, verb) => {
    expect(kubeVerb(method, { name }, q(query))).toBe(verb)
  })
})
