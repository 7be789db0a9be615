// The base test for every spec: the browser may only talk to the dashboard's own origin.
// Any request to another host is aborted and fails the test at its end.
import {
  test as base,
  expect,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test'

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return true
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname)
  } catch {
    return false
  }
}

/** Routes every request of `context`: local ones continue, others are aborted and recorded. */
async function guard(context: BrowserContext, requests: string[], leaked: string[]) {
  await context.route('**/*', (route) => {
    const url = route.request().url()
    requests.push(url)
    if (isLocalUrl(url)) return route.continue()
    leaked.push(url)
    return route.abort('blockedbyclient')
  })
}

interface Fixtures {
  /** Every URL the page requested, in order. */
  requests: string[]
  offlineGuard: void
  /**
   * A page in a browser context of its own (own cookies and storage), guarded like `page`: a
   * second window or user next to `page`. `options` may point it at another BFF (baseURL).
   */
  newIsolatedPage: (options?: BrowserContextOptions) => Promise<Page>
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  requests: async ({}, use) => {
    await use([])
  },
  offlineGuard: [
    async ({ context, requests }, use) => {
      const leaked: string[] = []
      await guard(context, requests, leaked)
      await use()
      expect(leaked, 'requests that tried to leave 127.0.0.1').toEqual([])
    },
    { auto: true },
  ],
  newIsolatedPage: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = []
    const leaked: string[] = []
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options })
      contexts.push(context)
      await guard(context, [], leaked)
      return context.newPage()
    })
    for (const c of contexts) await c.close()
    expect(leaked, 'requests that tried to leave 127.0.0.1').toEqual([])
  },
})

export { expect }
