// oidc mode in the browser: a second BFF signs users in at the local cluster's real OpenID provider
// (oidc-provider on https://127.0.0.1, certificate from the cluster CA), whose ID tokens the real
// kube-apiserver trusts. The test cluster's provider issues tokens for 45 s, so a session outlives
// several of them only by refreshing.
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { SignInPage } from './pages/SignInPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import { bindOidcEditors } from '../cluster/test/helpers.ts'
import { clusterInfo, kubeRequest, namespaceWith, serviceObject } from './support/cluster.ts'

// Before sign-in every API call is refused (401, which shows the sign-in page), and the viewer is
// refused writes and reads RBAC does not grant (403): provoked on purpose here.
test.beforeEach(({ allowConsole }) => {
  allowConsole(/status of 401 \(Unauthorized\)/, 'signed out until the test signs in')
  allowConsole(/status of 403 \(Forbidden\)/, 'the viewer is refused on purpose')
})

let bff: Bff
let namespace: string
const cluster = clusterInfo()
const users = cluster.oidc.users

test.beforeAll(async () => {
  bff = await startBff([
    ...['--auth-mode', 'oidc', '--server', cluster.server, '--ca-file', cluster.caFile],
    ...['--oidc-issuer', cluster.oidc.issuer, '--oidc-client-id', cluster.oidc.clientId],
    ...['--oidc-ca-file', cluster.caFile],
  ])
  namespace = await namespaceWith('oidc', [serviceObject('hello-kyma-svc')])
  await bindOidcEditors(cluster, namespace)
})

test.afterAll(async () => {
  await bff?.stop()
})

test('the editor signs in at the provider and creates an APIRule as themself; the viewer is refused', async ({
  newIsolatedPage,
}) => {
  // The browser does not know the local cluster CA; the BFF checks the provider's certificate.
  const page = await newIsolatedPage({ baseURL: bff.url, ignoreHTTPSErrors: true })
  const signIn = new SignInPage(page)
  await page.goto(`/namespaces/${namespace}/apirules`)
  await expect(signIn.heading).toBeVisible()
  await signIn.signInWithProvider(users.editor.email, users.editor.password)

  const list = new ApiRuleListPage(page)
  // The first page after the provider's redirect loads every chunk: give a loaded machine time.
  await expect(list.connection).toContainText('Live', { timeout: 30_000 })
  await expect(page).toHaveURL(new RegExp(`/namespaces/${namespace}/apirules$`))
  // Who the API server says we are (SelfSubjectReview), in the shell.
  await expect(page.getByTestId('cluster-badge')).toContainText('oidc:editor@local.kyma.dev')

  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(namespace)
  await editor.fillBasics({
    name: 'by-oidc',
    service: 'hello-kyma-svc',
    port: 80,
    host: 'by-oidc',
    access: 'No auth',
  })
  await editor.create('by-oidc')
  const stored = await kubeRequest<{ metadata: { managedFields: { manager: string }[] } }>(
    cluster,
    'admin',
    'GET',
    `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules/by-oidc`,
  )
  expect(stored.status).toBe(200)

  await signIn.signOutEverywhere()
  await expect(signIn.heading).toBeVisible()

  // The viewer: reads, but the API server refuses a create with its own reason.
  await signIn.signInWithProvider(users.viewer.email, users.viewer.password)
  await page.goto(`/namespaces/${namespace}/apirules`)
  await list.waitUntilLive()
  await expect(page.getByTestId('cluster-badge')).toContainText('oidc:viewer@local.kyma.dev')
  await expect(list.createButton).toBeDisabled()
  await expect(
    list.main.getByText(`You may not create APIRules in namespace ${namespace}`, { exact: true }),
  ).toBeVisible()
  const refusal = await page.evaluate(async (ns) => {
    const res = await fetch(`/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${ns}/apirules`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kyma-dashboard-csrf': '1' },
      body: JSON.stringify({ apiVersion: 'gateway.kyma-project.io/v2', kind: 'APIRule' }),
    })
    return { status: res.status, message: ((await res.json()) as { message: string }).message }
  }, namespace)
  expect(refusal.status).toBe(403)
  expect(refusal.message).toContain(
    'User "oidc:viewer@local.kyma.dev" cannot create resource "apirules"',
  )
})

test('a session outlives its ID token: the BFF refreshes it and the open draft is kept', async ({
  newIsolatedPage,
}) => {
  test.setTimeout(150_000)
  const page = await newIsolatedPage({ baseURL: bff.url, ignoreHTTPSErrors: true })
  const signIn = new SignInPage(page)
  await page.goto(`/namespaces/${namespace}/apirules/-create-`)
  await signIn.signInWithProvider(users.editor.email, users.editor.password)
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  await editor.fillBasics({
    name: 'after-refresh',
    service: 'hello-kyma-svc',
    port: 80,
    host: 'after-refresh',
    access: 'No auth',
  })
  const cookieBefore = (await page.context().cookies()).find(
    (c) => c.name === 'kyma_dashboard_session',
  )?.value

  // Past the 45 s lifetime of the ID token the session started with: only a refresh can save now.
  await page.waitForTimeout(50_000)
  await expect(editor.name).toHaveValue('after-refresh')
  await editor.create('after-refresh')
  const cookieAfter = (await page.context().cookies()).find(
    (c) => c.name === 'kyma_dashboard_session',
  )?.value
  expect(cookieAfter).toBeTruthy()
  expect(cookieAfter).not.toBe(cookieBefore)
})

test('a callback the dashboard did not start, or with a forged state, signs nobody in', async ({
  newIsolatedPage,
}) => {
  const page = await newIsolatedPage({ baseURL: bff.url, ignoreHTTPSErrors: true })
  const signIn = new SignInPage(page)
  await page.goto('/api/auth/oidc/callback?code=stolen-code&state=forged-state')
  await expect(signIn.error).toContainText('not started here')
  await expect(signIn.heading).toBeVisible()

  // A real sign-in; its callback URL (code + state) is kept as an attacker would copy it.
  const callback = page.waitForRequest((r) => r.url().includes('/api/auth/oidc/callback?'))
  await signIn.signInWithProvider(users.editor.email, users.editor.password)
  const callbackUrl = (await callback).url()
  await expect(page.getByTestId('cluster-badge')).toContainText('oidc:editor@local.kyma.dev', {
    timeout: 30_000,
  })
  await signIn.signOutEverywhere()
  await expect(signIn.heading).toBeVisible()

  // A new sign-in is started, but the old code and state come back instead (replay / forged
  // state): the state does not match this browser's pending sign-in.
  await signIn.providerButton.click()
  await page.getByRole('heading', { name: 'Sign in to the local cluster' }).waitFor()
  await page.goto(callbackUrl)
  await expect(signIn.error).toContainText('refused')
  await expect(signIn.heading).toBeVisible()
})
