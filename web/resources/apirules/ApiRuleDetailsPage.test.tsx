// @vitest-environment jsdom
import '@ui5/webcomponents-react/dist/Assets-node.js'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { MemoryRouter, Route, Routes } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { K8sObject } from '../../api/k8s-types.ts'
import type { ResourceDescriptor } from '../../api/resources.ts'

const lists = new Map<string, K8sObject[]>()
let object: K8sObject | undefined

vi.mock('../../api/access.ts', () => {
  const allowed = { allowed: true, isLoading: false, unknown: false }
  const denied = { allowed: false, isLoading: false, unknown: false, reason: 'You may not delete' }
  return {
    useAccessReview: (c: { verb: string }) => (c.verb === 'delete' ? denied : allowed),
  }
})

vi.mock('../../api/hooks.ts', () => {
  return {
    useK8sObject: (d: ResourceDescriptor) => ({
      object: d.version === 'v2' ? object : undefined,
      isLoading: false,
      error: null,
      deleted: false,
      connection: 'live',
      refetch: vi.fn(),
    }),
    useK8sList: (d: ResourceDescriptor) => {
      const items = lists.get(d.plural) ?? []
      return {
        items,
        byKey: new Map(),
        isLoading: false,
        error: null,
        connection: 'live',
        refetch: vi.fn(),
      }
    },
    useK8sDelete: () => ({ mutate: vi.fn(), isPending: false }),
  }
})

const { ApiRuleDetailsPage } = await import('./ApiRuleDetailsPage.tsx')
const { curlCommand } = await import('./details/curl.ts')
const { toApiRuleView } = await import('./domain/view.ts')

const RULE = {
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name: 'httpbin', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' },
  spec: {
    hosts: ['httpbin'],
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'httpbin', port: 8000 },
    rules: [
      { path: '/*', methods: ['GET'], noAuth: true },
      {
        path: '/secure',
        methods: ['GET'],
        jwt: { authentications: [{ issuer: 'https://issuer', jwksUri: 'http://keys/jwks' }] },
      },
    ],
  },
} as K8sObject

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/namespaces/default/apirules/httpbin']}>
        <Routes>
          <Route path="/namespaces/:ns/apirules/:name" element={<ApiRuleDetailsPage />} />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

beforeEach(() => {
  object = RULE
  lists.clear()
  lists.set('gateways', [
    {
      metadata: { namespace: 'kyma-system', name: 'kyma-gateway' },
      spec: { servers: [{ hosts: ['*.local.kyma.dev'] }] },
    } as K8sObject,
  ])
  lists.set('services', [{ metadata: { namespace: 'default', name: 'httpbin' } }])
})
afterEach(cleanup)

