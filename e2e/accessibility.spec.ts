// Accessibility: axe on the main pages in the light and the dark theme (no serious or critical
// violations), and the editor used with the keyboard alone, from the name field to Ctrl+S.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { closeClients, getApiRule, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

/** Moderate best-practice rules the pages keep too: one top-level main, no skipped headings. */
const KEPT_MODERATE = new Set([
  'landmark-no-duplicate-main',
  'landmark-main-is-top-level',
  'heading-order',
  'page-has-heading-one',
])

/** Serious and critical axe violations (and KEPT_MODERATE), as "rule: selector — summary". */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze()
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || KEPT_MODERATE.has(v.id))
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
    )
}

/**
 * Retries the axe scan until it finds no serious or critical violation: the page may still be
 * rendering (lazy code, live data) when a scan starts. One scan takes seconds on a busy machine.
 */
async function expectNoSeriousViolations(page: Page) {
  await expect
    .poll(() => seriousViolations(page), { message: 'serious axe violations', timeout: 20_000 })
    .toEqual([])
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe, ${scheme} theme`, () => {
    test.use({ colorScheme: scheme })
    const theme = scheme === 'dark' ? 'sap_horizon_dark' : 'sap_horizon'

    test('list and details', async ({ page }) => {
      const list = new ApiRuleListPage(page)
      await list.open('demo')
      await list.waitUntilLive()
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme)
      await expect.poll(() => list.rowNames()).toContain('my-api-rule')
      await expectNoSeriousViolations(page)

      const details = new ApiRuleDetailsPage(page, 'orders')
      await details.open('demo')
      await expect(details.connection).toContainText('Live')
      await expect(details.rulesTable).toBeVisible()
      await expectNoSeriousViolations(page)
    })

    test('editor: form, YAML and split', async ({ page }) => {
      const editor = new ApiRuleEditorPage(page)
      await editor.openCreate('demo', { service: 'orders', view: 'form' })
      // the demo already has an APIRule "orders": the prefill takes the next free name
      await expect(editor.name).toHaveValue('orders-2')
      await expectNoSeriousViolations(page)
      await editor.showView('YAML')
      // Monaco follows the app theme (it has no role; its theme is a class on its root).
      await expect(editor.yamlEditor.locator('.monaco-editor')).toContainClass(
        scheme === 'dark' ? 'vs-dark' : 'vs',
      )
      await expectNoSeriousViolations(page)
      await editor.showView('Split')
      await expectNoSeriousViolations(page)
    })
  })
}

/** Presses Tab until `isTarget` holds for the focused element (at most `max` times). */
async function tabUntil(page: Page, describe: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      let el: Element | null = document.activeElement
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
      const label = el?.getAttribute('aria-label') ?? ''
      const text = (el as HTMLElement | null)?.innerText ?? ''
      return `${el?.getAttribute('role') ?? el?.tagName.toLowerCase()}|${label}|${text}`.trim()
    })
    if (focused.includes(describe)) return
  }
  throw new Error(`focus never reached "${describe}" with ${max} Tab presses`)
}

// Every step waits for where focus is (or for what the key did), never for time: a key pressed
// while a field still re-renders from the previous one landed in the wrong field (issue 26).
test('the create form can be filled and saved with the keyboard alone', async ({ page }) => {
  const ns = await namespaceWith('e2e-keyboard')
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await expect(list.createButton).toBeEnabled()
  await list.createButton.focus()
  const keys = page.keyboard
  await keys.press('Enter')
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  // A fresh browser opens the Form view. Enter on "Create API Rule" lands in the Name field.
  await expect(editor.name).toBeFocused()
  await expect(editor.name).toHaveValue('')

  await keys.type('by-keyboard')
  await expect(editor.name).toHaveValue('by-keyboard')
  await tabUntil(page, '|Service|')
  await keys.type('hello-kyma-svc')
  await keys.press('Enter')
  await expect(editor.service).toHaveValue('hello-kyma-svc')
  await tabUntil(page, '|Port|')
  await keys.press('ControlOrMeta+A')
  await keys.type('80')
  await tabUntil(page, '|Host|')
  await keys.type(ns)
  await tabUntil(page, '|Path|')
  await keys.press('ControlOrMeta+A')
  await keys.type('/hello')
  await tabUntil(page, '|Methods|')
  await keys.type('POST')
  await keys.press('Enter')
  // The token is in before focus moves on (the input re-renders with it).
  await editor.rule(1).expectMethods(['GET', 'POST'])
  await tabUntil(page, 'radio||No auth')
  await expect(editor.rule(1).access('No auth')).toBeFocused()
  await keys.press('Space')
  await expect(editor.rule(1).access('No auth')).toBeChecked()

  await expect(editor.name).toHaveValue('by-keyboard')
  await expect(editor.service).toHaveValue('hello-kyma-svc')
  await expect(editor.port).toHaveValue('80')
  await expect(editor.host).toHaveValue(ns)
  await expect(editor.rule(1).path).toHaveValue('/hello')
  await editor.rule(1).expectMethods(['GET', 'POST'])
  await expect(editor.rule(1).access('No auth')).toBeChecked()
  await editor.expectNoErrors()

  await keys.press('ControlOrMeta+S')
  await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/by-keyboard$`))
  expect((await getApiRule(ns, 'by-keyboard'))?.spec).toEqual({
    hosts: [ns],
    service: { name: 'hello-kyma-svc', port: 80 },
    gateway: 'kyma-system/kyma-gateway',
    rules: [{ path: '/hello', methods: ['GET', 'POST'], noAuth: true }],
  })
})
