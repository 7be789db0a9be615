// The Kyma API Gateway lesson, end to end: expose hello-kyma-svc from the API Rules view with the
// form (name, service, port, host, one rule /* GET with No auth), check the YAML view, create, and
// see the APIRule live in the list and on its details page. Also: creating through YAML only.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { closeClients, getApiRule, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

test('the lesson: expose hello-kyma-svc with the form, check the YAML, create, see it live', async ({
  page,
  newIsolatedPage,
}) => {
  const ns = await namespaceWith('e2e-lesson')

  // A second window keeps the list open: the new APIRule must appear there without a reload.
  const watcher = new ApiRuleListPage(await newIsolatedPage())
  await watcher.open(ns)
  await watcher.waitUntilLive()
  await expect(watcher.main.getByText('No API Rules yet')).toBeVisible()

  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await list.clickCreate()
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  await expect(editor.heading('Create APIRule')).toBeVisible()
  await editor.showView('Form')

  await editor.fillBasics({
    name: 'hello-kyma',
    service: 'hello-kyma-svc',
    host: ns, // hosts are cluster-wide: a unique one per run
    path: '/*',
    access: 'No auth',
  })
  // One port on the Service: the form picks it.
  await expect(editor.port).toHaveValue('80')
  await editor.rule(1).expectMethods(['GET'])
  await expect(
    editor.form.getByRole('link', { name: `https://${ns}.local.kyma.dev` }),
  ).toBeVisible()
  // Valid; the only remark is that the whole host becomes public.
  await editor.expectNoErrors()
  await editor.expectWarnings([
    expect.stringMatching(/^Warning .* is public for GET: rule 1 matches every path/),
  ])

  // The YAML view shows the same document.
  await editor.showView('YAML')
  await expect
    .poll(() => editor.yamlObject())
    .toEqual({
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: { name: 'hello-kyma', namespace: ns },
      spec: {
        hosts: [ns],
        service: { name: 'hello-kyma-svc', port: 80 },
        gateway: 'kyma-system/kyma-gateway',
        rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
      },
    })

  await editor.create('hello-kyma')
  const details = new ApiRuleDetailsPage(page, 'hello-kyma')
  await details.heading.waitFor()
  // The API Gateway controller reconciles it.
  await expect(details.status('Ready')).toBeVisible({ timeout: 30_000 })
  await expect(details.hostRegion.getByRole('link', { name: `${ns}.local.kyma.dev` })).toBeVisible()
  await expect(details.panel('Service').getByRole('link', { name: 'hello-kyma-svc' })).toBeVisible()
  await details.expectRules([['/*', 'GET', 'No auth']])

  // Live in the other tab (never reloaded), with the right columns.
  const row = watcher.row(ns, 'hello-kyma')
  await expect(row).toBeVisible()
  await expect(row).toContainText(`${ns}.local.kyma.dev`)
  await expect(row).toContainText('hello-kyma-svc:80')
  await expect(row).toContainText('No auth')
  await expect(row).toContainText('Ready')

  const stored = await getApiRule(ns, 'hello-kyma')
  expect(stored?.spec).toEqual({
    hosts: [ns],
    service: { name: 'hello-kyma-svc', port: 80 },
    gateway: 'kyma-system/kyma-gateway',
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
  })
})

test('creates an APIRule through the YAML view only', async ({ page }) => {
  const ns = await namespaceWith('e2e-yaml-create')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'yaml' })
  await expect(editor.form).toHaveCount(0)
  await editor.setYaml(
    [
      'apiVersion: gateway.kyma-project.io/v2',
      'kind: APIRule',
      'metadata:',
      '  name: from-yaml',
      '  labels:',
      '    team: e2e',
      'spec:',
      '  hosts:',
      `    - ${ns}`,
      '  service:',
      '    name: hello-kyma-svc',
      '    port: 80',
      '  gateway: kyma-system/kyma-gateway',
      '  rules:',
      '    - path: /api/{**}',
      '      methods: ["GET", "POST"]',
      '      noAuth: true',
      '',
    ].join('\n'),
  )
  await editor.expectNoErrors()
  await editor.expectWarnings([])
  await editor.create('from-yaml')

  const details = new ApiRuleDetailsPage(page, 'from-yaml')
  await details.heading.waitFor()
  await details.expectRules([['/api/{**}', 'GET, POST', 'No auth']])
  await expect(details.panel('Labels')).toContainText('team')
  await details.showYaml()
  await expect(details.yamlCode).toContainText('name: from-yaml')
  await expect(details.yamlCode).toContainText('path: /api/{**}')

  const stored = await getApiRule(ns, 'from-yaml')
  expect((stored?.metadata as { labels?: object }).labels).toEqual({ team: 'e2e' })
})
