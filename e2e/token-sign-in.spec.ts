// Token mode in the browser: a BFF where each user signs in with their own Kubernetes token. The
// token goes to the BFF once; the browser keeps only the sealed session cookie.
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { SignInPage } from './pages/SignInPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import { clusterInfo } from './support/cluster.ts'

// Before sign-in (and after a wrong token) every API call is refused with 401: on purpose here.
test.beforeEach(({ allowConsole }) => {
  allowConsole(/status of 401 \(Unauthorized\)/, 'signed out until the test signs in')
})

let bff: Bff
const cluster = clusterInfo()

test.beforeAll(async () => {
  bff = await startBff(['--auth-mode', 'token', '--kubeconfig', cluster.kubeconfigPath])
})

test.afterAll(async () => {
  await bff?.stop()
})

test('signs in with a token, refuses a wrong one, and signs out', async ({ newIsolatedPage }) => {
  const page = await newIsolatedPage({ baseURL: bff.url })
  const signIn = new SignInPage(page)
  await page.goto('/namespaces/demo/apirules')
  await expect(signIn.heading).toBeVisible()

  await signIn.tokenField.fill('not-a-real-token')
  await signIn.tokenSubmit.click()
  await expect(page.getByText('The Kubernetes API server rejected this token')).toBeVisible()

  await signIn.tokenField.fill(cluster.tokens.developer)
  await signIn.tokenSubmit.click()
  const list = new ApiRuleListPage(page)
  await expect(list.connection).toContainText('Live', { timeout: 30_000 })
  await expect(page.getByText('developer @')).toBeVisible()
  const cookies = await page.context().cookies()
  expect(cookies.map((c) => c.value).join(' ')).not.toContain(cluster.tokens.developer)

  await signIn.signOutButton.click()
  await expect(signIn.heading).toBeVisible()
})
