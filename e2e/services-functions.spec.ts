// Services and Functions pages with their API Rules panel, against the real BFF and the local
// cluster: expose through the prefilled form, the port question, a Function without its Service,
// and exact (never substring) matching of APIRules to workloads.
import type { FrameLocator, Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { applyYaml, closeClients, createTestNamespace } from '../cluster/test/helpers.ts'
import { expect, test } from './fixtures.ts'
import { FunctionsPage } from './pages/FunctionsPage.ts'
import { ServicesPage } from './pages/ServicesPage.ts'

function clusterInfo(): TestClusterInfo {
  const file = process.env.KYMA_TEST_CLUSTER
  if (!file) throw new Error('KYMA_TEST_CLUSTER is not set: run the suite with `npm run e2e`.')
  return JSON.parse(readFileSync(file, 'utf8')) as TestClusterInfo
}

const serviceYaml = (name: string, ports: { name: string; port: number }[], labels = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, labels },
  spec: {
    selector: { app: name },
    ports: ports.map((p) => ({ ...p, targetPort: 8080, protocol: 'TCP' })),
  },
})

const functionYaml = (name: string) => ({
  apiVersion: 'serverless.kyma-project.io/v1alpha2',
  kind: 'Function',
  metadata: { name },
  spec: {
    runtime: 'nodejs22',
    source: { inline: { source: 'module.exports = { main: async () => "hi" }\n' } },
  },
})

/** In the APIRule editor (page or dialog): pick "No auth" for the prefilled rule and create. */
async function chooseNoAuthAndCreate(root: Page | FrameLocator) {
  await root.getByRole('radio', { name: 'No auth' }).first().click()
  await root.getByRole('button', { name: 'Create', exact: true }).click()
}

test.afterAll(async () => {
  await closeClients()
})

test('exposes a Service from its page through the form and shows the APIRule in the panel', async ({
  page,
}) => {
  const info = clusterInfo()
  const ns = await createTestNamespace(info, 'e2e-expose-svc')
  await applyYaml(info, [serviceYaml('hello-kyma-svc', [{ name: 'http', port: 80 }])], 'admin', ns)

  const services = new ServicesPage(page)
  await services.openDetails(ns, 'hello-kyma-svc')
  await expect(services.panel.region).toContainText('Not exposed')

  // 1: Expose (one port → straight to the prefilled editor)
  await services.panel.exposeButton.click()
  await expect(page).toHaveURL(
    new RegExp(`/namespaces/${ns}/apirules/-create-\\?service=hello-kyma-svc&port=80$`),
  )
  // 2 + 3: No auth, Create
  await chooseNoAuthAndCreate(page)
  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns}/apirules/hello-kyma-svc$`))

  // 4: back to the Service
  await services.openDetails(ns, 'hello-kyma-svc')
  await expect(services.panel.ruleLink('hello-kyma-svc')).toBeVisible()
  await services.panel.expectRuleKeys([`${ns}/hello-kyma-svc`])
  await expect(services.panel.region).toContainText('No auth')
})

test('exposes a Function from its page and shows the APIRule in the panel', async ({ page }) => {
  const info = clusterInfo()
  const ns = await createTestNamespace(info, 'e2e-expose-fn')
  await applyYaml(
    info,
    [
      functionYaml('greeter'),
      serviceYaml('greeter', [{ name: 'http', port: 80 }], {
        'serverless.kyma-project.io/function-name': 'greeter',
      }),
    ],
    'admin',
    ns,
  )

  const functions = new FunctionsPage(page)
  await functions.openDetails(ns, 'greeter')
  await expect(functions.serviceLink('greeter')).toBeVisible()
  await expect(page.getByRole('table', { name: 'Conditions' })).toContainText('Unknown')

  await functions.panel.exposeButton.click()
  await expect(page).toHaveURL(
    new RegExp(`/namespaces/${ns}/apirules/-create-\\?function=greeter$`),
  )
  await chooseNoAuthAndCreate(page)
  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns}/apirules/greeter$`))

  await functions.openDetails(ns, 'greeter')
  await expect(functions.panel.ruleLink('greeter')).toBeVisible()
  await functions.panel.expectRuleKeys([`${ns}/greeter`])
})

