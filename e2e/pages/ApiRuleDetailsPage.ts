// Page object for one APIRule (/namespaces/<ns>/apirules/<name>): header actions, host, the
// Overview panels and rules table, the YAML tab and the delete confirmation.
import { expect, type Locator, type Page } from '@playwright/test'
import { dialog, panel } from './ui5.ts'

export class ApiRuleDetailsPage {
  readonly page: Page
  readonly name: string
  readonly main: Locator
  readonly heading: Locator
  readonly editButton: Locator
  readonly cloneButton: Locator
  readonly deleteButton: Locator
  readonly copyUrlButton: Locator
  readonly hostRegion: Locator
  readonly overviewTab: Locator
  readonly yamlTab: Locator
  readonly rulesTable: Locator
  /** The rules table's body rows (one per rule). */
  readonly ruleRows: Locator
  /** The YAML tab's code block (after `showYaml()`). */
  readonly yamlCode: Locator
  readonly deleteDialog: Locator
  /** The names listed in the open delete confirmation. */
  readonly deleteDialogItems: Locator
  /** "Migrate it to v2" link shown for objects written as v1beta1. */
  readonly migrateLink: Locator

  constructor(page: Page, name: string) {
    this.page = page
    this.name = name
    this.main = page.getByRole('main', { name, exact: true })
    this.heading = this.main.getByRole('heading', { name, level: 1, exact: true })
    this.editButton = this.main.getByRole('button', { name: 'Edit', exact: true })
    this.cloneButton = this.main.getByRole('button', { name: 'Clone', exact: true })
    this.deleteButton = this.main.getByRole('button', { name: 'Delete', exact: true })
    this.copyUrlButton = this.main.getByRole('button', { name: 'Copy URL', exact: true })
    this.hostRegion = this.main.getByRole('region', { name: 'Host' })
    this.overviewTab = this.main.getByRole('tab', { name: 'Overview' })
    this.yamlTab = this.main.getByRole('tab', { name: 'YAML' })
    this.rulesTable = this.main.getByRole('table', { name: 'Rules' })
    this.ruleRows = this.rulesTable
      .getByRole('rowgroup')
      .nth(1)
      .getByRole('row')
      .filter({ has: page.locator('code') })
    this.yamlCode = this.main.getByLabel(`YAML of ${name}`, { exact: true })
    this.deleteDialog = dialog(page, 'Delete API Rule?')
    this.deleteDialogItems = this.deleteDialog
      .getByRole('list', { name: 'Affected items' })
      .getByRole('listitem')
    this.migrateLink = this.main.getByRole('link', { name: 'Migrate it to v2' })
  }

  /** "Copy curl command" of rule `n` (1-based). */
  copyCurlButton(n: number): Locator {
    return this.main.getByRole('button', { name: `Copy curl command for rule ${n}`, exact: true })
  }

  /** The controller's problems shown at rule `n` (1-based). */
  ruleProblems(n: number): Locator {
    return this.main.getByRole('list', { name: `Controller's problems with rule ${n}` })
  }

  async open(namespace: string) {
    await this.page.goto(
      `/namespaces/${encodeURIComponent(namespace)}/apirules/${encodeURIComponent(this.name)}`,
    )
    await this.heading.waitFor()
  }

  /** The "Live" / "Reconnecting…" indicator. */
  get connection(): Locator {
    return this.main.getByRole('status').filter({ hasText: /Live|Reconnecting…|Connecting…/ })
  }

  /** The status badge ("Not reconciled", "Ready", …). */
  status(text: string | RegExp): Locator {
    return this.main.getByText(text, { exact: typeof text === 'string' })
  }

  /** A panel of the Overview tab by its title ("Service", "Gateway", "Timeout", "CORS", …). */
  panel(title: string): Locator {
    return panel(this.main, title)
  }

  /**
   * Rows of the rules table as [path, methods, access] triples, read once. The page is live (a
   * watch, a save that just navigated here): assert with `expectRules()`, which retries.
   */
  async rules(): Promise<string[][]> {
    return this.ruleRows.evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.querySelectorAll('td')].slice(1, 4).map((td) => (td.textContent ?? '').trim()),
      ),
    )
  }

  /** Retries until the rules table holds exactly these [path, methods, access] rows. */
  async expectRules(expected: string[][], opts: { timeout?: number } = {}) {
    await expect
      .poll(() => this.rules(), { message: `rules of ${this.name}`, ...opts })
      .toEqual(expected)
  }

  /** Opens the YAML tab; assert on `yamlCode` (`toContainText` retries). */
  async showYaml() {
    await this.yamlTab.click()
    await this.yamlCode.waitFor()
  }

  /** The YAML tab's text, read once (prefer `showYaml()` and `expect(yamlCode)`). */
  async yaml(): Promise<string> {
    await this.showYaml()
    return (await this.yamlCode.textContent()) ?? ''
  }

  /** Opens the delete confirmation; `deleteDialogItems` lists what it names. */
  async openDeleteDialog() {
    await this.deleteButton.click()
    await this.deleteDialog.waitFor()
  }

  /** Confirms the open delete confirmation. */
  async confirmDelete() {
    await this.deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(this.deleteDialog).toBeHidden()
  }

  /**
   * Deletes through the header button and confirms; returns the dialog's listed items, read once
   * they are shown (prefer `openDeleteDialog()`, `expect(deleteDialogItems)`, `confirmDelete()`).
   */
  async delete(): Promise<string[]> {
    await this.openDeleteDialog()
    await expect(this.deleteDialogItems.first()).toBeVisible()
    const items = await this.deleteDialogItems.allTextContents()
    await this.confirmDelete()
    return items
  }
}
