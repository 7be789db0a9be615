// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { EditorDocument } from '../../../../editor/document/EditorDocument.ts'
import { IssueStore } from '../../../../editor/document/IssueStore.ts'
import { EditorContext } from '../../../../editor/form/context.ts'
import { V2Form } from './V2Form.tsx'
import { useSyncExternalStore, type ReactNode } from 'react'

const YAML = `apiVersion: gateway.kyma-project.io/v2
kind: APIRule
metadata:
  name: a
spec:
  hosts: [a]
  rules:
    - path: /one
      methods: [GET]
      noAuth: true
    - path: /two
      methods: [GET]
      noAuth: true
`

function Harness({ store, children }: { store: EditorDocument; children: ReactNode }) {
  const readOnly = useSyncExternalStore(store.subscribe, () => store.error !== null)
  return (
    <EditorContext
      value={{ store, issues: new IssueStore(), readOnly, namespace: 'ns', mode: 'create' }}
    >
      {children}
    </EditorContext>
  )
}

const input = (id: string) =>
  document.getElementById(id)?.shadowRoot?.querySelector('input') as HTMLInputElement

describe('V2Form bound to the document', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('follows YAML edits, turns read-only on a parse error, and recovers', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{}', { status: 403 }))),
    )
    const store = new EditorDocument(YAML)
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Harness store={store}>
          <V2Form />
        </Harness>
      </QueryClientProvider>,
    )
    await waitFor(() => expect(input('f-spec-rules-1-path').value).toBe('/two'))
    expect(
      screen.getAllByText('This path will be public: anyone can call it without authentication.'),
    ).toHaveLength(2)
    act(() => store.replaceText(YAML.replace('/two', '/changed')))
    await waitFor(() => expect(input('f-spec-rules-1-path').value).toBe('/changed'))
    act(() => store.replaceText(YAML.replace('hosts: [a]', 'hosts: [a')))
    await waitFor(() =>
      expect(
        screen.getByText(/The YAML does not parse \(line 7, column \d+\): Flow sequence/),
      ).toBeTruthy(),
    )
    expect(document.getElementById('f-spec-rules-1-path')?.hasAttribute('readonly')).toBe(true)
    // nothing typed is lost: the broken text is the state
    expect(store.text).toContain('hosts: [a\n')
    act(() => store.replaceText(YAML))
    await waitFor(() => expect(screen.queryByText(/The YAML does not parse/)).toBeNull())
    expect(document.getElementById('f-spec-rules-1-path')?.hasAttribute('readonly')).toBe(false)
    expect(screen.getByRole('group', { name: 'Rule 2' })).toBeTruthy()
  })
})
