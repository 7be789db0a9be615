// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { ApiRuleEditor, editorRenderProbe } from './ApiRuleEditor.tsx'

const YAML = `# keep this comment
apiVersion: gateway.kyma-project.io/v2
kind: APIRule
metadata:
  name: httpbin
  namespace: ns
spec:
  hosts:
    - httpbin
  service:
    name: httpbin
    port: 8000
  gateway: kyma-system/kyma-gateway
  custom: stays # unknown field
  rules:
    - path: /*
      methods: [GET]
`

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const utils = render(
    <QueryClientProvider client={client}>
      <ApiRuleEditor
        namespace="ns"
        mode="create"
        initial={YAML}
        view="form"
        draftKey="test-draft"
      />
    </QueryClientProvider>,
  )
  return utils
}

function innerInput(id: string): HTMLInputElement {
  const host = document.getElementById(id)
  const input = host?.shadowRoot?.querySelector('input')
  if (!input) throw new Error(`no inner input for ${id}`)
  return input
}

function typeInto(id: string, value: string) {
  const input = innerInput(id)
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
}

describe('ApiRuleEditor (form view)', () => {
  beforeEach(() => {
    // the value-state popover of an input with an error observes its visibility
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        observe() {}
        unobserve() {}
        disconnect() {}
      },
    )
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{}', { status: 403 }))),
    )
  })
  afterEach(() => {
    editorRenderProbe.onRender = undefined
    cleanup()
    vi.unstubAllGlobals()
    sessionStorage.clear()
  })

  it('shows the rule path, writes form edits into the YAML and keeps comments and unknown fields', async () => {
    setup()
    await waitFor(() => expect(innerInput('f-spec-rules-0-path').value).toBe('/*'))
    expect(screen.getByText(/Also in YAML.*spec\.custom/)).toBeTruthy()
    // a new rule starts without red: the missing access strategy is known but not shown yet
    await waitFor(() => expect(screen.getByText(/^Fill in the required fields/)).toBeTruthy())
    expect(screen.queryAllByText(/One of the following fields must be set/)).toHaveLength(0)
    act(() => typeInto('f-spec-rules-0-path', '/api/{**}'))
    // the draft is written once typing pauses (DRAFT_DELAY_MS)
    await waitFor(
      () => expect(sessionStorage.getItem('test-draft')).toContain('- path: /api/{**}'),
      { timeout: 5000 },
    )
    const draft = sessionStorage.getItem('test-draft')!
    expect(draft).toContain('# keep this comment')
    expect(draft).toContain('custom: stays # unknown field')
    expect(draft).toContain('methods: [GET]')
  })

  it('Create reveals the known errors instead of sending, then stays disabled with the reason', async () => {
    const fetchMock = vi.fn(() => Promise.resolve(new Response('{}', { status: 403 })))
    vi.stubGlobal('fetch', fetchMock)
    setup()
    await waitFor(() => expect(innerInput('f-spec-rules-0-path').value).toBe('/*'))
    await waitFor(() => expect(screen.getByText(/^Fill in the required fields/)).toBeTruthy())
    const create = screen.getByText('Create', { selector: 'ui5-button' })
    act(() => create.click())
    await waitFor(() =>
      expect(
        screen.getAllByText(/One of the following fields must be set: noAuth, jwt, extAuth/).length,
      ).toBeGreaterThan(0),
    )
    expect(screen.getByText(/Create is disabled: fix 2 errors first/)).toBeTruthy()
    expect(create.hasAttribute('disabled')).toBe(true)
    // the unknown spec.custom is one of them: the API server would drop it
    expect(screen.getByText(/spec\.custom: Unknown field "custom"/)).toBeTruthy()
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit | undefined][]
    const writes = calls.filter(([, init]) => init?.method === 'POST' || init?.method === 'PUT')
    expect(writes).toEqual([])
  })

  it('keystrokes that change no issue re-render neither the editor nor its problems', async () => {
    setup()
    await waitFor(() => expect(innerInput('f-spec-rules-0-path').value).toBe('/*'))
    const settle = () => act(() => new Promise((r) => setTimeout(r, 120))) // validation ran
    act(() => typeInto('f-spec-rules-0-path', '/api')) // the first edit: the document is dirty
    await settle()
    let renders = 0
    editorRenderProbe.onRender = () => renders++
    for (const path of ['/apix', '/apixy', '/apixyz']) {
      act(() => typeInto('f-spec-rules-0-path', path))
      await settle()
    }
    expect(innerInput('f-spec-rules-0-path').value).toBe('/apixyz')
    expect(renders).toBe(0)
  })

  it('a typed field shows its own error at once', async () => {
    setup()
    await waitFor(() => expect(innerInput('f-metadata-name').value).toBe('httpbin'))
    act(() => typeInto('f-metadata-name', 'Bad_Name'))
    await waitFor(() =>
      expect(screen.getAllByText(/a lowercase RFC 1123 subdomain/).length).toBeGreaterThan(0),
    )
  })
})
