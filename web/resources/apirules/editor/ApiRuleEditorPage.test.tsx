// @vitest-environment jsdom
// Issue 20: after a save the editor navigates to the details page, which must show what the API
// server returned for the write, not the copy of the object the query cache still holds from
// before (here: the v1beta1 rule `/.*` `allow`, migrated and saved as v2 `/*` `noAuth`).
import '@ui5/webcomponents-react/dist/Assets-node.js'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { toListState } from '../../../api/list-cache.ts'
import { objectQueryKey } from '../../../api/query-keys.ts'
import type { K8sObject } from '../../../api/k8s-types.ts'
import { APIRULES, APIRULES_V1BETA1 } from '../../../api/resources.ts'

type Saved = Record<string, unknown>

// The editor itself is not under test: a stand-in reports the save as the real one does.
let savedResponse: Saved
vi.mock('./ApiRuleEditor.tsx', () => ({
  ApiRuleEditor: (props: { onSaved?: (saved: Saved) => void }) => (
    <button type="button" onClick={() => props.onSaved?.(savedResponse)}>
      stand-in save
    </button>
  ),
}))

const { ApiRuleEditorPage } = await import('./ApiRuleEditorPage.tsx')
const { ApiRuleDetailsPage } = await import('../ApiRuleDetailsPage.tsx')

const meta = { name: 'my-api-rule', namespace: 'ns' }
const V1BETA1_SPEC = {
  host: 'my-host',
  service: { name: 'hello-kyma-svc', port: 80 },
  gateway: 'kyma-system/kyma-gateway',
  rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
}
/** What the details page cached before the migration: the v2 read and the v1beta1 read. */
const beforeV2: K8sObject = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: {
    ...meta,
    resourceVersion: '10',
    annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' },
  },
}
const beforeV1beta1 = {
  apiVersion: 'gateway.kyma-project.io/v1beta1',
  kind: 'APIRule',
  metadata: { ...meta, resourceVersion: '10' },
  spec: V1BETA1_SPEC,
} as K8sObject
/** The PUT's response: the migrated object. */
const afterV2 = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: {
    ...meta,
    resourceVersion: '11',
    annotations: { 'gateway.kyma-project.io/original-version': 'v2' },
  },
  spec: {
    hosts: ['my-host'],
    service: { name: 'hello-kyma-svc', port: 80 },
    gateway: 'kyma-system/kyma-gateway',
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
  },
}

/** Every request the pages make stays unanswered: only the cache can feed them. */
function stubFetch() {
  const pending = vi.fn(() => new Promise<Response>(() => {}))
  vi.stubGlobal('fetch', pending)
  return pending
}

function seed(client: QueryClient, d: typeof APIRULES, obj: K8sObject) {
  client.setQueryData(
    objectQueryKey(d, 'ns', 'my-api-rule'),
    toListState({ metadata: { resourceVersion: obj.metadata.resourceVersion }, items: [obj] }),
  )
}

function renderEditorThenDetails(client: QueryClient) {
  // The editor's source query: what the edit page loaded before the migration.
  client.setQueryData(['editor', 'load', 'ns', 'my-api-rule', 'v2'], beforeV1beta1)
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/namespaces/ns/apirules/my-api-rule/edit?migrate=1']}>
        <Routes>
          <Route path="/namespaces/:ns/apirules/:name/edit" element={<ApiRuleEditorPage />} />
          <Route path="/namespaces/:ns/apirules/:name" element={<ApiRuleDetailsPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

/** The rules table's rows as [path, methods, access]. */
function ruleRows(): string[][] {
  const table = screen.getByRole('table', { name: 'Rules' })
  return [...table.querySelectorAll('tbody tr')]
    .filter((tr) => tr.querySelector('code'))
    .map((tr) => [...tr.querySelectorAll('td')].slice(1, 4).map((td) => td.textContent?.trim()))
    .map((cells) => cells.map((c) => c ?? ''))
}

describe('ApiRuleEditorPage after a save', () => {
  let client: QueryClient
  beforeEach(() => {
    stubFetch()
    client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  })
  afterEach(() => {
    cleanup()
    client.clear()
    vi.unstubAllGlobals()
    sessionStorage.clear()
  })

  it('opens the details page on the saved object, not the cached one from before the save', async () => {
    seed(client, APIRULES, beforeV2)
    seed(client, APIRULES_V1BETA1, beforeV1beta1)
    savedResponse = afterV2
    renderEditorThenDetails(client)

    act(() => screen.getByRole('button', { name: 'stand-in save' }).click())

    await waitFor(() => expect(screen.getByRole('table', { name: 'Rules' })).toBeTruthy())
    expect(ruleRows()).toEqual([['/*', 'GET', 'No auth']])
    expect(screen.queryByText('Migrate it to v2')).toBeNull()
    // The v1beta1 copy predates the write: dropped, not shown later.
    expect(client.getQueryData(objectQueryKey(APIRULES_V1BETA1, 'ns', 'my-api-rule'))).toBe(
      undefined,
    )
  })

  it('after a v1beta1 write, seeds the v1beta1 read and reloads the v2 one', async () => {
    seed(client, APIRULES, beforeV2)
    seed(client, APIRULES_V1BETA1, beforeV1beta1)
    const changed = structuredClone(V1BETA1_SPEC)
    changed.rules[0]!.path = '/orders/.*'
    savedResponse = {
      ...beforeV1beta1,
      metadata: { ...meta, resourceVersion: '12' },
      spec: changed,
    }
    renderEditorThenDetails(client)

    act(() => screen.getByRole('button', { name: 'stand-in save' }).click())

    await waitFor(() =>
      expect(client.getQueryData(objectQueryKey(APIRULES_V1BETA1, 'ns', 'my-api-rule'))).toEqual(
        toListState({
          metadata: { resourceVersion: '12' },
          items: [savedResponse as unknown as K8sObject],
        }),
      ),
    )
    // The v2 read from before the write is not shown: the page waits for a fresh one.
    expect(client.getQueryData(objectQueryKey(APIRULES, 'ns', 'my-api-rule'))).toBe(undefined)
    expect(screen.queryByRole('table', { name: 'Rules' })).toBeNull()
  })
})
