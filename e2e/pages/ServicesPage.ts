// Page object for the Service list and details pages.
import type { Locator, Page } from '@playwright/test'
import { WorkloadPage } from './WorkloadPage.ts'

export class ServicesPage extends WorkloadPage {
  constructor(page: Page) {
    super(page, 'Services', 'services')
  }

  /** The "Expose" action of one row of the list. */
  rowExposeButton(name: string): Locator {
    return this.page.getByRole('button', { name: `Expose ${name} with APIRule` })
  }
}
