import { describe, expect, it } from 'vitest'
import { logSerializers, redactText, REDACT_PATHS } from './redact.ts'

describe('redaction', () => {
  it('blanks bearer tokens, JWTs and session cookies inside text', () => {
    const text =
      'Authorization: Bearer abc.def-123 cookie kyma_dashboard_token=xyz; jwt eyJhbGciOi.eyJzdWIi.sig'
    const out = redactText(text)
    expect(out).not.toMatch(/abc\.def-123|xyz|eyJhbGciOi/)
    expect(out).toContain('Bearer [redacted]')
  })

  it('never serializes request headers', () => {
    const req = {
      method: 'GET',
      url: '/api/k8s/api/v1/namespaces',
      headers: {
        host: '127.0.0.1:8080',
        authorization: 'Bearer secret',
        cookie: 'kyma_dashboard_token=secret',
      },
      ip: '127.0.0.1',
    }
    const logged = JSON.stringify(
      logSerializers.req(req as unknown as Parameters<typeof logSerializers.req>[0]),
    )
    expect(logged).not.toContain('secret')
    expect(logged).toContain('/api/k8s/api/v1/namespaces')
  })

  it('redacts the credential paths', () => {
    expect(REDACT_PATHS).toEqual(
      expect.arrayContaining([
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
      ]),
    )
  })
})
