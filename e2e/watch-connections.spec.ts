// The browser holds at most 6 HTTP/1.1 connections per origin. The APIRule details page watches
// about ten collections; with one connection per watch, every later request of the tab (the next
// page's lazily loaded code, its lists, mutations) used to wait for a free connection that never
// came. All watches now share one multiplexed stream, so in-app navigation stays prompt.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const PROMPT_MS = 10_000

/** In-app navigation (the router handles it; no new document, the tab's connections stay). */
async function navigate(page: Page, path: string) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, path)
}

test('pages load promptly after the APIRule details page opened its watches', async ({
  page,
  requests,
}) => {
  await page.goto('/namespaces/demo/apirules/hello-kyma')
  const details = page.getByRole('main', { name: 'hello-kyma', exact: true })
  await expect(details.getByRole('heading', { name: 'hello-kyma', level: 1 })).toBeVisible()
  // Let every watch of the page start (they are opened once their lists have loaded).
  await expect(page.locator('[data-connection="live"]').first()).toBeVisible()
  await page.waitForTimeout(1000)
  const watchRequests = requests.filter((u) => u.includes('watch=true'))
  expect(watchRequests, 'no watch may hold a connection of its own').toEqual([])
  const streams = requests.filter((u) => new URL(u).pathname === '/api/watch-stream')
  expect(streams).toHaveLength(1)

  let started = Date.now()
  await navigate(page, '/namespaces/demo/services')
  await expect(page.getByRole('heading', { name: 'Services', level: 1 })).toBeVisible({
    timeout: PROMPT_MS,
  })
  await expect(page.getByText('hello-kyma-svc', { exact: true }).first()).toBeVisible({
    timeout: PROMPT_MS,
  })
  expect(Date.now() - started).toBeLessThan(PROMPT_MS)

  started = Date.now()
  await navigate(page, '/namespaces/demo/apirules/-create-')
  const editor = page.getByRole('main', { name: 'Create APIRule' })
  await expect(editor).toBeVisible({ timeout: PROMPT_MS })
  await expect(editor.getByLabel('Name').first()).toBeVisible({ timeout: PROMPT_MS })
  expect(Date.now() - started).toBeLessThan(PROMPT_MS)

  // Still one stream for the whole tab.
  expect(requests.filter((u) => new URL(u).pathname === '/api/watch-stream')).toHaveLength(1)
})
