import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { ShellPage } from './pages/ShellPage.ts'

/** The applied Horizon background colour (a theme parameter from the bundle). */
const backgroundColor = (page: Page) =>
  page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--sapBackgroundColor').trim(),
  )

test('the shell loads with bundled fonts and theme, and nothing leaves 127.0.0.1', async ({
  page,
  requests,
}) => {
  const shell = new ShellPage(page)
  await shell.open('/')
  await expect(page).toHaveURL(/\/namespaces\/-all-\/apirules$/)
  await expect(page.getByRole('banner')).toContainText('Kyma API Rules')
  // The connected cluster and user are always visible.
  // (toContainText: the UI5 Tag adds a hidden "Tag Information" for screen readers.)
  await expect(page.getByTestId('cluster-badge')).toContainText('admin @ local-admin (v1.36.3)')

  // The "72" font is served by the dashboard itself and is really in use.
  await expect
    .poll(() =>
      page.evaluate(() => document.fonts.ready.then(() => document.fonts.check('16px "72"'))),
    )
    .toBe(true)
  const fontRequests = requests.filter((u) => /72-[A-Za-z]+.*\.woff2$/.test(u))
  expect(fontRequests.length).toBeGreaterThan(0)
  for (const url of fontRequests) expect(new URL(url).origin).toBe(new URL(page.url()).origin)

  // Horizon theme parameters are applied (they come from the bundle, not a CDN).
  await expect.poll(() => backgroundColor(page)).not.toBe('')
  await shell.expectTheme('sap_horizon')
})

test('switching to the dark theme applies Horizon Dark and is remembered', async ({ page }) => {
  const shell = new ShellPage(page)
  await shell.open('/')
  // The light theme's colour, once it is applied (the baseline the dark one must differ from).
  await shell.expectTheme('sap_horizon')
  await expect.poll(() => backgroundColor(page)).not.toBe('')
  const light = await backgroundColor(page)
  await shell.setTheme('Dark')
  await shell.expectTheme('sap_horizon_dark')
  await expect.poll(() => backgroundColor(page)).not.toBe(light)
  await page.reload()
  await shell.expectTheme('sap_horizon_dark')
})

test('an unknown route shows the not-found page inside the shell', async ({ page }) => {
  const shell = new ShellPage(page)
  await shell.open('/no/such/page')
  await expect(page.getByText('Page not found')).toBeVisible()
  await expect(shell.navigation).toBeVisible()
})

test('a German browser gets the English UI from the bundle: no locale warning, nothing fetched elsewhere', async ({
  newIsolatedPage,
}) => {
  // The dashboard registers UI5's English assets only and pins UI5 to English (index.html), so a
  // German browser gets no German UI5 texts in an English page, no locale warning, and no request
  // to UI5's CDN (the isolated page's guard fails the test on any request leaving 127.0.0.1).
  const page = await newIsolatedPage({ locale: 'de-DE' })
  const warnings: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text())
  })
  const shell = new ShellPage(page)
  await shell.open('/')
  await expect(page.getByRole('banner')).toContainText('Kyma API Rules')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await expect.poll(() => backgroundColor(page)).not.toBe('')
  // UI5's own texts are English like the rest of the page (German would be "Listenfeld").
  await expect(shell.namespaceSelect).toHaveAttribute('aria-roledescription', 'Listbox')
  // Every icon the shell and the list use is registered (Horizon themes use the v5 collection).
  expect(warnings.filter((w) => /LocaleData|Message bundle|CLDR|icon/i.test(w))).toEqual([])
})
