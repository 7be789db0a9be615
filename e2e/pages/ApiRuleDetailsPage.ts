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
  readonly copyCurlButton: Locator
  readonly hostRegion: Locator
  readonly overviewTab: Locator
  readonly yamlTab: Locator
  readonly rulesTable: Locator
  readonly deleteDialog: Locator
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
    this.copyCurlButton = this.main.getByRole('button', { name: 'Copy curl command' })
    this.hostRegion = this.main.getByRole('region', { name: 'Host' })
    this.overviewTab = this.main.getByRole('tab', { name: 'Overview' })
    this.yamlTab = this.main.getByRole('tab', { name: 'YAML' })
    this.rulesTable = this.main.getByRole('table', { name: 'Rules' })
    this.deleteDialog = dialog(page, 'Delete API Rule?')
    this.migrateLink = this.main.getByRole('link', { name: 'Migrate it to v2' })
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

  /** Rows of the rules table as [path, methods, access] triples. */
  async rules(): Promise<string[][]> {
    const rows = this.rulesTable.getByRole('rowgroup').nth(1).getByRole('row')
    return rows.evaluateAll((trs) =>
      trs
        .filter((tr) => tr.querySelector('code'))
        .map((tr) =>
          [...tr.querySelectorAll('td')].slice(1, 4).map((td) => (td.textContent ?? '').trim()),
        ),
    )
  }

  /** The YAML tab's text. */
  async yaml(): Promise<string> {
    await this.yamlTab.click()
    const code = this.main.getByLabel(`YAML of ${this.name}`, { exact: true })
    await code.waitFor()
    return (await code.textContent()) ?? ''
  }

  /** Deletes through the header button and confirms; returns the dialog's listed items. */
  async delete(): Promise<string[]> {
    await this.deleteButton.click()
    await this.deleteDialog.waitFor()
    const items = await this.deleteDialog
      .getByRole('list', { name: 'Affected items' })
      .getByRole('listitem')
      .allTextContents()
    await this.deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(this.deleteDialog).toBeHidden()
    return items
  }
}
