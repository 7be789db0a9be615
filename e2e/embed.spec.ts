// Embedding: a page on a second local origin frames the Service panel, creates an APIRule through
// it and receives the postMessage events; a page on a non-allowed origin cannot frame it at all
// (CSP frame-ancestors). Needs the BFF started with EMBED_ALLOWED_ORIGINS=http://127.0.0.1:<EMBED_HOST_PORT>
// (playwright.config.ts does; the ports follow E2E_PORT, see support/ports.ts).
import type { Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { applyYaml, closeClients, createTestNamespace } from '../cluster/test/helpers.ts'
import { expect, test } from './fixtures.ts'
import { ApiRulesPanel } from './pages/ApiRulesPanel.ts'
import { EMBED_HOST_PORT, OTHER_HOST_PORT } from './support/ports.ts'

const ALLOWED_HOST_PORT = EMBED_HOST_PORT

const HOST_HTML = readFileSync(new URL('./embed-host/index.html', import.meta.url), 'utf8')

function clusterInfo(): TestClusterInfo {
  const file = process.env.KYMA_TEST_CLUSTER
  if (!file) throw new Error('KYMA_TEST_CLUSTER is not set: run the suite with `npm run e2e`.')
  return JSON.parse(readFileSync(file, 'utf8')) as TestClusterInfo
}

function serveHostPage(port: number): Promise<Server> {
  const server = createServer((req, res) => {
    if ((req.url ?? '/').split('?')[0] !== '/') {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    res.end(HOST_HTML)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

interface HostEvent {
  source: string
  type: string
  namespace?: string
  name?: string
  height?: number
}

const hostEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { __events: HostEvent[] }).__events)

function hostUrl(
  port: number,
  dashboard: string,
  embed: string,
  extra: Record<string, string> = {},
) {
  const q = new URLSearchParams({ dashboard, embed, ...extra })
  return `http://127.0.0.1:${port}/?${q.toString()}`
}

// One worker: the host pages listen on fixed ports.
test.describe.configure({ mode: 'serial' })

const servers: Server[] = []
test.beforeAll(async () => {
  servers.push(await serveHostPage(ALLOWED_HOST_PORT), await serveHostPage(OTHER_HOST_PORT))
})
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))))
  await closeClients()
})

test('an allowed origin embeds the Service panel, creates an APIRule and gets the events', async ({
  page,
  baseURL,
}) => {
  const info = clusterInfo()
  const ns = await createTestNamespace(info, 'e2e-embed')
  await applyYaml(
    info,
    [
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'embed-svc' },
        spec: { selector: { app: 'embed' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
      },
    ],
    'admin',
    ns,
  )

  await page.goto(
    hostUrl(
      ALLOWED_HOST_PORT,
      baseURL ?? '',
      `/embed/namespaces/${ns}/services/embed-svc/apirules`,
      {
        theme: 'sap_horizon_dark',
      },
    ),
  )
  const frame = page.frameLocator('iframe[title="API Rules panel"]')
  const panel = new ApiRulesPanel(frame)
  await expect(panel.region).toContainText('Not exposed')
  // Chrome-less: no shell bar, no navigation.
  await expect(frame.getByRole('banner')).toHaveCount(0)
  await expect(frame.getByRole('navigation')).toHaveCount(0)
  // Theme from the URL.
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'sap_horizon_dark')
  // The frame reports its height.
  await expect
    .poll(async () => (await hostEvents(page)).some((e) => e.type === 'resize' && e.height! > 0))
    .toBe(true)

  // Expose → the editor opens in a dialog inside the frame.
  await panel.exposeButton.click()
  const dialog = frame.getByRole('dialog', { name: 'Expose Service embed-svc' })
  await expect(dialog).toBeVisible()
  // (UI5 dialog content is slotted: look it up from the frame, not inside the dialog role.)
  // One way to close it: the editor's Cancel, no second Close in a footer.
  await expect(frame.getByRole('button', { name: 'Cancel', exact: true })).toHaveCount(1)
  await expect(frame.getByRole('button', { name: 'Close', exact: true })).toHaveCount(0)
  await frame.getByRole('radio', { name: 'No auth' }).first().click()
  await frame.getByRole('button', { name: 'Create', exact: true }).click()

  await expect(page.getByRole('list', { name: 'Events' })).toContainText(
    `apirule-created ${ns}/embed-svc`,
  )
  await expect
    .poll(() => hostEvents(page))
    .toContainEqual({
      source: 'kyma-apirules-dashboard',
      type: 'apirule-created',
      namespace: ns,
      name: 'embed-svc',
    })
  // The panel shows the new rule (watch, no reload); its link opens the dashboard in a new tab.
  const link = panel.ruleLink('embed-svc')
  await expect(link).toBeVisible()
  await expect(frame.locator('ui5-link', { hasText: /^embed-svc$/ })).toHaveAttribute(
    'target',
    '_blank',
  )

  // Delete from the panel → apirule-deleted.
  await panel.region.getByRole('button', { name: 'Delete embed-svc' }).click()
  await expect(frame.getByRole('dialog', { name: 'Delete API Rule?' })).toBeVisible()
  await frame.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(page.getByRole('list', { name: 'Events' })).toContainText(
    `apirule-deleted ${ns}/embed-svc`,
  )
  await expect(panel.region).toContainText('Not exposed')
})

