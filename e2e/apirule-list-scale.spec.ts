// The list at scale (issue 16): 2,000 APIRules in one namespace. Typing at 30 ms per key into the
// search loses no character and ends on the right row; a sort set before opening a rule is still
// there after "Back to API Rules"; with all namespaces at 1440 px every column header is on screen.
//
// The 2,000 rules live in a cluster of this spec's own, without the API Gateway controller: in the
// suite's cluster the controller would reconcile every one of them (a VirtualService and policies
// each, and a status write) and starve the specs running beside this one on 2 cores. What this
// spec measures is the list, not the controller.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { namespaceWithApiRules } from '../bench/lib/fixtures.ts'
import { type DemoCluster, startDemoCluster } from '../cluster/demo-cluster.ts'
import { silentLog } from '../cluster/lib/progress.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import { closeClients } from './support/cluster.ts'

// One worker for the whole file: its own cluster with 2,000 rules is made once.
test.describe.configure({ mode: 'serial' })

const COUNT = 2000
let ns = ''
let stateDir = ''
let cluster: DemoCluster | undefined
let bff: Bff | undefined
let openPage: (() => Promise<Page>) | undefined

test.beforeAll(async () => {
  test.setTimeout(240_000)
  stateDir = await mkdtemp(join(tmpdir(), 'e2e-scale-'))
  cluster = await startDemoCluster({
    stateDir,
    ephemeral: true,
    seed: false,
    log: silentLog,
    handleSignals: false,
    controller: false,
  })
  bff = await startBff(['--kubeconfig', cluster.info.kubeconfigPath])
  // Created through the real API server, 40 requests in flight (about 5 s on 2 cores).
  ns = await namespaceWithApiRules(cluster.info, 'e2e-scale', COUNT, 40)
})

test.afterAll(async () => {
  await closeClients()
  await bff?.stop()
  await cluster?.stop()
  if (stateDir) await rm(stateDir, { recursive: true, force: true })
})

test.beforeEach(({ newIsolatedPage }) => {
  openPage = () => newIsolatedPage({ baseURL: bff?.url })
})

test('typing at 30 ms per key into the search of 2,000 rules keeps every character', async () => {
  const page = await openPage!()
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

test('sort and search survive opening a rule and going back inside the app', async () => {
  const page = await openPage!()
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

test('all namespaces at 1440 px: every column is on screen and the table does not overflow', async () => {
  const page = await openPage!()
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

test('rows that scroll into view get their links, checkbox and actions once scrolling stops', async () => {
  const page = await openPage!()
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect(list.count).toHaveText(`${COUNT} API Rules`, { timeout: 30_000 })
  const box = await list.table.boundingBox()
  if (!box) throw new Error('the API Rule table has no layout box')
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300))
  // Rows that come into view while the table scrolls are text only (ApiRuleTable's ScrollState).
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 240)
  const rows = list.table.locator('tbody tr[data-key]')
  await expect(rows.first()).not.toHaveAttribute('data-key', `${ns}/api-0000`)
  // Once it settles, every row in view is a full row again.
  await expect
    .poll(() =>
      rows.evaluateAll(
        (trs) =>
          trs.filter((tr) => !tr.querySelector('a.kd-vtable-link, input[type="checkbox"]')).length,
      ),
    )
    .toBe(0)
  const firstName = (await rows.first().getAttribute('data-key'))?.split('/')[1] ?? ''
  await expect(list.table.getByRole('link', { name: firstName, exact: true })).toBeVisible()
  await expect(rows.first().getByRole('button', { name: 'Edit' })).toBeVisible()
})
