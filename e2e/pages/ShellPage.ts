// Page object for the application frame: navigation, namespace selector, theme switch.
// Built only on accessible roles and labels, so scripts survive markup changes.
import { expect, type Locator, type Page } from '@playwright/test'

export class ShellPage {
  readonly page: Page
  readonly navigation: Locator
  readonly namespaceSelect: Locator

  constructor(page: Page) {
    this.page = page
    this.navigation = page.getByRole('navigation', { name: 'Main navigation' })
    this.namespaceSelect = page.getByRole('combobox', { name: 'Namespace' })
  }

  async open(path = '/') {
    await this.page.goto(path)
    await this.page.getByRole('banner').waitFor()
  }

  /** Opens a section of the side navigation ("API Rules", "Services", "Functions"). */
  async openSection(text: 'API Rules' | 'Services' | 'Functions') {
    await this.navigation.getByRole('link', { name: text, exact: true }).click()
  }

  async selectNamespace(name: string) {
    await this.namespaceSelect.click()
    await this.page
      .getByRole('option', { name: name === '-all-' ? 'All namespaces' : name })
      .click()
  }

  async setTheme(theme: 'Auto' | 'Light' | 'Dark') {
    await this.page.getByRole('option', { name: theme, exact: true }).click()
  }

  /** The UI5 theme currently applied (sap_horizon, sap_horizon_dark, …), read once. */
  currentTheme(): Promise<string | null> {
    return this.page.evaluate(() => document.documentElement.dataset.theme ?? null)
  }

  /** Retries until the page applies this UI5 theme (`data-theme` of the document element). */
  async expectTheme(theme: string) {
    await expect(this.page.locator('html')).toHaveAttribute('data-theme', theme)
  }
}
