// What the page says while the connection between the BFF and the API server is faulty, with
// Toxiproxy between this spec's own BFF (upstream timeout 2 s) and the shared test cluster:
//  - the connection hangs without closing (half-open): the list says "Reconnecting… may be out of
//    date" within the stated time (upstream timeout + 5 s = 7 s here), then "Live" again and the
//    change made meanwhile appears;
//  - the API server answers slower than the upstream timeout on a cold load: a clear error with
//    Retry instead of a spinner forever; the list once it answers again;
//  - the answer to a Save is lost: a clear error, the edit is still in the editor, and it is in the
//    cluster exactly once.
import { readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFaultProxy, type FaultProxy } from '../cluster/toxiproxy/server.ts'
import { silentLog } from '../cluster/lib/progress.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { type Bff, startBff } from './support/bff.ts'
import {
  apiRuleObject,
  clusterInfo,
  getApiRule,
  kubeRequest,
  namespaceWith,
  APIRULES_V2,
} from './support/cluster.ts'

const UPSTREAM_TIMEOUT_S = 2
/** server/watch-mux/upstream-watch.ts: WATCH_SILENCE_GRACE_MS */
const SILENCE_GRACE_S = 5

let proxy: FaultProxy | undefined
let bff: Bff | undefined
let kubeconfig: string

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  test.setTimeout(120_000)
  const info = clusterInfo()
  proxy = await startFaultProxy(info.server, { log: silentLog })
  kubeconfig = join(tmpdir(), `e2e-faults-${process.pid}.kubeconfig`)
  const text = await readFile(info.kubeconfigPath, 'utf8')
  await writeFile(kubeconfig, text.replaceAll(info.server, proxy.proxyUrl), { mode: 0o600 })
  bff = await startBff([
    '--kubeconfig',
    kubeconfig,
    '--context',
    'local-admin',
    '--upstream-timeout',
    String(UPSTREAM_TIMEOUT_S),
  ])
})

test.afterEach(async () => {
  await proxy?.client.reset()
})

// Every test here makes the API server slow or silent on purpose: the BFF's 504s are the point.
test.beforeEach(({ allowConsole }) => {
  allowConsole(/status of 504 \(Gateway Timeout\)/, 'the API server is made slow or silent')
})

test.afterAll(async () => {
  await bff?.stop()
  await proxy?.stop()
  await rm(kubeconfig, { force: true })
})

test('a hanging connection: "may be out of date" within the stated time, cleared when live again', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const ns = await namespaceWith('faults-stale', [apiRuleObject('before')])
  const list = new ApiRuleListPage(page)
  await page.goto(`${bff!.url}/namespaces/${ns}/apirules`)
  await list.waitUntilLive()
  await expect.poll(() => list.rowNames()).toEqual(['before'])

  // Nothing gets through any more, and no connection is closed.
  await proxy!.client.addToxic(proxy!.name, { type: 'timeout', attributes: { timeout: 0 } })
  const cut = Date.now()
  await kubeRequest(clusterInfo(), 'admin', 'POST', `${APIRULES_V2}/namespaces/${ns}/apirules`, {
    ...apiRuleObject('during'),
  })
  await expect(list.connection).toContainText('Reconnecting…', {
    timeout: (UPSTREAM_TIMEOUT_S + SILENCE_GRACE_S + 2) * 1000,
  })
  await expect(list.connection).toContainText(/may be out of date since \d\d:\d\d:\d\d/)
  expect(Date.now() - cut).toBeLessThan((UPSTREAM_TIMEOUT_S + SILENCE_GRACE_S + 2) * 1000)
  await expect.poll(() => list.rowNames()).toEqual(['before'])

  await proxy!.client.removeToxic(proxy!.name, 'timeout_downstream')
  await expect(list.connection).toContainText('Live', { timeout: 30_000 })
  await expect(list.connection).not.toContainText('out of date')
  await expect.poll(() => list.rowNames(), { timeout: 10_000 }).toEqual(['before', 'during'])
})

test('an API server slower than the upstream timeout: a clear error and Retry, then the list', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const ns = await namespaceWith('faults-slow', [apiRuleObject('slow')])
  await proxy!.client.addToxic(proxy!.name, {
    type: 'latency',
    attributes: { latency: UPSTREAM_TIMEOUT_S * 1000 + 1500 },
  })
  const list = new ApiRuleListPage(page)
  await page.goto(`${bff!.url}/namespaces/${ns}/apirules`)
  const alert = list.main.getByRole('alert')
  await expect(alert).toContainText(/did not answer in time/, { timeout: 30_000 })
  const retry = list.main.getByRole('button', { name: 'Retry' })
  await expect(retry).toBeVisible()

  await proxy!.client.removeToxic(proxy!.name, 'latency_downstream')
  await retry.click()
  await expect.poll(() => list.rowNames(), { timeout: 20_000 }).toEqual(['slow'])
  await list.waitUntilLive()
})

test('the answer to a Save is lost: a clear error, the edit kept, stored once', async ({
  page,
}) => {
  test.setTimeout(90_000)
  const ns = await namespaceWith('faults-save', [apiRuleObject('kept')])
  await page.goto(`${bff!.url}/namespaces/${ns}/apirules/kept/edit?view=form`)
  const editor = new ApiRuleEditorPage(page)
  await editor.ready()
  await editor.rule(1).setPath('/edited')
  await editor.openDiff()

  // The write reaches the API server; its answer comes too late for the BFF.
  await proxy!.client.addToxic(proxy!.name, {
    type: 'latency',
    attributes: { latency: UPSTREAM_TIMEOUT_S * 1000 + 1500 },
  })
  await editor.confirmDiff()
  await expect(editor.alert).toContainText(/did not answer in time/, { timeout: 20_000 })
  // The edit is still there, in the form.
  await expect(editor.rule(1).path).toHaveValue('/edited')
  await proxy!.client.removeToxic(proxy!.name, 'latency_downstream')

  // Whether the write reached the API server depends on whether the BFF had a warm connection for
  // it (a new one waits for the delayed TLS handshake past the timeout, and is dropped unsent).
  // Either way the edit must end up stored once: if it is not there yet, saving again stores it.
  const paths = async () =>
    ((await getApiRule(ns, 'kept'))?.spec as { rules?: { path: string }[] }).rules?.map(
      (r) => r.path,
    )
  await page.waitForTimeout(1000)
  if ((await paths())?.[0] !== '/edited') {
    await editor.openDiff()
    await editor.confirmDiff()
    await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/kept$`))
  }
  expect(await paths()).toEqual(['/edited'])
  const all = await kubeRequest<{ items: unknown[] }>(
    clusterInfo(),
    'admin',
    'GET',
    `${APIRULES_V2}/namespaces/${ns}/apirules`,
  )
  expect(all.body.items).toHaveLength(1)
})
