import { describe, expect, it } from 'vitest'
import { pino } from 'pino'
import { logSerializers, redactText, REDACT_PATHS, REDACTED } from './redact.ts'

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

  it('blanks every credential a log call carries in headers or bodies, and nothing else', () => {
    // The logger the server builds (app.ts): pino with these redact paths and this censor.
    const lines: string[] = []
    const log = pino(
      { redact: { paths: [...REDACT_PATHS], censor: REDACTED } },
      { write: (line: string) => void lines.push(line) },
    )
    const secret = (what: string) => `s3cret-${what}`
    log.info({
      req: {
        headers: {
          authorization: `Bearer ${secret('authorization')}`,
          cookie: `kyma_dashboard_session=${secret('cookie')}`,
          'proxy-authorization': `Basic ${secret('proxy')}`,
          accept: 'application/json',
        },
      },
      res: { headers: { 'set-cookie': `kyma_dashboard_session=${secret('set-cookie')}` } },
    })
    log.info({
      headers: {
        authorization: `Bearer ${secret('bare-authorization')}`,
        cookie: secret('bare-cookie'),
        'set-cookie': secret('bare-set-cookie'),
      },
      token: secret('token'),
      body: { token: secret('body-token'), namespace: 'default' },
    })
    const out = lines.join('')
    expect(out).not.toContain('s3cret')
    expect(out.split(`"${REDACTED}"`)).toHaveLength(10)
    // What is not a credential is still logged: the redaction is by path, not a blanket.
    expect(out).toContain('application/json')
    expect(out).toContain('"namespace":"default"')
  })
})
