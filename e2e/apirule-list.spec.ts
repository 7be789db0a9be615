// The list as the issue 6 criteria describe it: search, sort and filter live in the URL and
// survive a reload; an APIRule created with kubectl appears without a reload and
// disappears as fast when it is deleted.
import type { KubeObject } from '../cluster/test/helpers.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import {
  apiRuleObject,
  apiRulePath,
  applyYaml,
  closeClients,
  clusterInfo,
  kubeRequest,
  namespaceWith,
} from './support/cluster.ts'

test.afterAll(closeClients)

function jwtRule(name: string, host: string): KubeObject {
  const o = apiRuleObject(name, { host }) as KubeObject & { spec: { rules: object[] } }
  o.spec.rules = [
    {
      path: '/*',
      methods: ['GET'],
      jwt: {
        authentications: [
          { issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' },
        ],
      },
    },
  ]
  return o
}

test('search, sort and filter survive a reload; kubectl changes show up without a reload', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-list')
  const host = (n: string) => `${n}-${ns}`
  await applyYaml(
    clusterInfo(),
    [
      apiRuleObject('alpha', { host: host('alpha') }),
      apiRuleObject('beta', { host: host('beta') }),
      jwtRule('gamma', host('gamma')),
      apiRuleObject('delta', { host: host('delta') }),
    ],
    'admin',
    ns,
  )
  const list = new ApiRuleListPage(page)
  await list.open(ns)
  await list.waitUntilLive()
  await expect.poll(() => list.rowNames()).toEqual(['alpha', 'beta', 'delta', 'gamma'])

  await list.chooseFilter(list.accessFilter, 'No auth')
  await list.sortBy('Name') // already ascending by name: toggles to descending
  await page.keyboard.press('/')
  await expect(list.search).toBeFocused()
  await page.keyboard.type('ta') // names only: hosts hold the namespace, which has an 'e'
  await expect.poll(() => list.rowNames()).toEqual(['delta', 'beta'])
  await expect(list.count).toHaveText('2 of 4 API Rules')
  await expect(page).toHaveURL(/[?&]q=ta(&|$)/)

  await page.reload()
  await list.waitUntilLive()
  await expect.poll(() => list.rowNames()).toEqual(['delta', 'beta'])
  await expect(list.search).toHaveValue('ta')
  await expect(list.accessFilter).toHaveText('No auth')
  await expect(list.count).toHaveText('2 of 4 API Rules')

  // Created with kubectl (a REST call): shown without a reload (the watch; how fast is the bench's).
  await applyYaml(clusterInfo(), [apiRuleObject('zeta', { host: host('zeta') })], 'admin', ns)
  await expect(list.row(ns, 'zeta')).toBeVisible()
  await list.expectRowNames(['zeta', 'delta', 'beta'])

  const deleted = await kubeRequest(clusterInfo(), 'admin', 'DELETE', apiRulePath(ns, 'zeta'))
  expect(deleted.status).toBe(200)
  await expect(list.row(ns, 'zeta')).toHaveCount(0)
  await list.expectRowNames(['delta', 'beta'])
})
