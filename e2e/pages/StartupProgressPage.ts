// Page object for the progress page `npm start` serves while it builds and starts the local
// cluster (web/app/startup/). Roles and labels only.
import type { Locator, Page } from '@playwright/test'

export class StartupProgressPage {
  readonly page: Page
  readonly heading: Locator
  readonly summary: Locator
  readonly steps: Locator

  constructor(page: Page) {
    this.page = page
    this.heading = page.getByRole('heading', { name: 'Starting the dashboard' })
    this.summary = page.getByRole('status')
    this.steps = page.getByRole('list', { name: 'Build steps' })
  }

  step(name: string): Locator {
    return this.steps.getByRole('listitem').filter({ hasText: new RegExp(`^${name}\\b`) })
  }
}
