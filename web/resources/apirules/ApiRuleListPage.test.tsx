// @vitest-environment jsdom
import '@ui5/webcomponents-react/dist/Assets-node.js'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { MemoryRouter, Route, Routes, useLocation, useNavigate } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { StatusError } from '../../api/client.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import type { ResourceDescriptor } from '../../api/resources.ts'

// ---- the hooks module is mocked: the page is rendered from fixtures, no fetch involved ----

interface ListFixture {
  items: K8sObject[]
  error?: Error | null
  isLoading?: boolean
  connection?: 'connecting' | 'live' | 'reconnecting'
}

const fixtures = new Map<string, ListFixture>()
const deleted: { namespace?: string; name: string }[] = []

vi.mock('../../api/access.ts', () => {
  const allowed = { allowed: true, isLoading: false, unknown: false }
  return {
    useAccessReview: () => allowed,
    useAccessReviews: (checks: unknown[]) => checks.map(() => allowed),
  }
})

vi.mock('../../api/hooks.ts', () => {
  return {
    useK8sList: (d: ResourceDescriptor, _ns?: string, opts: { enabled?: boolean } = {}) => {
      const f = (opts.enabled ?? true) ? fixtures.get(`${d.plural}/${d.version}`) : undefined
      const items = f?.items ?? []
      return {
        items,
        byKey: new Map(items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i])),
        isLoading: f?.isLoading ?? false,
        error: f?.error ?? null,
        connection: f?.connection ?? 'live',
        refetch: vi.fn(),
      }
    },
    useK8sDelete: () => ({
      mutateAsync: async (vars: { namespace?: string; name: string }) => {
        deleted.push(vars)
      },
    }),
  }
})

const { ApiRuleListPage } = await import('./ApiRuleListPage.tsx')
const { forgetListQueries } = await import('./useListQuery.ts')

const apiRule = (
  name: string,
  spec: unknown,
  extra: Partial<K8sObject> & Record<string, unknown> = {},
) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  ...extra,
  metadata: {
    name,
    namespace: 'default',
    creationTimestamp: '2026-01-01T00:00:00Z',
    ...(extra.metadata ?? {}),
  },
  spec,
})

const RULES: K8sObject[] = [
  apiRule(
    'alpha',
    {
      hosts: ['httpbin'],
      gateway: 'kyma-system/kyma-gateway',
      service: { name: 'httpbin', port: 8000 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    },
    { status: { state: 'Ready', description: 'Reconciled successfully' } } as never,
  ),
  apiRule('bravo', {
    hosts: ['bravo.example.com'],
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'orders', port: 80 },
    rules: [{ path: '/api', methods: ['GET'], jwt: { authentications: [] } }],
  }),
  // v1beta1 data read through v2 (no conversion webhook in the local cluster)
  apiRule(
    'legacy',
    {
      host: 'legacy',
      gateway: 'kyma-gateway.kyma-system.svc.cluster.local',
      service: { name: 'old', port: 80 },
      rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
    },
    {
      metadata: { annotations: { 'gateway.kyma-project.io/original-version': 'v1beta1' } },
    } as never,
  ),
]

const GATEWAYS: K8sObject[] = [
  {
    metadata: { namespace: 'kyma-system', name: 'kyma-gateway' },
    spec: { servers: [{ hosts: ['*.local.kyma.dev'] }] },
  } as K8sObject,
]

let location = ''
function LocationSpy() {
  location = useLocation().search
  return null
}

function renderPage(url = '/namespaces/default/apirules') {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route
          path="/namespaces/:ns/apirules"
          element={
            <>
              <ApiRuleListPage />
              <LocationSpy />
            </>
          }
        />
      </Routes>
    </MemoryRouter>,
  )
}

const rowNames = (container: HTMLElement) =>
  [...container.querySelectorAll('tr[data-key]')].map((r) => r.getAttribute('data-key'))

beforeEach(() => {
  forgetListQueries()
  fixtures.clear()
  deleted.length = 0
  fixtures.set('apirules/v2', { items: RULES })
  fixtures.set('gateways/v1', { items: GATEWAYS })
  fixtures.set('services/v1', {
    items: [
      {
        metadata: { namespace: 'default', name: 'httpbin' },
        spec: { ports: [{ port: 8000 }] },
      } as K8sObject,
    ],
  })
})
afterEach(cleanup)

