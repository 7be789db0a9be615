// The base test for every spec: the browser may only talk to the dashboard's own origin (any
// request to another host is aborted and fails the test at its end), and no page may say that
// something is wrong: every console error or warning (the app's, React's, UI5's: an unregistered
// icon, a missing locale, a failed request the page did not expect) and every uncaught exception
// fails the test at its end, unless the test allowed it because it provokes it on purpose
// (`allowConsole(/pattern/, 'why')`).
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

/** Allowed on every page, each with the reason it is not a defect. Keep this list short. */
const ALWAYS_ALLOWED: readonly { pattern: RegExp; why: string }[] = [
  {
    // apirule-crd-rules.spec.ts patches the shared cluster's APIRule CRD (a rule the editor cannot
    // evaluate) and restores it: each change re-initializes the CRD's storage, and for a moment every
    // APIRule list or watch of a spec running in parallel is answered 429 and retried by the page.
    // Remove this entry when that spec gets a cluster of its own.
    pattern:
      /status of 429 \(Too Many Requests\) \(at [^ ]+\/api\/k8s\/apis\/gateway\.kyma-project\.io\/v\w+\/(namespaces\/[^/]+\/)?apirules/,
    why: 'a parallel spec re-initializing the APIRule CRD’s storage (retried by the page)',
  },
]

interface ConsoleEntry {
  type: string
  text: string
  where: string
}

interface ConsoleState {
  entries: ConsoleEntry[]
  allowed: RegExp[]
}

/** Records the console errors/warnings and uncaught exceptions of `page`. */
function listen(page: Page, state: ConsoleState) {
  page.on('console', (m) => {
    const type = m.type()
    if (type !== 'error' && type !== 'warning') return
    const loc = m.location()
    state.entries.push({
      type,
      text: m.text(),
      where: loc.url ? `${loc.url}:${loc.lineNumber}` : '',
    })
  })
  page.on('pageerror', (e) => state.entries.push({ type: 'exception', text: String(e), where: '' }))
}

/** Every recorded message no allowed pattern matches (its text with the source URL after it). */
export function unexpectedConsole(state: ConsoleState): string[] {
  const patterns = [...ALWAYS_ALLOWED.map((a) => a.pattern), ...state.allowed]
  return state.entries
    .map((e) => `${e.type}: ${e.text}${e.where ? ` (at ${e.where})` : ''}`)
    .filter((line) => !patterns.some((p) => p.test(line)))
}

interface Fixtures {
  /** The console errors/warnings of every page of the test, and the patterns it allowed. */
  consoleState: ConsoleState
  consoleGuard: void
  /**
   * Allows console errors/warnings that match `pattern` ("error: <text> (at <source URL>)") in this test; `why`
   * names what the test provokes on purpose (it is there for the reader).
   */
  allowConsole: (pattern: RegExp, why: string) => void
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
  // eslint-disable-next-line no-empty-pattern -- see above
  consoleState: async ({}, use) => {
    await use({ entries: [], allowed: [] })
  },
  allowConsole: async ({ consoleState }, use) => {
    await use((pattern) => {
      consoleState.allowed.push(pattern)
    })
  },
  consoleGuard: [
    async ({ context, consoleState }, use) => {
      // Every page of the test's context (`page`, popups), not only the first.
      for (const p of context.pages()) listen(p, consoleState)
      context.on('page', (p) => listen(p, consoleState))
      await use()
      expect(
        unexpectedConsole(consoleState),
        'console errors, warnings and exceptions the test did not provoke on purpose',
      ).toEqual([])
    },
    { auto: true },
  ],
  offlineGuard: [
    async ({ context, requests }, use) => {
      const leaked: string[] = []
      await guard(context, requests, leaked)
      await use()
      expect(leaked, 'requests that tried to leave 127.0.0.1').toEqual([])
    },
    { auto: true },
  ],
  newIsolatedPage: async ({ browser, baseURL, consoleState }, use) => {
    const contexts: BrowserContext[] = []
    const leaked: string[] = []
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options })
      contexts.push(context)
      await guard(context, [], leaked)
      const page = await context.newPage()
      listen(page, consoleState)
      return page
    })
    for (const c of contexts) await c.close()
    expect(leaked, 'requests that tried to leave 127.0.0.1').toEqual([])
  },
})

export { expect }
