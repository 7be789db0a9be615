// The list at scale (issue 16): 2,000 APIRules in one namespace. Typing at 30 ms per key into the
// search loses no character and ends on the right row; a sort set before opening a rule is still
// there after "Back to API Rules"; with all namespaces at 1440 px every column header is on screen.
import { namespaceWithApiRules } from '../bench/lib/fixtures.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { closeClients, clusterInfo } from './support/cluster.ts'

test.afterAll(closeClients)

const COUNT = 2000
let ns = ''

test.beforeAll(async () => {
  test.setTimeout(180_000)
  // Created through the real API server, 40 requests in flight (about 5 s on 2 cores).
  ns = await namespaceWithApiRules(clusterInfo(), 'e2e-scale', COUNT, 40)
})

test('typing at 30 ms per key into the search of 2,000 rules keeps every character', async ({
  page,
}) => {
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect(list.count).toHaveText(`${COUNT} API Rules`, { timeout: 30_000 })

  await list.search.click()
  await list.search.pressSequentially('api-1234', { delay: 30 })
  await expect(list.search).toHaveValue('api-1234')
  await expect(list.count).toHaveText(`1 of ${COUNT} API Rules`)
  await expect.poll(() => list.rowNames()).toEqual(['api-1234'])

  // Deleting and retyping at the same speed, with the table re-filtering in between.
  for (let i = 0; i < 4; i++) await list.search.press('Backspace', { delay: 30 })
  await expect(list.search).toHaveValue('api-')
  await list.search.pressSequentially('0999', { delay: 30 })
  await expect(list.search).toHaveValue('api-0999')
  await expect.poll(() => list.rowNames()).toEqual(['api-0999'])
  await expect(page).toHaveURL(/[?&]q=api-0999(&|$)/)
})

test('sort and search survive opening a rule and going back inside the app', async ({ page }) => {
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect(list.count).toHaveText(`${COUNT} API Rules`, { timeout: 30_000 })
  await list.sortBy('Name') // ascending by default: toggles to descending
  await expect.poll(async () => (await list.rowNames())[0]).toBe('api-1999')
  await list.search.click()
  await list.search.pressSequentially('api-19', { delay: 30 })
  await expect(list.count).toHaveText(`100 of ${COUNT} API Rules`)

  await list.nameLink(ns, 'api-1999').click()
  await page.getByRole('link', { name: 'Back to API Rules' }).click()
  await expect(list.count).toHaveText(`100 of ${COUNT} API Rules`)
  await expect(list.search).toHaveValue('api-19')
  await expect.poll(async () => (await list.rowNames())[0]).toBe('api-1999')
})

test('all namespaces at 1440 px: every column is on screen and the table does not overflow', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  const list = new ApiRuleListPage(page)
  await list.open('-all-')
  await expect(list.count).toHaveText(/\d+ API Rules/, { timeout: 30_000 })
  for (const column of ['Name', 'Namespace', 'Host', 'Status'] as const) {
    await expect(list.sortButton(column)).toBeInViewport({ ratio: 1 })
  }
  await expect(list.table.getByRole('columnheader', { name: 'Actions' })).toBeInViewport({
    ratio: 1,
  })
  const overflow = await list.table.evaluate((t) => {
    const scroller = t.parentElement as HTMLElement
    return scroller.scrollWidth - scroller.clientWidth
  })
  expect(overflow).toBeLessThanOrEqual(0)
})
