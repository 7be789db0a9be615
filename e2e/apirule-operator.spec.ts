// What an operator takes from a stored APIRule: its YAML for GitOps (no status, nothing the
// server or the controller wrote; copied or downloaded), who changed it last and when (from
// managedFields), a curl command per rule (a token only where that rule asks for one), and the
// note that YAML comments are not stored by the cluster.
import { readFile } from 'node:fs/promises'
import { parse } from 'yaml'
import { expect, test } from './fixtures.ts'
import { ApiRuleDetailsPage } from './pages/ApiRuleDetailsPage.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import type { KubeObject } from '../cluster/lib/apply.ts'
import {
  apiRuleObject,
  applyYaml,
  closeClients,
  clusterInfo,
  namespaceWith,
} from './support/cluster.ts'

test.afterAll(closeClients)

/** JWT on /admin/{**} and No auth on /*: the case where one curl command mixed the two. */
function adminAndPublic(ns: string): KubeObject {
  const rule = apiRuleObject('shop', { host: ns }) as KubeObject & { spec: { rules: unknown[] } }
  rule.spec.rules = [
    {
      path: '/admin/{**}',
      methods: ['GET'],
      jwt: {
        authentications: [
          { issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' },
        ],
      },
    },
    { path: '/*', methods: ['GET'], noAuth: true },
  ]
  return rule
}

test('the details page gives the YAML for GitOps and says who changed the rule last', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-gitops')
  await applyYaml(clusterInfo(), [apiRuleObject('orders', { host: ns })], 'admin', ns)
  const details = new ApiRuleDetailsPage(page, 'orders')
  await details.open(ns)
  // The test's admin client wrote it; managedFields name that writer.
  await expect(details.main.getByText(/^Last changed by \S+/)).toBeVisible()

  await details.yamlTab.click()
  const download = page.waitForEvent('download')
  await details.main.getByRole('button', { name: 'Download YAML for GitOps' }).click()
  const file = await download
  expect(file.suggestedFilename()).toBe('orders.yaml')
  const saved = parse(await readFile((await file.path())!, 'utf8')) as {
    metadata: Record<string, unknown>
    spec: unknown
  }
  expect(Object.keys(saved).sort()).toEqual(['apiVersion', 'kind', 'metadata', 'spec'])
  expect(Object.keys(saved.metadata).sort()).toEqual(['name', 'namespace'])
  expect(saved.spec).toMatchObject({ hosts: [ns] })
  // The full YAML next to it still shows what the server keeps (resourceVersion, uid).
  await expect(details.yamlCode).toContainText('resourceVersion')
})

test('each rule copies its own curl command; the public rule carries no token', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const ns = await namespaceWith('e2e-curl')
  await applyYaml(clusterInfo(), [adminAndPublic(ns)], 'admin', ns)
  const details = new ApiRuleDetailsPage(page, 'shop')
  await details.open(ns)
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText())

  await details.copyCurlButton(1).click()
  await expect.poll(clipboard).toMatch(/^curl -i -H "Authorization: Bearer \$TOKEN" '.*\/admin\/'$/)
  await details.copyCurlButton(2).click()
  await expect.poll(clipboard).toMatch(/^curl -i 'https?:\/\/[^']*\/'$/)
})

test('a comment typed in the YAML is named as not stored by the cluster in the review', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-comment')
  await applyYaml(clusterInfo(), [apiRuleObject('notes', { host: ns })], 'admin', ns)
  const editor = new ApiRuleEditorPage(page)
  await editor.openEdit(ns, 'notes')
  await editor.showView('YAML')
  await editor.setYaml(`# owned by team shop\n${await editor.yamlText()}`)
  await editor.openDiff()
  await expect(editor.diffDialog.getByText(/does not store YAML comments/)).toBeVisible()
})
