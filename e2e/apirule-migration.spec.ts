// The lesson's own APIRule, written as v1beta1 through the editor's v1beta1 form (host, service,
// rule /.* GET with the `allow` handler), then migrated to v2: the migration dialog shows the
// result, the diff is confirmed, and the object is stored as v2 with noAuth.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { closeClients, getApiRule, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

test('creates the lesson APIRule as v1beta1, then migrates it to v2', async ({ page }) => {
  // Two editor visits, two details pages and the list: on a shared 2-core machine under load the
  // lazily loaded editor alone has taken 23 s to show, so the default 60 s budget is not enough.
  test.slow()
  const ns = await namespaceWith('e2e-v1beta1')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns)
  await editor.chooseApiVersion('v1beta1')
  await expect(editor.form.getByText('APIRule v1beta1 is deprecated')).toBeVisible()

  await editor.name.fill('my-api-rule')
  await editor.host.fill(ns)
  await editor.service.fill('hello-kyma-svc')
  await editor.port.fill('80')
  await expect(editor.gateway).toHaveValue('kyma-system/kyma-gateway')
  const rule = editor.rule(1)
  await expect(rule.path).toHaveValue('/.*')
  await rule.expectMethods(['GET'])
  await rule.handlerSelect(1).click()
  await page.getByRole('option', { name: 'allow', exact: true }).click()
  await expect(rule.handlerSelect(1)).toHaveText('allow')
  await editor.expectNoErrors()

  await editor.create('my-api-rule')
  const v1 = await getApiRule(ns, 'my-api-rule', 'v1beta1')
  expect(v1?.spec).toEqual({
    host: ns,
    service: { name: 'hello-kyma-svc', port: 80 },
    gateway: 'kyma-system/kyma-gateway',
    rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
  })

  // The details page says it needs a migration and links to it.
  const details = new ApiRuleDetailsPage(page, 'my-api-rule')
  await details.heading.waitFor()
  await details.migrateLink.click()
  await expect(editor.migrateDialog).toBeVisible()
  await editor.expectDimsWholePage(editor.migrateDialog)
  await expect(editor.diffRegion).toContainText('added: apiVersion: gateway.kyma-project.io/v2')
  await expect(editor.diffRegion).toContainText('added: noAuth: true')
  await editor.migrateDialog.getByRole('button', { name: 'Use the v2 version' }).click()
  await expect(editor.migrateDialog).toBeHidden()
  await expect(editor.form).toHaveAttribute('aria-label', 'APIRule form')
  await expect(editor.rule(1).access('No auth')).toBeChecked()

  await editor.openDiff()
  await expect(editor.diffRegion).toContainText(
    'removed: apiVersion: gateway.kyma-project.io/v1beta1',
  )
  await expect(editor.diffRegion).toContainText('added: apiVersion: gateway.kyma-project.io/v2')
  await editor.confirmDiff()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/my-api-rule$`))
  await expect(details.migrateLink).toHaveCount(0)
  // v1beta1's regex /.* becomes v2's /* (every path).
  await details.expectRules([['/*', 'GET', 'No auth']])

  const v2 = await getApiRule(ns, 'my-api-rule', 'v2')
  expect(v2?.spec).toMatchObject({
    hosts: [ns],
    service: { name: 'hello-kyma-svc', port: 80 },
    gateway: 'kyma-system/kyma-gateway',
    rules: [{ methods: ['GET'], noAuth: true }],
  })

  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect(list.row(ns, 'my-api-rule')).toBeVisible()
  await expect(list.migrationBadge(ns, 'my-api-rule')).toHaveCount(0)
})
