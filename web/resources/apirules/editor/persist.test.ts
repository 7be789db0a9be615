import { afterEach, describe, expect, it, vi } from 'vitest'
import { FIELD_MANAGER } from '../../../api/write.ts'
import { StatusError } from '../../../api/client.ts'
import {
  createApiRule,
  getApiRule,
  isLostAnswer,
  replaceApiRule,
  saveErrorMessage,
  toRequestObject,
} from './persist.ts'

const sent: { url: URL; method: string }[] = []

function answer(res: () => Response) {
  sent.length = 0
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    sent.push({ url: new URL(String(input), 'http://d.local'), method: init.method ?? 'GET' })
    return Promise.resolve(res())
  })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

const v1beta1 = toRequestObject(
  { apiVersion: 'gateway.kyma-project.io/v1beta1', kind: 'APIRule', metadata: { name: 'a' } },
  'team-a',
  '5',
)

describe('APIRule writes', () => {
  it('never writes to the route word -all- or an empty namespace', async () => {
    answer(() => new Response('{}'))
    await expect(createApiRule(v1beta1, '-all-', false)).rejects.toThrow(
      'Choose a namespace for the APIRule first.',
    )
    await expect(getApiRule('v2', '', 'x')).rejects.toThrow()
    expect(sent).toEqual([])
  })

  it('writes in the version the document is written in, through the field-managed write API', async () => {
    answer(() => new Response(JSON.stringify(v1beta1)))
    await replaceApiRule(v1beta1, 'team-a', true)
    const [req] = sent
    expect(req?.method).toBe('PUT')
    expect(req?.url.pathname).toBe(
      '/api/k8s/apis/gateway.kyma-project.io/v1beta1/namespaces/team-a/apirules/a',
    )
    expect(req?.url.searchParams.get('fieldManager')).toBe(FIELD_MANAGER)
    expect(req?.url.searchParams.get('fieldValidation')).toBe('Strict')
    expect(req?.url.searchParams.get('dryRun')).toBe('All')
  })

  it('hands the warnings to the editor, also when the write is refused', async () => {
    const warning = { warning: '299 - "gateway.kyma-project.io/v1beta1 APIRule is deprecated"' }
    const seen: string[] = []
    answer(() => new Response(JSON.stringify(v1beta1), { headers: warning }))
    await createApiRule(v1beta1, 'team-a', true, (w) => seen.push(...w))
    answer(
      () =>
        new Response(JSON.stringify({ kind: 'Status', code: 422, reason: 'Invalid' }), {
          status: 422,
          headers: warning,
        }),
    )
    await expect(createApiRule(v1beta1, 'team-a', false, (w) => seen.push(...w))).rejects.toThrow()
    expect(seen).toEqual([
      'gateway.kyma-project.io/v1beta1 APIRule is deprecated',
      'gateway.kyma-project.io/v1beta1 APIRule is deprecated',
    ])
  })
})

describe('saveErrorMessage', () => {
  const status = (code: number, message: string) =>
    new StatusError({ kind: 'Status', status: 'Failure', code, message }, code)

  it('says that the edit is kept and may have landed when the answer was lost (502/503/504)', () => {
    const lost = status(504, 'The Kubernetes API server https://k did not answer in time')
    expect(isLostAnswer(lost)).toBe(true)
    expect(saveErrorMessage(lost)).toBe(
      'The Kubernetes API server https://k did not answer in time. Your edit is kept here; the ' +
        'cluster may or may not have it — save again to compare.',
    )
  })

  it("passes an answer of the API server on unchanged (it is listed as the server's refusal)", () => {
    const refused = status(422, 'APIRule "a" is invalid: spec.hosts: Required value')
    expect(isLostAnswer(refused)).toBe(false)
    expect(saveErrorMessage(refused)).toBe('APIRule "a" is invalid: spec.hosts: Required value')
  })
})
