// Shared base of the page objects for the Service and Function list and details pages: both lists
// are UI5 tables named after the kind, under /namespaces/<ns>/<segment>, with details pages whose
// heading is the object's name.
import type { Locator, Page } from '@playwright/test'
import { ApiRulesPanel } from './ApiRulesPanel.ts'

export class WorkloadPage {
  readonly page: Page
  readonly panel: ApiRulesPanel
  readonly table: Locator
  /** The list's title ("Services"), which also names its table. */
  private readonly title: string
  /** The path segment after the namespace ("services"). */
  private readonly segment: string

  constructor(page: Page, title: string, segment: string) {
    this.page = page
    this.title = title
    this.segment = segment
    this.panel = new ApiRulesPanel(page)
    this.table = page.getByRole('grid', { name: title })
  }

  /**
   * A row of the list, found by its name link. (UI5 table rows keep their `row` role in the shadow
   * DOM while the cells are slotted, so role-based filtering by text does not see the cells.)
   */
  row(name: string): Locator {
    return this.page
      .locator('ui5-table-row')
      .filter({ has: this.page.getByRole('link', { name, exact: true }) })
  }

  async openList(ns: string) {
    await this.page.goto(`/namespaces/${encodeURIComponent(ns)}/${this.segment}`)
    await this.page.getByRole('heading', { name: this.title, level: 1 }).waitFor()
  }

  async openDetails(ns: string, name: string) {
    await this.page.goto(
      `/namespaces/${encodeURIComponent(ns)}/${this.segment}/${encodeURIComponent(name)}`,
    )
    await this.page.getByRole('heading', { name, level: 1 }).waitFor()
  }
}
