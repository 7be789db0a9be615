// The editor tells the truth before Save (issue 15), against the real API server: creating from
// "All namespaces", an unknown field flagged before Save and refused by a strict dry run, an empty
// JWT issuer blocking Create, a prefilled name that is already taken, a migration that would drop a
// route, and a 10 MB paste refused while the page stays responsive.
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import {
  apiRuleObject,
  closeClients,
  getApiRule,
  namespaceWith,
  serviceObject,
} from './support/cluster.ts'

test.afterAll(closeClients)

test('creates from "All namespaces" in the namespace picked, with its Services', async ({
  page,
  requests,
}) => {
  test.slow() // two cold editor loads and a create
  const ns = await namespaceWith('e2e-allns', [serviceObject('picked-svc')])
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreateFromAllNamespaces()
  await expect(editor.toolbar).toHaveCount(0) // nothing to edit before a namespace is chosen
  await editor.chooseNamespace(ns)
  await expect(editor.form.getByRole('textbox', { name: 'Namespace', exact: true })).toHaveValue(ns)

  // The Service suggestions are the chosen namespace's.
  await editor.service.click()
  await page.keyboard.press('F4') // opens the suggestions
  await expect(page.getByRole('option', { name: /^picked-svc/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await editor.fillBasics({
    name: 'from-all',
    service: 'picked-svc',
    port: 80,
    host: ns,
    access: 'No auth',
  })
  await editor.expectNoErrors()
  await editor.create('from-all')
  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns}/apirules/from-all$`))
  expect((await getApiRule(ns, 'from-all'))?.metadata).toMatchObject({ namespace: ns })
  // `-all-` is a route word, never a namespace of an API request.
  expect(requests.filter((u) => u.includes('/api/k8s/') && u.includes('-all-'))).toEqual([])

  // The choice is remembered for the next create.
  await editor.openCreateFromAllNamespaces()
  await expect(editor.namespacePicker).toHaveText(ns)
})

test('a fromParameters typo is flagged at the field before Save, and the strict dry run refuses it', async ({
  page,
  allowConsole,
}) => {
  allowConsole(/status of 400 \(Bad Request\).*dryRun=All/, 'the strict dry run refuses on purpose')
  const ns = await namespaceWith('e2e-typo')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'yaml' })
  await editor.setYaml(
    [
      'apiVersion: gateway.kyma-project.io/v2',
      'kind: APIRule',
      'metadata:',
      '  name: typo',
      `  namespace: ${ns}`,
      'spec:',
      `  hosts: [${ns}]`,
      '  service: {name: hello-kyma-svc, port: 80}',
      '  gateway: kyma-system/kyma-gateway',
      '  rules:',
      '    - path: /*',
      '      methods: [GET]',
      '      jwt:',
      '        authentications:',
      '          - issuer: https://issuer.example.com',
      '            jwksUri: https://issuer.example.com/jwks',
      '            fromParameters: [access_token]',
      '',
    ].join('\n'),
  )
  await expect
    .poll(() => editor.errors())
    .toContain(
      'Error (schema) spec.rules[0].jwt.authentications[0].fromParameters: Unknown field "fromParameters": the API server would drop it (did you mean "fromParams"?)',
    )
  await expect(editor.createButton).toBeDisabled()
  await expect(editor.saveBlockedReason).toHaveText('Create is disabled: fix 1 error first.')

  // Ask the API server itself: the dry run is strict, so it refuses instead of dropping the field.
  await editor.validateButton.click()
  await expect(editor.alert).toContainText('Server validation failed: the API server refused it')
  await expect
    .poll(async () => (await editor.errors()).filter((e) => e.startsWith('Error (server)')))
    .toEqual([expect.stringContaining('fromParameters')])
  expect(await getApiRule(ns, 'typo')).toBeUndefined()

  // Fixed in the YAML: the client error, the server's answer and its banner all go.
  await editor.setYaml((await editor.yamlText()).replace('fromParameters', 'fromParams'))
  await expect.poll(() => editor.errors()).toEqual([])
  await expect(editor.alert).toHaveCount(0)
  await expect(editor.createButton).toBeEnabled()
})

test('an empty JWT issuer blocks Create; a blank form is not red before anything was typed', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-issuer')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns)
  await expect(editor.validationSummary).toHaveText(/^Fill in the required fields/)
  expect(await editor.issues()).toEqual([])

  await editor.fillBasics({
    name: 'jwt-rule',
    service: 'hello-kyma-svc',
    port: 80,
    host: ns,
    access: 'JWT',
  })
  // Choosing JWT touched the rule's access: what it still lacks shows, and Create waits for it.
  await expect
    .poll(() => editor.errors())
    .toEqual(
      expect.arrayContaining([
        'Error (controller) spec.rules[0].jwt.authentications[0].issuer: value is empty or not a valid uri err=value is empty',
        'Error (controller) spec.rules[0].jwt.authentications[0].jwksUri: value is empty or not a valid uri err=value is empty',
      ]),
    )
  await expect(editor.createButton).toBeDisabled()
  await expect(editor.saveBlockedReason).toContainText('Create is disabled: fix')
  expect(await getApiRule(ns, 'jwt-rule')).toBeUndefined()

  const rule = editor.rule(1).group
  await rule
    .getByRole('textbox', { name: 'Issuer', exact: true })
    .fill('https://issuer.example.com')
  await rule
    .getByRole('textbox', { name: 'JWKS URI', exact: true })
    .fill('https://issuer.example.com/jwks')
  await editor.expectNoErrors()
  await editor.create('jwt-rule')
  const stored = await getApiRule(ns, 'jwt-rule')
  expect(stored?.spec).toMatchObject({
    rules: [
      {
        jwt: {
          authentications: [
            { issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' },
          ],
        },
      },
    ],
  })
})

test('Expose prefills a free name and host (name-2); a taken name is flagged before Create', async ({
  page,
}) => {
  // The Service's name is unique in the cluster, so its host is only taken by our own APIRule.
  const svc = `svc-${Date.now().toString(36)}`
  const ns = await namespaceWith('e2e-dup', [
    serviceObject(svc),
    apiRuleObject(svc, { service: svc, host: svc }),
  ])
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { service: svc, port: 80 })
  await expect(editor.name).toHaveValue(`${svc}-2`)
  await expect(editor.host).toHaveValue(`${svc}-2`)

  await editor.name.fill(svc)
  await expect
    .poll(() => editor.errors())
    .toContain(
      `Error (cluster) metadata.name: An APIRule named "${svc}" already exists in namespace "${ns}"`,
    )
  await editor.host.fill(svc)
  // In the controller's words: the other APIRule's VirtualService serves the host.
  await expect
    .poll(() => editor.errors(), { timeout: 15_000 })
    .toContain('Error (controller) spec.hosts[0]: Host is occupied by another Virtual Service')
  await expect(editor.createButton).toBeDisabled()
})

test('migrating a v1beta1 rule that would drop a route asks before removing it', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-drop', [
    {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: {
        name: 'legacy',
        annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"old":true}' },
      },
      spec: {
        host: 'legacy.local.kyma.dev',
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 'hello-kyma-svc', port: 80 },
        rules: [
          { path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] },
          {
            path: '/introspected/.*',
            methods: ['POST'],
            accessStrategies: [{ handler: 'oauth2_introspection' }],
          },
        ],
      },
    },
  ])
  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'legacy', { v1beta1: true, migrate: true })
  await expect(editor.migrateDialog).toBeVisible()
  await expect(editor.droppedRoutes).toContainText(
    'This route cannot be converted and will be removed',
  )
  await expect(editor.droppedRoutes.getByRole('listitem')).toHaveText([
    /^Rule 2: \/introspected\/\.\* POST — removed \(could not convert: rule 2 access strategy oauth2_introspection/,
  ])
  await expect(editor.migrateDialog).toContainText(
    'removed annotation kubectl.kubernetes.io/last-applied-configuration',
  )
  await expect(editor.useV2Button).toBeDisabled()
  await editor.confirmDropCheckbox.click()
  await expect(editor.useV2Button).toBeEnabled()
  await editor.useV2Button.click()
  await expect(editor.migrateDialog).toBeHidden()
  await expect(editor.form).toHaveAttribute('aria-label', 'APIRule form')
  await expect(editor.rule(1).path).toHaveValue('/*')
  await expect(editor.rule(2).group).toHaveCount(0)
})

test('a 10 MB paste is refused with a message and the page still answers a click within 1 s', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-huge')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'split' })
  await editor.name.fill('kept-name')
  const before = await editor.yamlText()

  const line = '# ' + 'x'.repeat(98) + '\n'
  await editor.focusYaml()
  await editor.paste(line.repeat(100_000)) // 10 MB
  await expect(editor.alert).toContainText(
    /The pasted text is 9\.6 MiB; an APIRule can be at most 1\.5 MiB/,
  )
  await expect(editor.alert).toContainText("It was not pasted; the editor's text is unchanged.")

  // Responsive: a click on "YAML" is answered (the form goes) within a second.
  await editor.toolbar.getByRole('button', { name: 'YAML', exact: true }).click({ timeout: 1000 })
  await expect(editor.form).toHaveCount(0, { timeout: 1000 })
  // Nothing was lost.
  await editor.showView('Form')
  await expect(editor.name).toHaveValue('kept-name')
  await editor.showView('Split')
  expect(await editor.yamlText()).toBe(before)
})