describe('ApiRuleDetailsPage', () => {
  it('renders header, host, warnings, rules and the honest empty generated-resources text', () => {
    const { container } = renderPage()
    expect(container.querySelector('#apirule-title')?.textContent).toBe('httpbin')
    expect(screen.getByText('Not reconciled')).toBeTruthy()
    expect(screen.getByText('httpbin.local.kyma.dev')).toBeTruthy()
    expect(screen.getByText(/^Everything under httpbin\.local\.kyma\.dev is public/)).toBeTruthy()
    expect(screen.getByText(/JWKS over plain http/)).toBeTruthy()
    expect(screen.getByText(/Rule 2 \(\/secure\) is already matched by rule 1/)).toBeTruthy()
    expect(screen.getByRole('table', { name: 'Rules' })).toBeTruthy()
    expect(
      screen.getByText(/No generated resources — this APIRule has not been reconciled/),
    ).toBeTruthy()
    expect(screen.getByText('No events for this APIRule.')).toBeTruthy()
    const headerButton = (text: string) =>
      [...container.querySelectorAll('.kd-page-header ui5-button')].find(
        (b) => b.textContent === text,
      ) as (HTMLElement & { disabled?: boolean }) | undefined
    expect(headerButton('Delete')?.disabled).toBe(true)
    expect(headerButton('Edit')?.disabled).toBe(false)
    expect(headerButton('Clone')?.disabled).toBe(false)
  })

  it('warns that the stored rule is one the editor would refuse, with a link to fix it', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{}', { status: 403 }))),
    )
    renderPage()
    // the CRD cannot be read (403): the bundled one is used
    await waitFor(
      () =>
        expect(
          screen.getByText(/As stored, this APIRule has 1 problem the editor would refuse/),
        ).toBeTruthy(),
      { timeout: 15_000 },
    )
    expect(
      screen.getByText(
        'spec.rules: Path /secure with method GET conflicts with at least one of the previous rule paths',
      ),
    ).toBeTruthy()
    expect(screen.getByText('Open it in the editor to fix them')).toBeTruthy()
    vi.unstubAllGlobals()
  }, 20_000) // loads Ajv and the bundled CRD on demand: slow on a busy machine

  it('lists generated resources', () => {
    lists.set('virtualservices', [
      {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        metadata: { namespace: 'default', name: 'httpbin-abcde' },
        spec: { hosts: ['httpbin.local.kyma.dev'] },
      } as K8sObject,
    ])
    renderPage()
    // The VirtualService is shown, with its YAML, inside the "Generated resources" panel.
    const yaml = screen.getByLabelText('YAML of VirtualService default/httpbin-abcde')
    expect(yaml.textContent).toContain('httpbin.local.kyma.dev')
    const panelTitles: string[] = []
    for (
      let el = yaml.closest('ui5-panel');
      el;
      el = el.parentElement?.closest('ui5-panel') ?? null
    )
      panelTitles.push((el as HTMLElement & { headerText?: string }).headerText ?? '')
    expect(panelTitles).toEqual(['VirtualService default/httpbin-abcde', 'Generated resources'])
    expect(screen.queryByText(/No generated resources/)).toBeNull()
  })

  it('does not crash on a v1beta1 object with an odd shape', () => {
    object = {
      apiVersion: 'gateway.kyma-project.io/v2',
      metadata: {
        name: 'httpbin',
        namespace: 'default',
        annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' },
      },
      spec: { hosts: [], rules: [] },
    } as K8sObject
    renderPage()
    expect(screen.getByText('Migrate it to v2')).toBeTruthy()
  })

  it('builds a curl command', () => {
    const view = toApiRuleView(RULE)
    expect(curlCommand('https://h.example.com', view)).toBe("curl -i 'https://h.example.com/'")
    const jwtFirst = toApiRuleView({
      ...RULE,
      spec: {
        ...(RULE as never as { spec: object }).spec,
        rules: [{ path: '/api', methods: ['POST'], jwt: {} }],
      },
    })
    expect(curlCommand('https://h.example.com', jwtFirst)).toBe(
      `curl -i -X POST -H "Authorization: Bearer $TOKEN" 'https://h.example.com/api'`,
    )
  })

  it('builds the curl command of the rule asked for: a token only where that rule wants one', () => {
    // JWT on /admin/{**}, No auth on /*: the public rule's command carries no token header.
    const view = toApiRuleView({
      ...RULE,
      spec: {
        ...(RULE as never as { spec: object }).spec,
        rules: [
          { path: '/admin/{**}', methods: ['GET'], jwt: {} },
          { path: '/*', methods: ['GET'], noAuth: true },
        ],
      },
    })
    expect(curlCommand('https://h.example.com', view, 0)).toBe(
      `curl -i -H "Authorization: Bearer $TOKEN" 'https://h.example.com/admin/'`,
    )
    expect(curlCommand('https://h.example.com', view, 1)).toBe("curl -i 'https://h.example.com/'")
  })

  it('copies a curl command that a shell runs as exactly curl, even for hostile paths and hosts', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'curl-copy-'))
    const pwned = path.join(scratch, 'pwned')
    const ruleWith = (rulePath: string, method: string) =>
      toApiRuleView({
        ...RULE,
        spec: {
          ...(RULE as never as { spec: object }).spec,
          rules: [{ path: rulePath, methods: [method], jwt: {} }],
        },
      })
    const hostile = [
      `/x';touch$IFS${pwned};'`,
      "/x'`touch " + pwned + "`'",
      '/`touch ' + pwned + '`',
      `/a"b\\c$HOME\n'';!`,
      '/ünï/😀/\u202e',
    ]
    try {
      for (const [i, rulePath] of hostile.entries()) {
        const host = `https://h${i}.example.com${i === 3 ? "';id;'" : ''}`
        const command = curlCommand(host, ruleWith(rulePath, i === 1 ? "PO'ST" : 'POST'))
        // The pasted command, with curl replaced by a function that prints the arguments it got.
        const out = execFileSync(
          'sh',
          ['-c', `curl() { printf '%s\\0' "$@"; }; TOKEN=t; ${command}`],
          { cwd: scratch },
        )
        expect(out.toString('utf8').split('\0').slice(0, -1)).toEqual([
          '-i',
          '-X',
          i === 1 ? "PO'ST" : 'POST',
          '-H',
          'Authorization: Bearer t',
          `${host}${rulePath}`,
        ])
      }
      expect(existsSync(pwned)).toBe(false)
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  })
})
