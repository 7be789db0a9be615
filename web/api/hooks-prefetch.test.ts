// prefetchK8sList starts the list a route's page will ask for, under the same query key as
// useK8sList, so the hook finds it in flight instead of sending it again after the page's chunk.
import { QueryClient } from '@tanstack/react-query'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { prefetchK8sList } from './hooks.ts'
import { listQueryKey } from './query-keys.ts'
import { APIRULES } from './resources.ts'

afterEach(() => vi.unstubAllGlobals())

describe('prefetchK8sList', () => {
  it("fetches the list once, under the hook's key", async () => {
    const urls: string[] = []
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      urls.push(String(input))
      return Promise.resolve(
        new Response(JSON.stringify({ metadata: { resourceVersion: '7' }, items: [] }), {
          headers: { 'content-type': 'application/json' },
        }),
      )
    })
    const qc = new QueryClient()
    prefetchK8sList(qc, APIRULES, 'demo')
    prefetchK8sList(qc, APIRULES, 'demo') // a second navigation: already there
    const key = listQueryKey(APIRULES, 'demo', {
      labelSelector: undefined,
      fieldSelector: undefined,
    })
    await vi.waitFor(() => expect(qc.getQueryState(key)?.status).toBe('success'))
    expect(urls).toEqual(['/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/demo/apirules'])
    expect(qc.getQueryData<{ resourceVersion?: string }>(key)?.resourceVersion).toBe('7')
  })
})
