import { describe, expect, it } from 'vitest'
import { checkKubeQuery, checkRequestUrl, MAX_URL_LENGTH } from './request-url.ts'

describe('checkRequestUrl', () => {
  it.each([
    '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules',
    '/api/k8s/api/v1/namespaces?labelSelector=a%3Db&limit=50',
    '/',
    '/embed/',
    '/assets/index-abc123.js',
  ])('accepts %s', (url) => {
    expect(checkRequestUrl(url).ok).toBe(true)
  })

  it('splits path and query', () => {
    expect(checkRequestUrl('/a/b?x=1&y=2')).toEqual({ ok: true, path: '/a/b', query: 'x=1&y=2' })
  })

  it.each([
    ['/api/k8s/api/v1/../v1/secrets', /"\." or "\.\."/],
    ['/api/k8s/./api/v1/namespaces', /"\." or "\.\."/],
    ['/api/k8s/api/v1/namespaces/..', /"\." or "\.\."/],
    ['/api/k8s/api%2fv1/secrets', /percent-encoded/],
    ['/api/k8s/api%2Fv1/secrets', /percent-encoded/],
    ['/api/k8s/api/v1/%2e%2e/secrets', /percent-encoded/],
    ['/api/k8s/api/v1/%2E%2E/secrets', /percent-encoded/],
    ['/api/k8s/api/v1%5csecrets', /percent-encoded/],
    ['/api/k8s/api/v1/%252e%252e/secrets', /percent-encoded/],
    ['/api/k8s/api\\v1\\secrets', /backslash/],
    ['/api/k8s//api/v1/secrets', /empty segment/],
    ['/api/k8s/api//v1', /empty segment/],
    ['//evil.example/api', /origin-form/],
    ['http://evil.example/api/k8s/api/v1', /origin-form/],
    ['/api/k8s/https:/evil.example', /":"/],
    ['/api/k8s/user@evil.example/api', /"@"/],
    ['/api/k8s/api/v1/namespaces\x00', /control/],
    ['/api/k8s/api/v1/namespaces\r\nX-Injected: 1', /control/],
    ['/api/k8s/api/v1/na mespaces', /control/],
    ['/api/k8s/api/v1/namespaces/ü', /non-ASCII/],
    [`/api/k8s/${'a'.repeat(MAX_URL_LENGTH)}`, /longer than/],
    ['api/k8s/api', /origin-form/],
  ])('rejects %j', (url, reason) => {
    const check = checkRequestUrl(url)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.reason).toMatch(reason)
  })
})

describe('checkKubeQuery', () => {
  it('accepts the Kubernetes list/watch/write parameters', () => {
    const query =
      'watch=true&resourceVersion=12&allowWatchBookmarks=true&labelSelector=app%3Dx&fieldSelector=metadata.name%3Dy&limit=500&continue=abc&timeoutSeconds=300&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&dryRun=All&fieldManager=dashboard&force=true&propagationPolicy=Foreground'
    expect(checkKubeQuery(query)).toEqual({ ok: true })
  })

  it.each([
    ['command=sh', /"command" is not allowed/],
    ['labelSelector=%00', /control character/],
    ['labelSelector=%E0%A4%A', /malformed/],
    [`labelSelector=${'a'.repeat(2000)}`, /too long/],
  ])('rejects %j', (query, reason) => {
    const check = checkKubeQuery(query)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.reason).toMatch(reason)
  })
})
