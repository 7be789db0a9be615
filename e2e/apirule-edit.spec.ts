// Editing: the diff before saving, a 409 conflict resolved by re-applying the user's changes on top
// of the server's, and invalid YAML typed and fixed without losing what the form holds.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import {
  apiRuleObject,
  apiRulePath,
  closeClients,
  clusterInfo,
  getApiRule,
  kubeRequest,
  namespaceWith,
} from './support/cluster.ts'

test.afterAll(closeClients)

type Spec = { timeout?: number; rules: { path: string; methods: string[] }[] }

test('edits a rule path, reviews the diff, saves, and another window sees it live', async ({
  page,
  newIsolatedPage,
}) => {
  const ns = await namespaceWith('e2e-edit', [apiRuleObject('edit-me', { host: 'x' })])
  await kubeRequest(
    clusterInfo(),
    'admin',
    'PATCH',
    apiRulePath(ns, 'edit-me'),
    {
      spec: { hosts: [ns] },
    },
    { 'content-type': 'application/merge-patch+json' },
  )

  const other = new ApiRuleDetailsPage(await newIsolatedPage(), 'edit-me')
  await other.open(ns)
  await other.expectRules([['/*', 'GET', 'No auth']])

  // From the details page (live, reloadable) to the editor.
  const details = new ApiRuleDetailsPage(page, 'edit-me')
  await details.open(ns)
  await expect(details.connection).toContainText('Live')
  await page.reload()
  await details.heading.waitFor()
  await details.editButton.click()
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  await expect(editor.heading('Edit APIRule edit-me')).toBeVisible()
  await expect(editor.name).toHaveValue('edit-me')
  await expect(editor.name).not.toBeEditable()
  await expect(editor.saveButton).toBeDisabled()

  await editor.rule(1).setPath('/orders/{**}')
  await editor.openDiff()
  await editor.expectDimsWholePage(editor.diffDialog)
  await expect(editor.diffRegion).toContainText('removed: path: /*')
  await expect(editor.diffRegion).toContainText('added: path: /orders/{**}')
  await editor.confirmDiff()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/edit-me$`))

  await details.expectRules([['/orders/{**}', 'GET', 'No auth']])
  // The other window was never reloaded.
  await other.expectRules([['/orders/{**}', 'GET', 'No auth']])
  const stored = await getApiRule(ns, 'edit-me')
  expect((stored?.spec as Spec).rules[0]?.path).toBe('/orders/{**}')
  // The save went through web/api's write API: the API server names the dashboard as its manager.
  const managed = (
    stored?.metadata as { managedFields?: { manager?: string; operation?: string }[] }
  ).managedFields
  expect(managed?.map((f) => `${f.manager}/${f.operation}`)).toContain(
    'kyma-apirules-dashboard/Update',
  )
})

test('a conflict (409) is resolved by reloading and re-applying my changes', async ({
  page,
  allowConsole,
}) => {
  allowConsole(/status of 409 \(Conflict\)/, 'the test changes the rule behind the page on purpose')
  const ns = await namespaceWith('e2e-conflict', [apiRuleObject('contested', { host: 'y' })])
  await kubeRequest(
    clusterInfo(),
    'admin',
    'PATCH',
    apiRulePath(ns, 'contested'),
    {
      spec: { hosts: [ns] },
    },
    { 'content-type': 'application/merge-patch+json' },
  )

  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'contested')
  await editor.rule(1).setPath('/mine')

  // Behind the page's back, someone else sets a timeout.
  const patched = await kubeRequest(
    clusterInfo(),
    'admin',
    'PATCH',
    apiRulePath(ns, 'contested'),
    { spec: { timeout: 300 } },
    { 'content-type': 'application/merge-patch+json' },
  )
  expect(patched.status).toBe(200)

  await editor.saveButton.click()
  await editor.diffDialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(editor.conflictDialog).toBeVisible()
  await expect(editor.diffRegion).toContainText('added: timeout: 300')
  await expect(editor.conflictDialog.getByText('they can be combined automatically')).toBeVisible()
  await editor.conflictDialog
    .getByRole('button', { name: 'Reload and re-apply my changes' })
    .click()
  await expect(editor.conflictDialog).toBeHidden()

  // Both changes are in the editor now; save again.
  await expect(editor.rule(1).path).toHaveValue('/mine')
  await expect(
    editor.form.getByRole('spinbutton', { name: 'Timeout (seconds)' }).first(),
  ).toHaveValue('300')
  await editor.saveWithDiff()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/contested$`))

  const stored = (await getApiRule(ns, 'contested'))?.spec as Spec
  expect(stored.timeout).toBe(300)
  expect(stored.rules[0]?.path).toBe('/mine')
})

