// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useSyncExternalStore, type ReactNode } from 'react'
import { Document } from 'yaml'
import { EditorDocument } from '../../../../editor/document/EditorDocument.ts'
import { IssueStore } from '../../../../editor/document/IssueStore.ts'
import { EditorContext } from '../../../../editor/form/context.ts'
import { ruleRenderProbe } from './RuleEditor.tsx'
import { V2Form } from './V2Form.tsx'

function apiRuleYaml(rules: number): string {
  return new Document({
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name: 'many' },
    spec: {
      hosts: ['many'],
      service: { name: 'svc', port: 80 },
      gateway: 'kyma-system/kyma-gateway',
      rules: Array.from({ length: rules }, (_, i) => ({
        path: `/r${i}`,
        methods: i % 2 ? ['GET', 'POST'] : ['GET'],
        ...(i % 4 === 0 ? { noAuth: true } : { extAuth: { authorizers: ['oauth2-proxy'] } }),
      })),
    },
  }).toString({ lineWidth: 0 })
}

function Harness(props: { store: EditorDocument; issues: IssueStore; children: ReactNode }) {
  const { store, issues } = props
  const readOnly = useSyncExternalStore(store.subscribe, () => store.error !== null)
  return (
    <EditorContext value={{ store, issues, readOnly, namespace: 'ns', mode: 'edit' }}>
      {props.children}
    </EditorContext>
  )
}

function setup(rules: number) {
  const store = new EditorDocument(apiRuleYaml(rules))
  const issues = new IssueStore()
  render(
    <QueryClientProvider
      client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
    >
      <Harness store={store} issues={issues}>
        <V2Form />
      </Harness>
    </QueryClientProvider>,
  )
  return { store, issues }
}

/** The group of rule `n` (1-based), found by its accessible name "Rule n". */
function ruleGroup(n: number): HTMLElement {
  const title = document.getElementById(`f-spec-rules-${n - 1}-title`)
  const group = title?.closest<HTMLElement>('[role="group"]')
  if (!group) throw new Error(`no group for rule ${n}`)
  expect(group.getAttribute('aria-labelledby')).toBe(title!.id)
  expect(title!.textContent).toBe(`Rule ${n}`)
  return group
}

/** The ui5-input of rule `index`'s path (its `value` is what the form shows). */
const pathInput = (index: number) =>
  document.getElementById(`f-spec-rules-${index}-path`) as (HTMLElement & { value?: string }) | null

async function typeInto(id: string, value: string) {
  const inner = () => document.getElementById(id)?.shadowRoot?.querySelector('input')
  await waitFor(() => expect(inner()).toBeTruthy()) // UI5 renders its shadow DOM asynchronously
  const input = inner()!
  act(() => {
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }))
  })
}

describe('rules of a long APIRule', () => {
  beforeEach(() => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{}', { status: 403 }))),
    )
  })
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
    ruleRenderProbe.onRender = undefined
  })

  it('renders 100 rules collapsed (one line each), the first ones expanded', () => {
    setup(100)
    expect(document.querySelectorAll('section.are-rule')).toHaveLength(100)
    // only the first three rules mount their inputs: the rest cost no UI5 input at all
    expect(pathInput(0)).toBeTruthy()
    expect(pathInput(2)).toBeTruthy()
    expect(document.getElementById('f-spec-rules-3-path')).toBeNull()
    expect(document.getElementById('f-spec-rules-99-path')).toBeNull()
    expect(document.querySelectorAll('ui5-input').length).toBeLessThan(30)

    const rule50 = ruleGroup(50)
    expect(within(rule50).queryByText('Path')).toBeNull()
    expect(rule50.textContent).toContain('/r49 · GET, POST · External auth')
    expect(ruleGroup(49).textContent).toContain('/r48 · GET · No auth')
    const toggle = within(rule50).getByRole('button', { name: 'Expand rule 50' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(within(ruleGroup(1)).getByRole('button', { name: 'Collapse rule 1' })).toBeTruthy()
  })

  it('expanding a rule shows its fields with the usual labels; collapsing hides them', () => {
    setup(100)
    fireEvent.click(screen.getByRole('button', { name: 'Expand rule 50' }))
    const rule50 = ruleGroup(50)
    const toggle = within(rule50).getByRole('button', { name: 'Collapse rule 50' })
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(document.getElementById(toggle.getAttribute('aria-controls')!)).toBeTruthy()
    for (const label of ['Path', 'Methods', 'Access']) expect(within(rule50).getByText(label))
    expect(pathInput(49)?.value).toBe('/r49')
    expect(within(rule50).getByRole('radiogroup')).toBeTruthy()
    for (const name of ['Move rule 50 up', 'Move rule 50 down', 'Remove rule 50'])
      expect(rule50.querySelector(`[accessible-name="${name}"]`)).toBeTruthy()

    fireEvent.click(toggle)
    expect(document.getElementById('f-spec-rules-49-path')).toBeNull()
    expect(within(ruleGroup(50)).getByRole('button', { name: 'Expand rule 50' })).toBeTruthy()
  })

  it('"Expand all" and "Collapse all" switch every rule', () => {
    setup(12)
    expect(document.getElementById('f-spec-rules-11-path')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }))
    for (let i = 0; i < 12; i++) expect(pathInput(i)?.value).toBe(`/r${i}`)
    fireEvent.click(screen.getByRole('button', { name: 'Collapse all' }))
    expect(document.querySelectorAll('section.are-rule-collapsed')).toHaveLength(12)
  })

  it('opens rules with errors and newly added rules', () => {
    const { store, issues } = setup(40)
    act(() =>
      issues.set([
        {
          path: ['spec', 'rules', 30, 'methods'],
          message: 'Required value',
          severity: 'error',
          source: 'schema',
        },
      ]),
    )
    expect(pathInput(30)?.value).toBe('/r30')
    // it stays open once the error is gone (no folding away under the cursor)
    act(() => issues.set([]))
    expect(pathInput(30)).toBeTruthy()

    fireEvent.click(screen.getByText('Add rule'))
    expect(store.getField(['spec', 'rules', 40, 'path'])).toBe('/*')
    expect(pathInput(40)?.value).toBe('/*')
  })

  it('keeps 10 rules fully expanded, without collapse toggles', () => {
    setup(10)
    for (let i = 0; i < 10; i++) expect(pathInput(i)?.value).toBe(`/r${i}`)
    expect(screen.queryByRole('button', { name: /^(Expand|Collapse) rule/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Expand all' })).toBeNull()
    expect(ruleGroup(10)).toBeTruthy()
  })

  it('a keystroke re-renders only the rule it changes, in the form and from the YAML', async () => {
    const { store } = setup(100)
    const rendered = new Set<number>()
    ruleRenderProbe.onRender = (i) => rendered.add(i)

    await typeInto('f-spec-rules-0-path', '/r0x')
    expect(store.text).toContain('- path: /r0x\n')
    expect([...rendered].filter((i) => i !== 0)).toEqual([])

    rendered.clear()
    act(() => store.replaceText(store.text.replace('path: /r1\n', 'path: /r1y\n')))
    expect(pathInput(1)?.value).toBe('/r1y')
    expect([...rendered].filter((i) => i !== 1)).toEqual([])

    rendered.clear()
    act(() => store.replaceText(store.text.replace('path: /r70\n', 'path: /r70z\n')))
    expect(ruleGroup(71).textContent).toContain('/r70z · GET · External auth')
    expect([...rendered]).toEqual([70])
  })
})
