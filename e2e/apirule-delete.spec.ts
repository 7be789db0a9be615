// Deleting: from the list (bulk, with the confirmation naming every rule) and from the details
// page; the rules disappear live from a list that is never reloaded.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { apiRuleObject, closeClients, getApiRule, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

test('deletes two APIRules from the list after a confirmation that names them', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-delete-list', [
    apiRuleObject('keep-me', { host: 'keep-me' }),
    apiRuleObject('drop-a', { host: 'drop-a' }),
    apiRuleObject('drop-b', { host: 'drop-b' }),
  ])
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect.poll(() => list.rowNames()).toEqual(['drop-a', 'drop-b', 'keep-me'])
  await expect(list.deleteButton).toBeDisabled()

  await list.selectRow(ns, 'drop-a')
  await list.selectRow(ns, 'drop-b')
  await expect(list.count).toHaveText('3 API Rules · 2 selected')
  await list.deleteButton.click()
  await expect(list.deleteDialog).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Delete 2 API Rules?' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Affected items' }).getByRole('listitem')).toHaveText(
    ['drop-a', 'drop-b'],
  )
  await list.deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click()

  await expect.poll(() => list.rowNames()).toEqual(['keep-me'])
  await expect(list.count).toHaveText('1 API Rules')
  await expect.poll(() => getApiRule(ns, 'drop-a')).toBeUndefined()
  await expect.poll(() => getApiRule(ns, 'drop-b')).toBeUndefined()
})

test('deletes an APIRule from its details page; another window sees it go', async ({
  page,
  newIsolatedPage,
}) => {
  const ns = await namespaceWith('e2e-delete-details', [
    apiRuleObject('doomed', { host: 'doomed' }),
    apiRuleObject('survivor', { host: 'survivor' }),
  ])
  const watcher = new ApiRuleListPage(await newIsolatedPage())
  await watcher.open(ns)
  await expect.poll(() => watcher.rowNames()).toEqual(['doomed', 'survivor'])

  const details = new ApiRuleDetailsPage(page, 'doomed')
  await details.open(ns)
  await expect(details.connection).toContainText('Live')
  await details.openDeleteDialog()
  await expect(details.deleteDialogItems).toHaveText(['doomed'])
  await details.confirmDelete()
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules$`))

  await expect.poll(() => watcher.rowNames()).toEqual(['survivor'])
  await expect.poll(() => getApiRule(ns, 'doomed')).toBeUndefined()
})