test('events are not sent to a parentOrigin that is not the framing page', async ({
  page,
  baseURL,
  allowConsole,
}) => {
  allowConsole(/events disabled: parentOrigin/, 'the test names a wrong parentOrigin on purpose')
  await page.goto(
    hostUrl(ALLOWED_HOST_PORT, baseURL ?? '', '/embed/namespaces/demo/services/orders/apirules', {
      claim: `http://127.0.0.1:${OTHER_HOST_PORT}`,
    }),
  )
  const panel = new ApiRulesPanel(page.frameLocator('iframe[title="API Rules panel"]'))
  await expect(panel.ruleLink('orders')).toBeVisible()
  // Even a spoofed claim must not make the frame post anywhere; give it time to try.
  await page.waitForTimeout(500)
  expect(await hostEvents(page)).toEqual([])
})

test('a page on a non-allowed origin cannot frame the panel', async ({
  page,
  baseURL,
  allowConsole,
}) => {
  allowConsole(/frame-ancestors|X-Frame-Options/, 'the browser refuses the framing on purpose')
  const consoleMessages: string[] = []
  page.on('console', (m) => consoleMessages.push(m.text()))
  await page.goto(
    hostUrl(OTHER_HOST_PORT, baseURL ?? '', '/embed/namespaces/demo/services/orders/apirules'),
  )
  await expect
    .poll(() => consoleMessages.some((m) => m.includes('frame-ancestors')), {
      message: 'Chromium reports the CSP frame-ancestors violation',
    })
    .toBe(true)
  const panel = new ApiRulesPanel(page.frameLocator('iframe[title="API Rules panel"]'))
  await expect(panel.region).toHaveCount(0)
  expect(await hostEvents(page)).toEqual([])
})

test('the main dashboard pages can never be framed, even by an allowed origin', async ({
  page,
  baseURL,
  allowConsole,
}) => {
  allowConsole(/frame-ancestors|X-Frame-Options/, 'the browser refuses the framing on purpose')
  const consoleMessages: string[] = []
  page.on('console', (m) => consoleMessages.push(m.text()))
  await page.goto(hostUrl(ALLOWED_HOST_PORT, baseURL ?? '', '/namespaces/demo/services/orders'))
  await expect
    .poll(() =>
      consoleMessages.some((m) => m.includes('frame-ancestors') || m.includes('X-Frame-Options')),
    )
    .toBe(true)
  await expect(
    page.frameLocator('iframe[title="API Rules panel"]').getByRole('heading', { name: 'orders' }),
  ).toHaveCount(0)
})
