import { describe, expect, it } from 'vitest'
import { forwardedRequestHeaders, passedResponseHeaders } from './headers.ts'

describe('forwardedRequestHeaders', () => {
  it('forwards only Content-Type, Accept and Accept-Encoding', () => {
    const out = forwardedRequestHeaders({
      'content-type': 'application/merge-patch+json',
      accept: 'application/json;as=Table;g=meta.k8s.io;v=v1',
      'accept-encoding': 'gzip',
      authorization: 'Bearer stolen',
      cookie: 'kyma_dashboard_token=abc',
      'impersonate-user': 'system:admin',
      'impersonate-group': 'system:masters',
      'impersonate-uid': '1',
      'impersonate-extra-scopes': 'x',
      'x-forwarded-for': '1.2.3.4',
      'x-forwarded-host': 'evil',
      'x-remote-user': 'admin',
      host: 'evil.example',
      origin: 'http://127.0.0.1:8080',
      'x-kyma-dashboard-csrf': '1',
    })
    expect(out).toEqual({
      'content-type': 'application/merge-patch+json',
      accept: 'application/json;as=Table;g=meta.k8s.io;v=v1',
      'accept-encoding': 'gzip',
    })
  })
})

describe('passedResponseHeaders', () => {
  it('passes the allowed response headers and drops cookies and CORS', () => {
    const out = passedResponseHeaders({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': '12',
      'cache-control': 'no-cache, private',
      warning: ['299 - "deprecated"', '299 - "also"'],
      'audit-id': 'abc',
      'set-cookie': ['session=1'],
      'access-control-allow-origin': '*',
      'www-authenticate': 'Basic',
      'x-kubernetes-pf-flowschema-uid': 'u',
    })
    expect(out).toEqual({
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'content-length': '12',
      'cache-control': 'no-cache, private',
      warning: ['299 - "deprecated"', '299 - "also"'],
      'audit-id': 'abc',
    })
  })
})