test('a save right after the controller wrote the status sends no stale version (no 409)', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-status-race', [apiRuleObject('reconciled', { host: 'z' })])
  await kubeRequest(
    clusterInfo(),
    'admin',
    'PATCH',
    apiRulePath(ns, 'reconciled'),
    { spec: { hosts: [ns] } },
    { 'content-type': 'application/merge-patch+json' },
  )
  // The real controller has reconciled it (its status says so) before the editor opens.
  await expect
    .poll(async () => ((await getApiRule(ns, 'reconciled'))?.status as { state?: string })?.state)
    .toBeTruthy()
  const conflicts: string[] = []
  page.on('response', (r) => {
    if (r.status() === 409) conflicts.push(`${r.request().method()} ${r.url()}`)
  })

  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'reconciled')
  await editor.rule(1).setPath('/after-status')

  // A status write, as the controller makes after every reconcile: only the resourceVersion and
  // status move; the spec the editor started from is still the stored one.
  const status = await kubeRequest(
    clusterInfo(),
    'admin',
    'PATCH',
    `${apiRulePath(ns, 'reconciled')}/status`,
    { status: { state: 'Warning', description: 'e2e: a status write behind the editor' } },
    { 'content-type': 'application/merge-patch+json' },
  )
  expect(status.status).toBe(200)

  await editor.saveWithDiff()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/reconciled$`))
  expect(((await getApiRule(ns, 'reconciled'))?.spec as Spec).rules[0]?.path).toBe('/after-status')
  expect(conflicts, 'writes refused with 409').toEqual([])
})

test('invalid YAML typed in the split view is fixed without losing the form values', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-bad-yaml')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'split' })
  await editor.fillBasics({
    name: 'typo-proof',
    service: 'hello-kyma-svc',
    host: ns,
    access: 'No auth',
  })
  await editor.expectNoErrors()

  // Break the YAML at its end: the form turns read-only, nothing is lost.
  const broken = 'broken: ['
  await editor.appendYaml(broken)
  await expect(editor.parseError).toBeVisible()
  await expect(editor.parseError).toContainText('The form is read-only until it is fixed')
  await expect(editor.name).not.toBeEditable()
  await expect(editor.name).toHaveValue('typo-proof')
  // The parse error is counted as a problem and holds Create, with the reason.
  await expect(editor.createButton).toBeDisabled()
  await expect(editor.saveBlockedReason).toHaveText('Create is disabled: fix 1 error first.')
  await expect
    .poll(() => editor.errors())
    .toEqual([expect.stringMatching(/^Error \(yaml\) \(object\): The YAML does not parse \(line/)])

  // Fix it with the keyboard.
  await editor.focusYaml()
  await page.keyboard.press('ControlOrMeta+End')
  for (let i = 0; i < broken.length; i++) await page.keyboard.press('Backspace')
  await expect(editor.parseError).toBeHidden()
  await expect(editor.name).toBeEditable()
  await expect(editor.name).toHaveValue('typo-proof')
  await expect(editor.host).toHaveValue(ns)
  await expect(editor.rule(1).access('No auth')).toBeChecked()

  await editor.create('typo-proof')
  expect((await getApiRule(ns, 'typo-proof'))?.spec).toMatchObject({
    hosts: [ns],
    service: { name: 'hello-kyma-svc', port: 80 },
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
  })
})
