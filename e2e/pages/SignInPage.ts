// Page object for signing in: the dashboard's own sign-in page (per-user modes) and the local
// OpenID provider's sign-in and sign-out pages it sends the browser to in oidc mode.
import type { Locator, Page } from '@playwright/test'

export class SignInPage {
  readonly page: Page
  readonly heading: Locator
  readonly providerButton: Locator
  readonly error: Locator
  readonly signOutButton: Locator
  /** Token mode: the bearer token field and its submit button. */
  readonly tokenField: Locator
  readonly tokenSubmit: Locator

  constructor(page: Page) {
    this.page = page
    this.heading = page.getByRole('heading', { name: 'Sign in to Kyma API Rules' })
    this.providerButton = page.getByRole('button', { name: 'Sign in with your identity provider' })
    this.error = page.getByTestId('sign-in-error')
    this.signOutButton = page.getByRole('button', { name: 'Sign out' })
    this.tokenField = page.getByRole('textbox', { name: 'Kubernetes bearer token' })
    this.tokenSubmit = page.getByRole('button', { name: 'Sign in', exact: true })
  }

  /** At the provider: types the user's e-mail and password into its form and submits. */
  async signInAtProvider(email: string, password: string) {
    await this.page.getByLabel('E-mail').fill(email)
    await this.page.getByLabel('Password').fill(password)
    await this.page.getByRole('button', { name: 'Sign in' }).click()
  }

  /** Dashboard → provider's sign-in form → back in the dashboard. */
  async signInWithProvider(email: string, password: string) {
    await this.providerButton.click()
    await this.page.getByRole('heading', { name: 'Sign in to the local cluster' }).waitFor()
    await this.signInAtProvider(email, password)
  }

  /** Dashboard's Sign out → the provider's confirmation → signed out everywhere. */
  async signOutEverywhere() {
    await this.signOutButton.click()
    await this.page.getByRole('button', { name: 'Yes, sign me out' }).click()
  }
}
