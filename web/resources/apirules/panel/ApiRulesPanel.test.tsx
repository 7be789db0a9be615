// @vitest-environment jsdom
import '@ui5/webcomponents-react/dist/Assets-node.js'
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { MemoryRouter, Route, Routes, useLocation } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { K8sObject } from '../../../api/k8s-types.ts'
import type { ResourceDescriptor } from '../../../api/resources.ts'

// ---- hooks mocked: the panel renders from fixtures ----
const lists = new Map<string, K8sObject[]>()
let createAllowed = true

vi.mock('../../../api/access.ts', () => {
  const allowed = { allowed: true, isLoading: false, unknown: false }
  return {
    useAccessReview: (c: { verb: string; namespace?: string }) =>
      c.verb === 'create' && !createAllowed
        ? {
            allowed: false,
            isLoading: false,
            unknown: false,
            reason: `You may not create APIRules in namespace ${c.namespace}`,
          }
        : allowed,
    useAccessReviews: (checks: unknown[]) => checks.map(() => allowed),
  }
})

vi.mock('../../../api/read.ts', () => ({
  listObjects: async (d: ResourceDescriptor) => ({
    metadata: {},
    items: lists.get(d.plural) ?? [],
  }),
}))

vi.mock('../../../api/hooks.ts', () => {
  return {
    useK8sList: (d: ResourceDescriptor, ns?: string, opts: { enabled?: boolean } = {}) => {
      const all = (opts.enabled ?? true) ? (lists.get(d.plural) ?? []) : []
      const items = ns ? all.filter((i) => i.metadata.namespace === ns) : all
      return {
        items,
        byKey: new Map(items.map((i) => [`${i.metadata.namespace}/${i.metadata.name}`, i])),
        isLoading: false,
        error: null,
        connection: 'live',
        refetch: vi.fn(),
      }
    },
    useK8sDelete: () => ({ mutateAsync: vi.fn(), isPending: false }),
  }
})

const { ApiRulesPanel } = await import('./ApiRulesPanel.tsx')

const rule = (name: string, spec: unknown, namespace = 'demo', annotations = {}) =>
  ({
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name, namespace, annotations },
    spec,
  }) as K8sObject

beforeEach(() => {
  createAllowed = true
  lists.clear()
  lists.set('apirules', [
    rule('hello', {
      hosts: ['hello.local.kyma.dev'],
      gateway: 'kyma-system/kyma-gateway',
      service: { name: 'hello', namespace: 'demo', port: 80 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    }),
    rule('hello-kyma', {
      hosts: ['hello-kyma-api'],
      gateway: 'kyma-system/kyma-gateway',
      service: { name: 'hello-kyma-svc', port: 80 },
      rules: [
        { path: '/a', methods: ['GET'], noAuth: true },
        { path: '/m', methods: ['GET'], noAuth: true, service: { name: 'orders', port: 9090 } },
      ],
    }),
    rule(
      'my-api-rule',
      {
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 'hello-kyma-svc', port: 80 },
        rules: [{ path: '/.*', methods: ['GET'] }],
      },
      'demo',
      { 'gateway.kyma-project.io/original-version': 'v1beta1' },
    ),
  ])
  lists.set('gateways', [
    {
      metadata: { namespace: 'kyma-system', name: 'kyma-gateway' },
      spec: { servers: [{ hosts: ['*.local.kyma.dev'] }] },
    } as K8sObject,
  ])
})
afterEach(cleanup)

let location = ''
function LocationSpy() {
  const l = useLocation()
  location = l.pathname + l.search
  return null
}

function renderPanel(props: Partial<Parameters<typeof ApiRulesPanel>[0]> = {}) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter initialEntries={['/start']}>
        <Routes>
          <Route
            path="*"
            element={
              <>
                <ApiRulesPanel namespace="demo" serviceName="hello-kyma-svc" {...props} />
                <LocationSpy />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  )
}

