// Every page draws every icon it uses, and says nothing in the console (the console guard of
// fixtures.ts fails each test on any error or warning). An icon whose collection has no loader
// draws an empty square and only warns in the console: both checks catch it.
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { FunctionsPage } from './pages/FunctionsPage.ts'
import { ServicesPage } from './pages/ServicesPage.ts'
import { undrawnIcons } from './pages/ui5.ts'

const expectEveryIconDrawn = (page: Parameters<typeof undrawnIcons>[0]) =>
  expect.poll(() => undrawnIcons(page), { message: 'icons that draw nothing' }).toEqual([])

test('the list and the details page draw every icon', async ({ page }) => {
  const list = new ApiRuleListPage(page)
  await list.open('demo')
  await list.waitUntilLive()
  await expect.poll(() => list.rowNames()).toContain('hello-kyma')
  await expectEveryIconDrawn(page)

  const details = new ApiRuleDetailsPage(page, 'hello-kyma')
  await details.open('demo')
  await expect(details.rulesTable).toBeVisible()
  await expectEveryIconDrawn(page)
})

test('the editor draws every icon, the move-rule buttons included', async ({ page }) => {
  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit('demo', 'hello-kyma')
  await editor.showView('Form')
  await expect(page.getByRole('button', { name: 'Move rule 1 down' })).toBeVisible()
  await expectEveryIconDrawn(page)
  await editor.showView('Split')
  await expectEveryIconDrawn(page)
  await editor.showView('YAML')
  await expectEveryIconDrawn(page)
})

test('the Services and Functions pages and their API Rules panel draw every icon', async ({
  page,
}) => {
  const services = new ServicesPage(page)
  await services.openList('demo')
  await expect(services.row('hello-kyma-svc')).toBeVisible()
  await expectEveryIconDrawn(page)
  await services.openDetails('demo', 'hello-kyma-svc')
  await expect(services.panel.exposeButton).toBeVisible()
  await expectEveryIconDrawn(page)

  const functions = new FunctionsPage(page)
  await functions.openList('demo')
  await expect(functions.row('hello')).toBeVisible()
  await expectEveryIconDrawn(page)
  await functions.openDetails('demo', 'hello')
  await expectEveryIconDrawn(page)
})
