// Page object for the API Rules list (/namespaces/<ns>/apirules): live table, search, sort,
// filters, row actions and bulk delete. Built on roles and accessible names; rows are found by
// their `data-key` (`namespace/name`), the one stable id a virtualized table row has.
import { expect, type Locator, type Page } from '@playwright/test'
import { dialog } from './ui5.ts'

export type ListColumn = 'Name' | 'Namespace' | 'Host' | 'Service' | 'Gateway' | 'Access' | 'Status'

export class ApiRuleListPage {
  readonly page: Page
  readonly main: Locator
  readonly heading: Locator
  readonly table: Locator
  readonly search: Locator
  readonly statusFilter: Locator
  readonly accessFilter: Locator
  readonly createButton: Locator
  readonly deleteButton: Locator
  /** "6 API Rules" / "2 of 6 API Rules" (· n selected). */
  readonly count: Locator
  /** The delete confirmation (single or bulk). */
  readonly deleteDialog: Locator

  constructor(page: Page) {
    this.page = page
    this.main = page.getByRole('main', { name: 'API Rules' })
    this.heading = this.main.getByRole('heading', { name: 'API Rules', level: 1 })
    this.table = this.main.getByRole('table', { name: 'API Rules' })
    this.search = this.main.getByRole('searchbox', { name: 'Search API Rules' })
    this.statusFilter = this.main.getByRole('combobox', { name: 'Filter by status' })
    this.accessFilter = this.main.getByRole('combobox', { name: 'Filter by access' })
    this.createButton = this.main.getByRole('button', { name: 'Create API Rule' }).first()
    this.deleteButton = this.main
      .getByRole('toolbar', { name: 'API Rule list controls' })
      .getByRole('button', { name: 'Delete' })
    this.count = this.main.getByText(/^\d+ (of \d+ )?API Rules/)
    this.deleteDialog = dialog(page, /^Delete (API Rule|\d+ API Rules)\?$/)
  }

  /** Opens the list of a namespace (`-all-` for all namespaces), optionally with a query string. */
  async open(namespace = '-all-', query = '') {
    await this.page.goto(`/namespaces/${encodeURIComponent(namespace)}/apirules${query}`)
    await this.heading.waitFor()
  }

  /**
   * Waits until the list is loaded (the count is shown) and the watch is live. A first load on a
   * busy machine has taken over 10 s (the list request itself started 10 s after navigation), so
   * this waits up to 30 s unless told otherwise.
   */
  async waitUntilLive(opts: { timeout?: number } = {}) {
    await expect(this.connection).toContainText('Live', { timeout: 30_000, ...opts })
  }

  /** The "Live" / "Reconnecting…" / "Connecting…" indicator next to the title. */
  get connection(): Locator {
    return this.main.getByRole('status').filter({ hasText: /Live|Reconnecting…|Connecting…/ })
  }

  /** "Create API Rule" (once the permission check allowed it); opens the editor. */
  async clickCreate() {
    await expect(this.createButton).toBeEnabled()
    await this.createButton.click()
    await this.page.waitForURL(/\/apirules\/-create-/)
  }

  /**
   * A row by namespace and name (rendered only while scrolled into view: the table is virtualized).
   */
  row(namespace: string, name: string): Locator {
    return this.main.locator(`[data-key="${namespace}/${name}"]`)
  }

  /** Every rendered row (a virtualized list renders only what is near the viewport). */
  get rows(): Locator {
    return this.main.locator('[data-key]')
  }

  /** `namespace/name` of every rendered row, top to bottom, read once. */
  rowKeys(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-key')).filter((k): k is string => k !== null),
    )
  }

  /**
   * Names (without namespace) of every rendered row, top to bottom, read once. The list is live:
   * assert with `expectRowNames()`, which retries.
   */
  async rowNames(): Promise<string[]> {
    return (await this.rowKeys()).map((k) => k.slice(k.indexOf('/') + 1))
  }

  /** Retries until the rendered rows are exactly these names, in this order. */
  async expectRowNames(expected: string[], opts: { timeout?: number } = {}) {
    await expect
      .poll(() => this.rowNames(), { message: 'API Rules list rows', ...opts })
      .toEqual(expected)
  }

  nameLink(namespace: string, name: string): Locator {
    return this.row(namespace, name).getByRole('link', { name, exact: true })
  }

  editButton(namespace: string, name: string): Locator {
    return this.row(namespace, name).getByRole('button', { name: 'Edit', exact: true })
  }

  cloneButton(namespace: string, name: string): Locator {
    return this.row(namespace, name).getByRole('button', { name: 'Clone', exact: true })
  }

  migrationBadge(namespace: string, name: string): Locator {
    return this.row(namespace, name).getByRole('button', { name: 'v1beta1 — needs migration' })
  }

  async selectRow(namespace: string, name: string) {
    await this.row(namespace, name).getByRole('checkbox').click()
  }

  /** Types into the search field (replacing its text). */
  async searchFor(text: string) {
    await this.search.fill(text)
  }

  /** Clicks a column's sort link (ascending first, then toggles). */
  async sortBy(column: ListColumn) {
    await this.sortButton(column).click()
  }

  /** A column header's sort button. */
  sortButton(column: ListColumn): Locator {
    return this.table.getByRole('button', { name: `Sort by ${column}`, exact: true })
  }

  /** Picks an option of a UI5 Select ("Filter by status" / "Filter by access") by its text. */
  async chooseFilter(select: Locator, option: string) {
    await select.click()
    await this.page.getByRole('option', { name: option, exact: true }).click()
    await expect(select).toHaveText(option)
  }

  /** Bulk delete of the selected rows: opens the confirmation and confirms it. */
  async deleteSelected() {
    await this.deleteButton.click()
    await this.deleteDialog.waitFor()
    await this.deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click()
    await expect(this.deleteDialog).toBeHidden()
  }
}