describe('ApiRuleListPage', () => {
  it('renders rows with resolved hosts, services, access, status and the v1beta1 badge', () => {
    const { container } = renderPage()
    expect(screen.getByRole('table', { name: 'API Rules' })).toBeTruthy()
    expect(rowNames(container)).toEqual(['default/alpha', 'default/bravo', 'default/legacy'])

    expect(screen.getByText('httpbin.local.kyma.dev')).toBeTruthy()
    expect(screen.getByText('bravo.example.com')).toBeTruthy()
    expect(screen.getByText('legacy.local.kyma.dev')).toBeTruthy()
    expect(screen.getByText('httpbin:8000')).toBeTruthy()
    const rowText = (key: string) =>
      container.querySelector(`tr[data-key="${key}"]`)?.textContent ?? ''
    expect(rowText('default/bravo')).toContain('JWT')
    expect(rowText('default/legacy')).toContain('allow')
    expect(rowText('default/alpha')).toContain('No auth')
    expect(rowText('default/alpha')).toContain('Ready')
    expect(rowText('default/bravo')).toContain('Not reconciled')
    expect(rowText('default/legacy')).toContain('Not reconciled')
    expect(screen.getByText('v1beta1 — needs migration')).toBeTruthy()
    // the public catch-all of alpha is flagged in its row
    const alpha = container.querySelector('tr[data-key="default/alpha"]')
    expect(alpha?.querySelector('.kd-warning-icon')).not.toBeNull()
    // missing Service "orders" is flagged for bravo
    const bravo = container.querySelector('tr[data-key="default/bravo"]')
    expect(bravo?.querySelector('.kd-warning-icon')).not.toBeNull()
    // namespace column only in the all-namespaces view
    expect(screen.queryByText('Namespace')).toBeNull()
    expect(screen.getByText('3 API Rules')).toBeTruthy()
  })

  it('shows the namespace column in the all-namespaces view', () => {
    renderPage('/namespaces/-all-/apirules')
    expect(screen.getByText('Namespace')).toBeTruthy()
    expect(screen.getAllByText('default').length).toBeGreaterThan(0)
  })

  it('applies search, filters and sort from the URL', () => {
    const { container } = renderPage('/namespaces/default/apirules?q=orders')
    expect(rowNames(container)).toEqual(['default/bravo'])
    cleanup()
    const second = renderPage('/namespaces/default/apirules?status=Ready')
    expect(rowNames(second.container)).toEqual(['default/alpha'])
    cleanup()
    const third = renderPage('/namespaces/default/apirules?sort=name&dir=desc')
    expect(rowNames(third.container)).toEqual(['default/legacy', 'default/bravo', 'default/alpha'])
    cleanup()
    const fourth = renderPage('/namespaces/default/apirules?access=jwt')
    expect(rowNames(fourth.container)).toEqual(['default/bravo'])
  })

  it('sorts at once and writes sorting into the URL', async () => {
    const { container } = renderPage()
    const host = screen.getByRole('button', { name: 'Sort by Host' })
    act(() => host.click())
    await waitFor(() => expect(location).toContain('sort=host'))
    act(() => host.click())
    // the table is re-sorted in the click's own render; the URL follows
    expect(rowNames(container)).toEqual(['default/legacy', 'default/alpha', 'default/bravo'])
    await waitFor(() => expect(location).toContain('dir=desc'))
  })

  it('focuses the search field on "/"', () => {
    renderPage()
    const search = document.querySelector('ui5-input.kd-search') as HTMLElement
    const focus = vi.spyOn(search, 'focus')
    fireEvent.keyDown(window, { key: '/' })
    expect(focus).toHaveBeenCalled()
  })

  it('shows a loading skeleton', () => {
    fixtures.set('apirules/v2', { items: [], isLoading: true })
    renderPage()
    expect(screen.getByRole('status', { name: 'Loading API Rules' })).toBeTruthy()
  })

  it('shows an empty state with a create call to action', () => {
    fixtures.set('apirules/v2', { items: [] })
    renderPage()
    expect(screen.getByRole('region', { name: 'No API Rules yet' })).toBeTruthy()
    expect(screen.getAllByText('Create API Rule').length).toBeGreaterThan(0)
  })

  it('explains a 403 and a lost connection', async () => {
    fixtures.set('apirules/v2', {
      items: [],
      error: new StatusError({ kind: 'Status', code: 403, reason: 'Forbidden' }, 403),
    })
    renderPage()
    expect(await screen.findByText('You may not list APIRules in namespace default')).toBeTruthy()
    cleanup()
    fixtures.set('apirules/v2', {
      items: [],
      error: new StatusError({ kind: 'Status', code: 503 }, 503),
    })
    renderPage()
    expect(await screen.findByText('API server unreachable')).toBeTruthy()
    expect(screen.getByText('Retry')).toBeTruthy()
  })

  it('shows the connection state', () => {
    fixtures.set('apirules/v2', { items: RULES, connection: 'reconnecting' })
    renderPage()
    expect(screen.getByText('Reconnecting…')).toBeTruthy()
  })

  it('renders 2,000 rows through the virtualizer without rendering them all', () => {
    const many = Array.from({ length: 2000 }, (_, i) =>
      apiRule(`rule-${String(i).padStart(4, '0')}`, {
        hosts: [`h${i}.example.com`],
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 'httpbin', port: 8000 },
        rules: [{ path: '/a', methods: ['GET'], jwt: {} }],
      }),
    )
    fixtures.set('apirules/v2', { items: many })
    const { container } = renderPage()
    const rendered = container.querySelectorAll('tr[data-key]').length
    expect(rendered).toBeGreaterThan(0)
    expect(rendered).toBeLessThan(100)
    expect(screen.getByText('2000 API Rules')).toBeTruthy()
  })

  it('keeps every typed character and writes the search into the URL once typing pauses', async () => {
    const { container } = renderPage()
    const search = document.querySelector('ui5-input.kd-search') as HTMLElement & { value: string }
    for (const text of ['o', 'or', 'ord']) {
      search.value = text
      act(() => {
        search.dispatchEvent(new Event('input', { bubbles: true }))
      })
      // a re-render while typing never writes an older text back into the field
      expect(search.value).toBe(text)
    }
    await waitFor(() => expect(rowNames(container)).toEqual(['default/bravo']))
    expect(location).not.toContain('q=')
    await waitFor(() => expect(location).toContain('q=ord'))
    expect(search.value).toBe('ord')
  })

  it('brings the list state back after in-app navigation to a plain list link', () => {
    function Elsewhere() {
      const navigate = useNavigate()
      return <button onClick={() => navigate('/namespaces/default/apirules')}>Back to list</button>
    }
    const { container } = render(
      <MemoryRouter initialEntries={['/namespaces/default/apirules?sort=name&dir=desc&q=a']}>
        <Routes>
          <Route
            path="/namespaces/:ns/apirules"
            element={
              <>
                <ApiRuleListPage />
                <LocationSpy />
              </>
            }
          />
          <Route path="/elsewhere" element={<Elsewhere />} />
        </Routes>
        <NavigateButton to="/elsewhere" />
      </MemoryRouter>,
    )
    expect(rowNames(container)).toEqual(['default/legacy', 'default/bravo', 'default/alpha'])
    act(() => screen.getByText('go /elsewhere').click())
    act(() => screen.getByText('Back to list').click())
    expect(location).toContain('dir=desc')
    expect(location).toContain('q=a')
    expect(rowNames(container)).toEqual(['default/legacy', 'default/bravo', 'default/alpha'])
    const search = document.querySelector('ui5-input.kd-search') as HTMLElement & { value: string }
    expect(search.value).toBe('a')

    // typed, and away before typing paused (before the URL had it): remembered all the same
    search.value = 'bra'
    act(() => {
      search.dispatchEvent(new Event('input', { bubbles: true }))
    })
    act(() => screen.getByText('go /elsewhere').click())
    act(() => screen.getByText('Back to list').click())
    expect(location).toContain('q=bra')
    expect(rowNames(container)).toEqual(['default/bravo'])
  })
})

function NavigateButton({ to }: { to: string }) {
  const navigate = useNavigate()
  return <button onClick={() => navigate(to)}>{`go ${to}`}</button>
}
