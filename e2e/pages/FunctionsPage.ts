// Page object for the Function list and details pages.
import type { Locator, Page } from '@playwright/test'
import { ApiRulesPanel, leaveCurrentPage } from './ApiRulesPanel.ts'

export class FunctionsPage {
  readonly page: Page
  readonly panel: ApiRulesPanel
  readonly table: Locator

  constructor(page: Page) {
    this.page = page
    this.panel = new ApiRulesPanel(page)
    this.table = page.getByRole('grid', { name: 'Functions' })
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
    await leaveCurrentPage(this.page)
    await this.page.goto(`/namespaces/${encodeURIComponent(ns)}/functions`)
    await this.page.getByRole('heading', { name: 'Functions', level: 1 }).waitFor()
  }

  async openDetails(ns: string, name: string) {
    await leaveCurrentPage(this.page)
    await this.page.goto(
      `/namespaces/${encodeURIComponent(ns)}/functions/${encodeURIComponent(name)}`,
    )
    await this.page.getByRole('heading', { name, level: 1 }).waitFor()
  }

  /** The Service entry of the overview ("hello (port 80)" link, or "Missing: …"). */
  serviceLink(name: string): Locator {
    return this.page.getByRole('link', { name: `${name} (port 80)` })
  }
}