const rowKeys = (c: HTMLElement) =>
  [...c.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-key'))

const buttonByText = (c: HTMLElement, text: string) =>
  [...c.ownerDocument.querySelectorAll('ui5-button')].find(
    (b) => b.textContent?.trim() === text,
  ) as HTMLElement | undefined

describe('ApiRulesPanel', () => {
  it('lists exactly the APIRules of hello-kyma-svc, never those of hello', async () => {
    const { container } = renderPanel({ ports: [{ name: 'http', port: 80 }] })
    expect(rowKeys(container)).toEqual(['demo/hello-kyma', 'demo/my-api-rule'])
    expect(screen.getByText('API Rules (2)')).toBeTruthy()
    expect(await screen.findByText('hello-kyma-api.local.kyma.dev')).toBeTruthy()
    expect(screen.getByText('v1beta1')).toBeTruthy()
  })

  it('lists exactly the APIRules of hello, never those of hello-kyma-svc', () => {
    const { container } = renderPanel({ serviceName: 'hello', functionName: 'hello' })
    expect(rowKeys(container)).toEqual(['demo/hello'])
  })

  it('includes APIRules that route only some rules to the Service', () => {
    const { container } = renderPanel({ serviceName: 'orders' })
    expect(rowKeys(container)).toEqual(['demo/hello-kyma'])
    expect(container.textContent).toContain('9090 (some rules)')
  })

  it('says when nothing exposes the workload, and when its Service is missing', () => {
    const { container } = renderPanel({
      serviceName: 'greeter',
      functionName: 'greeter',
      serviceMissing: true,
    })
    expect(container.querySelector('section[aria-label="Not exposed"]')).not.toBeNull()
    expect(
      screen.getByText(/Service greeter does not exist in namespace demo/, { exact: false }),
    ).toBeTruthy()
  })

  it('exposes a one-port Service straight away, prefilled', () => {
    const { container } = renderPanel({ ports: [{ name: 'http', port: 80 }] })
    fireEvent.click(buttonByText(container, 'Expose with APIRule') as HTMLElement)
    expect(location).toBe('/namespaces/demo/apirules/-create-?service=hello-kyma-svc&port=80')
  })

  it('asks for the port when the Service has several', () => {
    const { container } = renderPanel({
      serviceName: 'orders',
      ports: [
        { name: 'http', port: 80 },
        { name: 'metrics', port: 9090 },
      ],
    })
    fireEvent.click(buttonByText(container, 'Expose with APIRule') as HTMLElement)
    expect(location).toBe('/start')
    expect(screen.getByText(/has 2 ports/)).toBeTruthy()
    fireEvent.click(buttonByText(container, 'metrics (9090)') as HTMLElement)
    expect(location).toBe('/namespaces/demo/apirules/-create-?service=orders&port=9090')
  })

  it('exposes a Function by name', () => {
    const { container } = renderPanel({
      serviceName: 'greeter',
      functionName: 'greeter',
      ports: [{ name: 'http', port: 80 }],
    })
    fireEvent.click(buttonByText(container, 'Expose with APIRule') as HTMLElement)
    expect(location).toBe('/namespaces/demo/apirules/-create-?function=greeter')
  })

  it('hands Expose and Edit to callbacks when embedded, and links open a new tab', () => {
    const onExpose = vi.fn()
    const onEdit = vi.fn()
    const { container } = renderPanel({
      embedded: true,
      ports: [{ name: 'http', port: 80 }],
      onExpose,
      onEdit,
    })
    fireEvent.click(buttonByText(container, 'Expose with APIRule') as HTMLElement)
    expect(onExpose).toHaveBeenCalledWith({
      namespace: 'demo',
      service: 'hello-kyma-svc',
      port: 80,
      function: undefined,
    })
    const edit = container.querySelector('ui5-button[accessible-name="Edit hello-kyma"]')
    fireEvent.click(edit as HTMLElement)
    expect(onEdit.mock.calls[0]?.[0]).toMatchObject({ name: 'hello-kyma' })
    expect(location).toBe('/start')
    const link = [...container.querySelectorAll('ui5-link')].find(
      (l) => l.textContent === 'hello-kyma',
    )
    expect(link?.getAttribute('target')).toBe('_blank')
    expect(link?.getAttribute('href')).toMatch(/\/namespaces\/demo\/apirules\/hello-kyma$/)
  })

  it('disables Expose with the reason when the user may not create APIRules', () => {
    createAllowed = false
    const { container } = renderPanel({ ports: [{ name: 'http', port: 80 }] })
    const expose = buttonByText(container, 'Expose with APIRule') as HTMLElement & {
      disabled?: boolean
    }
    expect(expose.disabled).toBe(true)
    expect(screen.getByText('You may not create APIRules in namespace demo')).toBeTruthy()
  })
})
