// Page object for the Function list and details pages.
import type { Locator, Page } from '@playwright/test'
import { WorkloadPage } from './WorkloadPage.ts'

export class FunctionsPage extends WorkloadPage {
  constructor(page: Page) {
    super(page, 'Functions', 'functions')
  }

  /** The Service entry of the overview ("hello (port 80)" link, or "Missing: …"). */
  serviceLink(name: string): Locator {
    return this.page.getByRole('link', { name: `${name} (port 80)` })
  }
}
