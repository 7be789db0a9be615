// The dashboard on the real Kyma API Gateway controller's output: the lesson's APIRule turns Ready
// and its VirtualService shows under Generated resources; a v1beta1 rule carries the controller's
// "migrate to v2" error until it is migrated, then turns Ready; a deleted namespace is really gone
// (kube-controller-manager).
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { ServicesPage } from './pages/ServicesPage.ts'
import {
  applyYaml,
  clusterInfo,
  closeClients,
  kubeRequest,
  namespaceWith,
} from './support/cluster.ts'

const RECONCILED_MS = 30_000

test.afterAll(closeClients)

test.beforeAll(() => {
  // Says why when the controller could not run (e.g. it could not be built).
  expect(clusterInfo().apiGateway).toEqual({ running: true })
})

test('the lesson from the Service page ends Ready, with its VirtualService generated', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-ctl-lesson')
  const services = new ServicesPage(page)
  await services.openDetails(ns, 'hello-kyma-svc')
  await services.panel.exposeButton.click()
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  await editor.showView('Form')
  // Hosts are cluster-wide and the controller refuses a taken one: a unique host per run.
  await editor.host.fill(ns)
  await editor.rule(1).access('No auth').click()
  await editor.create('hello-kyma-svc')

  const details = new ApiRuleDetailsPage(page, 'hello-kyma-svc')
  await details.heading.waitFor()
  await expect(details.status('Ready')).toBeVisible({ timeout: RECONCILED_MS })
  const generated = details.panel('Generated resources')
  const virtualService = generated.getByText(new RegExp(`^VirtualService ${ns}/`))
  await expect(virtualService).toBeVisible({ timeout: RECONCILED_MS })
  await virtualService.click()
  await expect(generated.getByLabel(/^YAML of VirtualService /)).toContainText(
    `${ns}.local.kyma.dev`,
  )
})

test('a v1beta1 rule shows the controller’s error, and after migrating to v2 turns Ready', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-ctl-migrate')
  await applyYaml(
    clusterInfo(),
    [
      {
        apiVersion: 'gateway.kyma-project.io/v1beta1',
        kind: 'APIRule',
        metadata: { name: 'my-api-rule' },
        spec: {
          host: ns,
          gateway: 'kyma-system/kyma-gateway',
          service: { name: 'hello-kyma-svc', port: 80 },
          rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
        },
      },
    ],
    'admin',
    ns,
  )
  const details = new ApiRuleDetailsPage(page, 'my-api-rule')
  await details.open(ns)
  await expect(details.status('Error')).toBeVisible({ timeout: RECONCILED_MS })
  await expect(details.main.getByText(/no longer supported/).first()).toBeVisible()

  await details.migrateLink.click()
  const editor = new ApiRuleEditorPage(page)
  await expect(editor.migrateDialog).toBeVisible()
  await editor.migrateDialog.getByRole('button', { name: 'Use the v2 version' }).click()
  await expect(editor.migrateDialog).toBeHidden()
  await editor.saveWithDiff()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/my-api-rule$`))
  await expect(details.status('Ready')).toBeVisible({ timeout: RECONCILED_MS })
  await expect(
    details.panel('Generated resources').getByText(new RegExp(`^VirtualService ${ns}/`)),
  ).toBeVisible({ timeout: RECONCILED_MS })
})

test('a rule in Error shows the controller’s words in its list row, at the rule on its details page and in the editor', async ({
  page,
}) => {
  // The second rule routes to a Service that does not exist: the controller names that rule.
  const ns = await namespaceWith('e2e-ctl-verdict')
  await applyYaml(
    clusterInfo(),
    [
      {
        apiVersion: 'gateway.kyma-project.io/v2',
        kind: 'APIRule',
        metadata: { name: 'broken' },
        spec: {
          hosts: [ns],
          gateway: 'kyma-system/kyma-gateway',
          service: { name: 'hello-kyma-svc', port: 80 },
          rules: [
            { path: '/healthz', methods: ['GET'], noAuth: true },
            { path: '/*', methods: ['GET'], noAuth: true, service: { name: 'gone', port: 80 } },
          ],
        },
      },
    ],
    'admin',
    ns,
  )
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  const row = list.row(ns, 'broken')
  await expect(row.getByText('Error', { exact: true })).toBeVisible({ timeout: RECONCILED_MS })
  // The description is visible text in the row (not only a tooltip), and focusable.
  const words = row.getByText(/Attribute '\.spec\.rules\[1\]/)
  await expect(words).toBeVisible()
  const description = ((await words.textContent()) ?? '').replace(/^Controller says: /, '')
  await words.focus()
  await expect(page.locator('.kd-clipped-popover')).toHaveText(description)

  const details = new ApiRuleDetailsPage(page, 'broken')
  await details.open(ns)
  await expect(details.ruleProblems(2)).toContainText('from the API Gateway controller')
  await expect(details.ruleProblems(1)).toHaveCount(0)

  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'broken')
  await expect
    .poll(() => editor.warnings())
    .toContainEqual(
      expect.stringMatching(
        /^Warning \(controller\) spec\.rules\[1\]: The API Gateway controller reported after the last save: /,
      ),
    )
})

test('a deleted namespace finishes deleting', async () => {
  const ns = await namespaceWith('e2e-ctl-delete')
  const info = clusterInfo()
  expect((await kubeRequest(info, 'admin', 'DELETE', `/api/v1/namespaces/${ns}`)).status).toBe(200)
  await expect
    .poll(
      async () => (await kubeRequest(info, 'admin', 'GET', `/api/v1/namespaces/${ns}`)).status,
      {
        timeout: 60_000,
      },
    )
    .toBe(404)
})