test('a Service with two ports asks which port to expose', async ({ page }) => {
  const services = new ServicesPage(page)
  await services.openDetails('demo', 'orders')
  await services.panel.exposeButton.click()
  await expect(services.panel.portDialog).toBeVisible()
  await expect(services.panel.portButton('http (80)')).toBeVisible()
  await services.panel.portButton('metrics (9090)').click()
  await expect(page).toHaveURL(/\/namespaces\/demo\/apirules\/-create-\?service=orders&port=9090$/)

  // The list's row action asks too.
  await services.openList('demo')
  await services.rowExposeButton('orders').click()
  await expect(services.panel.portDialog).toBeVisible()
  await services.panel.portButton('http (80)').click()
  await expect(page).toHaveURL(/\/namespaces\/demo\/apirules\/-create-\?service=orders&port=80$/)
})

test('a Function whose Service is missing says so instead of failing', async ({
  page,
  allowConsole,
}) => {
  allowConsole(/404.*\/services\/lonely/, 'the Function’s Service is missing on purpose')
  const info = clusterInfo()
  const ns = await createTestNamespace(info, 'e2e-fn-no-svc')
  await applyYaml(info, [functionYaml('lonely')], 'admin', ns)

  const functions = new FunctionsPage(page)
  await functions.openDetails(ns, 'lonely')
  await expect(page.getByText('Missing: no Service lonely in this namespace')).toBeVisible()
  await expect(
    functions.panel.notice(`Service lonely does not exist in namespace ${ns}.`),
  ).toBeVisible()
  await expect(functions.panel.region).toContainText('Not exposed')
  await expect(functions.panel.exposeButton).toBeEnabled()
})

test('APIRules are matched to workloads by exact name: hello never shows hello-kyma-svc rules', async ({
  page,
}) => {
  const services = new ServicesPage(page)
  await services.openDetails('demo', 'hello-kyma-svc')
  await expect(services.panel.ruleLink('hello-kyma')).toBeVisible()
  await services.panel.expectRuleKeys(
    expect.arrayContaining(['demo/hello-kyma', 'demo/my-api-rule']),
  )
  await expect(services.panel.ruleRow('demo/hello')).toHaveCount(0)

  const functions = new FunctionsPage(page)
  await functions.openDetails('demo', 'hello')
  await expect(functions.panel.ruleLink('hello')).toBeVisible()
  await expect(functions.panel.ruleRow('demo/hello')).toBeVisible()
  await expect(functions.panel.ruleRow('demo/hello-kyma')).toHaveCount(0)
  await expect(functions.panel.ruleRow('demo/my-api-rule')).toHaveCount(0)

  // Per-rule Services count too: hello-kyma routes /metrics to orders:9090.
  await services.openDetails('demo', 'orders')
  await expect(services.panel.ruleLink('orders')).toBeVisible()
  await services.panel.expectRuleKeys(
    expect.arrayContaining(['demo/orders', 'demo/orders-admin', 'demo/hello-kyma']),
  )

  // The list counts the same way.
  await services.openList('demo')
  await expect(services.row('hello-kyma-svc').getByLabel('2 API Rules')).toBeVisible()
  await expect(services.row('catalog').getByLabel('1 API Rule', { exact: true })).toBeVisible()
})

test('the Function list shows runtime, source and honest Unknown conditions', async ({ page }) => {
  const functions = new FunctionsPage(page)
  await functions.openList('demo')
  await expect(functions.table).toBeVisible()
  const row = functions.row('greeter')
  await expect(row).toContainText('python312')
  await expect(row).toContainText('Inline')
  await expect(row).toContainText('Unknown')
})

test('the Function list offers what the Service list does: search, API Rules count, Expose', async ({
  page,
}) => {
  const functions = new FunctionsPage(page)
  await functions.openList('demo')
  // The demo's APIRule "hello" routes to the Function hello's Service; greeter has none.
  await expect(functions.row('hello').getByLabel('1 API Rule', { exact: true })).toBeVisible()
  await expect(functions.row('greeter').getByLabel('0 API Rules')).toBeVisible()

  await page.getByRole('searchbox', { name: 'Search Functions' }).fill('gree')
  await expect(functions.row('hello')).toHaveCount(0)
  await expect(page.getByText('1 of 2 Functions')).toBeVisible()

  await functions
    .row('greeter')
    .getByRole('button', { name: 'Expose greeter with APIRule' })
    .click()
  await expect(page).toHaveURL(/\/apirules\/-create-\?function=greeter$/)
})
