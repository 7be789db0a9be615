// The API server goes away while the list is open: the page says "Reconnecting…", comes back to
// "Live" when the server is back, and a change made after the restart appears without a reload.
// The shared test cluster must stay up for the other specs, so this spec runs its own cluster
// (same port and state dir across the restart, so etcd data, certificates and tokens persist) and
// its own BFF pointed at it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDemoCluster } from '../cluster/demo-cluster.ts'
import { silentLog } from '../cluster/lib/progress.ts'
import { type LocalCluster, startLocalCluster } from '../cluster/local-cluster.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import { apiRuleObject } from './support/cluster.ts'

let stateDir: string
let cluster: LocalCluster | undefined
let bff: Bff | undefined

test.beforeAll(async () => {
  test.setTimeout(120_000)
  stateDir = await mkdtemp(join(tmpdir(), 'e2e-restart-'))
  // A second cluster next to the suite's, without the controller (not needed here).
  cluster = await startDemoCluster({
    stateDir,
    seed: false,
    log: silentLog,
    handleSignals: false,
    controller: false,
  })
  bff = await startBff(['--kubeconfig', cluster.info.kubeconfigPath])
})

test.afterAll(async () => {
  await bff?.stop()
  await cluster?.stop()
  await rm(stateDir, { recursive: true, force: true })
})

test('the list reconnects after an API server restart and shows later changes', async ({
  page,
}) => {
  test.setTimeout(120_000)
  const admin = () => cluster!.client('admin')
  const path = '/apis/gateway.kyma-project.io/v2/namespaces/default/apirules'
  await admin().ok('POST', path, { ...apiRuleObject('before'), metadata: { name: 'before' } })

  const list = new ApiRuleListPage(page)
  await page.goto(`${bff!.url}/namespaces/default/apirules`)
  await list.waitUntilLive()
  await expect.poll(() => list.rowNames()).toEqual(['before'])

  const port = Number(new URL(cluster!.info.server).port)
  await cluster!.stop()
  await expect(list.connection).toContainText('Reconnecting…', { timeout: 20_000 })

  cluster = await startLocalCluster({ stateDir, port, log: silentLog, handleSignals: false })
  await expect(list.connection).toContainText('Live', { timeout: 45_000 })
  await expect.poll(() => list.rowNames()).toEqual(['before'])

  await admin().ok('POST', path, { ...apiRuleObject('after'), metadata: { name: 'after' } })
  await expect.poll(() => list.rowNames(), { timeout: 5_000 }).toEqual(['after', 'before'])
})
