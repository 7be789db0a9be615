import { describe, expect, it } from 'vitest'
import { NetworkError, StatusError } from './client.ts'
import { describeError, errorMessage } from './errors.ts'

const status = (code: number, extra: Record<string, unknown> = {}) =>
  new StatusError({ kind: 'Status', status: 'Failure', code, ...extra }, code)

describe('describeError', () => {
  it('403 with context names verb, resource and namespace', () => {
    const d = describeError(status(403, { message: 'forbidden' }), {
      verb: 'list',
      resource: 'APIRules',
      namespace: 'team-a',
    })
    expect(d.kind).toBe('forbidden')
    expect(d.title).toBe('You may not list APIRules in namespace team-a')
    expect(d.retryable).toBe(false)
  })

  it('403 without context is parsed from the API server message', () => {
    const d = describeError(
      status(403, {
        message:
          'apirules.gateway.kyma-project.io is forbidden: User "bob" cannot list resource "apirules" in API group "gateway.kyma-project.io" in the namespace "default"',
      }),
    )
    expect(d.title).toBe('You may not list apirules in namespace default')
  })

  it('403 cluster-wide says all namespaces', () => {
    expect(describeError(status(403), { verb: 'list', resource: 'APIRules' }).title).toBe(
      'You may not list APIRules in all namespaces',
    )
  })

  it('404, 409 and 422 with causes', () => {
    expect(
      describeError(status(404), { resource: 'APIRule', name: 'r', namespace: 'n' }).title,
    ).toBe('APIRule r was not found in namespace n')
    expect(describeError(status(409, { reason: 'Conflict' })).kind).toBe('conflict')
    expect(
      describeError(status(409, { reason: 'AlreadyExists' }), { resource: 'APIRule', name: 'x' })
        .title,
    ).toBe('APIRule x already exists')
    const invalid = status(422, {
      reason: 'Invalid',
      message: 'APIRule "x" is invalid',
      details: { causes: [{ field: 'spec.hosts[0]', message: 'Host must be …' }] },
    })
    const d = describeError(invalid)
    expect(d.kind).toBe('invalid')
    expect(d.causes).toEqual([{ field: 'spec.hosts[0]', message: 'Host must be …' }])
    expect(errorMessage(invalid)).toContain('spec.hosts[0]: Host must be …')
  })

  it('network errors and 5xx are "API server unreachable" / retryable', () => {
    expect(describeError(new NetworkError(new TypeError('x'))).title).toBe('API server unreachable')
    expect(describeError(status(503)).title).toBe('API server unreachable')
    expect(describeError(status(500)).retryable).toBe(true)
    expect(describeError(new TypeError('Failed to fetch')).kind).toBe('unreachable')
  })
})
