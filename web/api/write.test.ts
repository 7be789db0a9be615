import { afterEach, describe, expect, it, vi } from 'vitest'
import { CSRF_HEADER } from '../../protocol/bff-http.ts'
import type { K8sObject } from './k8s-types.ts'
import { APIRULES, atVersion, SERVICES } from './resources.ts'
import {
  ConflictError,
  createObject,
  FIELD_MANAGER,
  InvalidObjectError,
  isConflict,
  replaceObject,
  WriteError,
} from './write.ts'

interface Sent {
  url: URL
  method: string
  headers: Record<string, string>
  body: unknown
}

/** Answers every request with `answer` and records what was sent. */
function fakeBff(answer: () => Response): Sent[] {
  const sent: Sent[] = []
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({
      url: new URL(String(input), 'http://dashboard.local'),
      method: init.method ?? 'GET',
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    })
    return Promise.resolve(answer())
  })
  return sent
}

const rule: K8sObject = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name: 'httpbin', namespace: 'team-a', resourceVersion: '7' },
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  })

const status = (code: number, reason: string, extra: Record<string, unknown> = {}) =>
  json({ kind: 'Status', status: 'Failure', code, reason, message: reason, ...extra }, code)

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the write API', () => {
  it('creates at the descriptor path with the field manager, strict validation and the CSRF header', async () => {
    const sent = fakeBff(() => json(rule, 201))
    const result = await createObject(APIRULES, 'team-a', rule)
    expect(result.object).toEqual(rule)
    const [req] = sent
    expect(req?.method).toBe('POST')
    expect(req?.url.pathname).toBe(
      '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/team-a/apirules',
    )
    expect(req?.url.searchParams.get('fieldManager')).toBe(FIELD_MANAGER)
    expect(req?.url.searchParams.get('fieldValidation')).toBe('Strict')
    expect(req?.url.searchParams.has('dryRun')).toBe(false)
    expect(req?.headers[CSRF_HEADER]).toBe('1')
    expect(req?.body).toEqual(rule)
  })

  it('replaces by name at the version asked for, as a dry run when asked', async () => {
    const sent = fakeBff(() => json(rule))
    await replaceObject(atVersion(APIRULES, 'v1beta1'), 'team-a', rule, { dryRun: true })
    const [req] = sent
    expect(req?.method).toBe('PUT')
    expect(req?.url.pathname).toBe(
      '/api/k8s/apis/gateway.kyma-project.io/v1beta1/namespaces/team-a/apirules/httpbin',
    )
    expect(req?.url.searchParams.get('dryRun')).toBe('All')
    expect(req?.url.searchParams.get('fieldManager')).toBe(FIELD_MANAGER)
    expect(req?.url.searchParams.get('fieldValidation')).toBe('Strict')
  })

  it('encodes names, so a name cannot add path segments', async () => {
    const sent = fakeBff(() => json(rule))
    const evil = { ...rule, metadata: { ...rule.metadata, name: '../../secrets' } }
    await replaceObject(SERVICES, 'team-a', evil)
    expect(sent[0]?.url.pathname).toBe(
      '/api/k8s/api/v1/namespaces/team-a/services/..%2F..%2Fsecrets',
    )
  })

  it('returns the Warning headers of a write', async () => {
    fakeBff(() => json(rule, 201, { warning: '299 - "deprecated version", 299 - "a, b"' }))
    const { warnings } = await createObject(APIRULES, 'team-a', rule)
    expect(warnings).toEqual(['deprecated version', 'a, b'])
  })

  it('turns a 409 Conflict into a ConflictError that keeps the warnings', async () => {
    fakeBff(() => {
      const res = status(409, 'Conflict')
      res.headers.set('warning', '299 - "deprecated version"')
      return res
    })
    const err: unknown = await replaceObject(APIRULES, 'team-a', rule).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ConflictError)
    expect(isConflict(err)).toBe(true)
    expect((err as ConflictError).warnings).toEqual(['deprecated version'])
  })

  it('tells AlreadyExists (also 409) from a conflict', async () => {
    fakeBff(() => status(409, 'AlreadyExists'))
    const err: unknown = await createObject(APIRULES, 'team-a', rule).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WriteError)
    expect(isConflict(err)).toBe(false)
  })

  it('turns a 422 into an InvalidObjectError with the field causes', async () => {
    const causes = [
      { field: 'spec.hosts[0]', message: 'Host must be …', reason: 'FieldValueInvalid' },
    ]
    fakeBff(() => status(422, 'Invalid', { details: { causes } }))
    const err: unknown = await createObject(APIRULES, 'team-a', rule).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(InvalidObjectError)
    expect((err as InvalidObjectError).causes).toEqual(causes)
    expect((err as InvalidObjectError).code).toBe(422)
  })
})
