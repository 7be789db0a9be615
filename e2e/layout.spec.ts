// The layout fits the window: no body margin and no scrollbar of the page itself at 1440×900, and
// the API Rule list's columns share the width by content (no header cut; the demo's Gateway and
// Status texts whole at 1440 px) with the columns a narrow window leaves out one click away.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'

/** Texts in `selector` (inside the list) that are cut: wider than their box. */
function cutTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(
    (sel) =>
      [...document.querySelectorAll<HTMLElement>(sel)]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? ''),
    selector,
  )
}

test.describe('at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('the page fills the window without a margin or a scrollbar; no column is cut', async ({
    page,
  }) => {
    const list = new ApiRuleListPage(page)
    // The demo namespace: under All namespaces other specs' thousands of rules come first.
    await list.open('demo')
    await list.waitUntilLive()
    await expect.poll(() => list.rowNames()).toContain('hello-kyma')
    const box = await page.evaluate(() => ({
      margin: getComputedStyle(document.body).margin,
      height: document.documentElement.scrollHeight,
      width: document.documentElement.scrollWidth,
    }))
    expect(box).toEqual({ margin: '0px', height: 900, width: 1440 })
    // Every column is there, and neither a header nor a Gateway or Status text is cut.
    await expect(list.main.getByRole('button', { name: /^Show all columns/ })).toHaveCount(0)
    expect(await cutTexts(page, '.kd-vtable-sort-label')).toEqual([])
    expect(await cutTexts(page, 'td.kd-vtable-gateway span')).toEqual([])
    expect(await cutTexts(page, 'td.kd-vtable-status .kd-vtable-state')).toEqual([])
  })
})

test.describe('at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } })

  test('no header is cut, and the columns left out are one click away', async ({ page }) => {
    const list = new ApiRuleListPage(page)
    // The demo namespace: under All namespaces other specs' thousands of rules come first.
    await list.open('demo')
    await list.waitUntilLive()
    await expect.poll(() => list.rowNames()).toContain('hello-kyma')
    expect(await cutTexts(page, '.kd-vtable-sort-label')).toEqual([])
    const showAll = list.main.getByRole('button', { name: /^Show all columns/ })
    await expect(showAll).toContainText('Gateway')
    await expect(list.table.getByRole('columnheader', { name: 'Sort by Gateway' })).toHaveCount(0)
    await showAll.click()
    for (const name of ['Service', 'Gateway', 'Access']) {
      await expect(list.table.getByRole('button', { name: `Sort by ${name}` })).toBeVisible()
    }
  })
})

/** The widths (px) of the editor's Name and Host inputs and of its Monaco box. */
async function editorWidths(editor: ApiRuleEditorPage) {
  const width = async (l: typeof editor.name) => Math.round((await l.boundingBox())?.width ?? 0)
  return {
    name: await width(editor.name),
    host: await width(editor.host),
    yaml: await width(editor.yamlEditor),
  }
}

test.describe('the Split editor at 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } })

  test('stacks the form over the YAML, so the inputs stay wide enough to type in', async ({
    page,
  }) => {
    const editor = new ApiRuleEditorPage(page)
    await editor.openCreate('demo', { view: 'split' })
    await expect(editor.yamlEditor).toBeVisible()
    const w = await editorWidths(editor)
    expect(w.name, JSON.stringify(w)).toBeGreaterThanOrEqual(240)
    expect(w.host, JSON.stringify(w)).toBeGreaterThanOrEqual(240)
    // The YAML below the form, as wide as the editor.
    const form = await editor.form.boundingBox()
    const yaml = await editor.yamlEditor.boundingBox()
    expect(yaml!.y).toBeGreaterThan(form!.y + form!.height - 1)
  })
})

test.describe('the Split editor at 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } })

  test('keeps the form and the YAML side by side', async ({ page }) => {
    const editor = new ApiRuleEditorPage(page)
    await editor.openCreate('demo', { view: 'split' })
    const form = await editor.form.boundingBox()
    const yaml = await editor.yamlEditor.boundingBox()
    expect(yaml!.x).toBeGreaterThan(form!.x + form!.width - 1)
    expect((await editorWidths(editor)).name).toBeGreaterThanOrEqual(240)
  })
})
