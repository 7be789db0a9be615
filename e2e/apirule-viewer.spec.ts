// A read-only user: the dashboard runs as `viewer` (a second BFF with the kubeconfig's
// local-viewer context). Create, Edit, Clone and Delete are disabled, and the page says why.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import { clusterInfo } from './support/cluster.ts'

// The viewer may not read everything (the CRD, other namespaces' rules): the page falls back
// (bundled schema, what it may read) and says so; Chromium logs each refused request.
test.beforeEach(({ allowConsole }) => {
  allowConsole(/status of 403 \(Forbidden\)/, 'the viewer is refused reads on purpose')
})

let viewer: Bff

test.beforeAll(async () => {
  viewer = await startBff([
    '--kubeconfig',
    clusterInfo().kubeconfigPath,
    '--context',
    'local-viewer',
  ])
})

test.afterAll(async () => {
  await viewer?.stop()
})

test('a viewer sees the APIRules but cannot change them, and is told why', async ({ page }) => {
  // The demo namespace is read-only for specs; a viewer cannot change it anyway.
  const list = new ApiRuleListPage(page)
  await page.goto(`${viewer.url}/namespaces/demo/apirules`)
  await list.waitUntilLive()
  await expect(page.getByText('viewer @ local-viewer')).toBeVisible()
  await expect.poll(() => list.rowNames()).toContain('my-api-rule')

  const createReason = 'You may not create APIRules in namespace demo'
  await expect(list.createButton).toBeDisabled()
  await expect(list.main.getByText(createReason, { exact: true })).toBeVisible()
  await expect(list.editButton('demo', 'hello')).toBeDisabled()
  await expect(list.cloneButton('demo', 'hello')).toBeDisabled()
  await list.selectRow('demo', 'hello')
  await expect(list.deleteButton).toBeDisabled()

  const details = new ApiRuleDetailsPage(page, 'hello')
  await list.nameLink('demo', 'hello').click()
  await details.heading.waitFor()
  await expect(details.editButton).toBeDisabled()
  await expect(details.cloneButton).toBeDisabled()
  await expect(details.deleteButton).toBeDisabled()
  await expect(
    details.main.getByText(
      'You may not update APIRule hello in namespace demo. You may not create APIRules in namespace demo. You may not delete APIRule hello in namespace demo',
    ),
  ).toBeVisible()
  // Reading still works: rules and YAML.
  await details.expectRules([['/*', 'GET, POST', 'No auth']])
  await details.showYaml()
  await expect(details.yamlCode).toContainText('name: hello')
})
