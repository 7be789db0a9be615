// Dialogs give focus back where they were opened: a keyboard user who opens a dialog and leaves it
// (Escape or its Cancel) goes on from the same button, not from the top of the page. Each test
// waits for where focus is, never for time. Hosts start with `focus-`: the suite shares one
// cluster, and a host another spec's rule already serves puts that rule in Error ("Host is occupied").
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { ServicesPage } from './pages/ServicesPage.ts'
import { apiRuleObject, closeClients, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

/** Opens `dialog` from `opener` with the keyboard (focus, Enter) and waits for it. */
async function openWithKeyboard(page: Page, opener: Locator, dialog: Locator) {
  await opener.focus()
  await expect(opener).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(dialog).toBeVisible()
}

test('the delete dialog gives focus back to Delete (Escape and Cancel)', async ({ page }) => {
  const ns = await namespaceWith('e2e-focus-delete', [
    apiRuleObject('kept', { host: 'focus-kept' }),
  ])
  const details = new ApiRuleDetailsPage(page, 'kept')
  await details.open(ns)
  await openWithKeyboard(page, details.deleteButton, details.deleteDialog)
  await page.keyboard.press('Escape')
  await expect(details.deleteDialog).toBeHidden()
  await expect(details.deleteButton).toBeFocused()

  await openWithKeyboard(page, details.deleteButton, details.deleteDialog)
  await details.deleteDialog.getByRole('button', { name: 'Cancel' }).press('Enter')
  await expect(details.deleteDialog).toBeHidden()
  await expect(details.deleteButton).toBeFocused()
})

test('the review (diff) dialog gives focus back to Save', async ({ page }) => {
  const ns = await namespaceWith('e2e-focus-diff', [
    apiRuleObject('reviewed', { host: 'focus-reviewed' }),
  ])
  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'reviewed')
  await editor.rule(1).setPath('/reviewed')
  await openWithKeyboard(page, editor.saveButton, editor.diffDialog)
  await page.keyboard.press('Escape')
  await expect(editor.diffDialog).toBeHidden()
  await expect(editor.saveButton).toBeFocused()

  // Closed with the mouse on its Cancel: the keyboard still goes on from Save.
  await openWithKeyboard(page, editor.saveButton, editor.diffDialog)
  await editor.diffDialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(editor.diffDialog).toBeHidden()
  await expect(editor.saveButton).toBeFocused()
})

test('the list’s delete dialog gives focus back to Delete', async ({ page }) => {
  const ns = await namespaceWith('e2e-focus-list', [
    apiRuleObject('listed', { host: 'focus-listed' }),
  ])
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect.poll(() => list.rowNames()).toEqual(['listed'])
  await list.selectRow(ns, 'listed')
  await openWithKeyboard(page, list.deleteButton, list.deleteDialog)
  await page.keyboard.press('Escape')
  await expect(list.deleteDialog).toBeHidden()
  await expect(list.deleteButton).toBeFocused()
})

test('the migration dialog gives focus back to Migrate to v2', async ({ page }) => {
  const ns = await namespaceWith('e2e-focus-migrate', [
    {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: { name: 'old' },
      spec: {
        host: 'focus-old.local.kyma.dev',
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 'hello-kyma-svc', port: 80 },
        rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
      },
    },
  ])
  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'old', { v1beta1: true })
  await openWithKeyboard(page, editor.migrateButton, editor.migrateDialog)
  await page.keyboard.press('Escape')
  await expect(editor.migrateDialog).toBeHidden()
  await expect(editor.migrateButton).toBeFocused()
})

test('the port question of Expose gives focus back to Expose', async ({ page }) => {
  const services = new ServicesPage(page)
  await services.openDetails('demo', 'orders')
  const { exposeButton, portDialog } = services.panel
  await openWithKeyboard(page, exposeButton, portDialog)
  await page.keyboard.press('Escape')
  await expect(portDialog).toBeHidden()
  await expect(exposeButton).toBeFocused()
})
