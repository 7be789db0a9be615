// One state dir restarted without → with → without the API Gateway controller: no manual step, no
// data lost. v1beta1 rules written without the controller are readable through its webhook (before:
// "unexpected end of JSON input" and a crash), rules written through the webhook read back as
// written once it is gone and can be deleted (the controller's finalizer would block that), and what
// the user changed in the demo data stays changed (only missing demo objects are re-seeded).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, expect, it } from 'vitest'
import { type DemoCluster, startDemoCluster } from './demo-cluster.ts'
import type { KubeClient } from './lib/kube-client.ts'

let stateDir: string
let cluster: DemoCluster | undefined
const lines: string[] = []

interface V1beta1Rule {
  metadata: { labels?: Record<string, string> }
  spec: { host?: string; rules?: { accessStrategies?: { handler: string }[] }[] }
}

const path = (version: string, name = '') =>
  `/apis/gateway.kyma-project.io/${version}/namespaces/demo/apirules${name && `/${name}`}`

const legacy = (name: string) => ({
  apiVersion: 'gateway.kyma-project.io/v1beta1',
  kind: 'APIRule',
  metadata: { name },
  spec: {
    host: `${name}.local.kyma.dev`,
    gateway: 'kyma-system/kyma-gateway',
    service: { name: 'hello-kyma-svc', port: 80 },
    rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
  },
})

async function start(controller: boolean): Promise<KubeClient> {
  lines.length = 0
  cluster = await startDemoCluster({
    stateDir,
    controller,
    handleSignals: false,
    log: (l) => lines.push(l),
  })
  expect(cluster.info.apiGateway.running, lines.join('\n')).toBe(controller)
  return cluster.client('admin')
}

async function stop() {
  await cluster?.stop()
  cluster = undefined
}

/** Every v1beta1 rule reads back with the host and access strategy it was written with. */
async function expectV1beta1Intact(admin: KubeClient, name: string, host: string) {
  const rule = await admin.ok<V1beta1Rule>('GET', path('v1beta1', name))
  expect(rule.spec.host).toBe(host)
  // (Through the webhook the strategy also gets an empty `config: {}`, its Go struct's zero value.)
  expect(rule.spec.rules?.[0]?.accessStrategies?.map((a) => a.handler)).toEqual(['allow'])
}

afterAll(async () => {
  await stop()
  if (stateDir) await rm(stateDir, { recursive: true, force: true })
})

it('restarts one state dir without → with → without the controller', async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'state-switch-'))

  // Without: the demo data, a user's own v1beta1 rule and a user's change to a demo rule.
  let admin = await start(false)
  await admin.ok('POST', path('v1beta1'), legacy('legacy-before'))
  await admin.ok(
    'PATCH',
    path('v2', 'hello'),
    { metadata: { labels: { edited: 'by-user' } } },
    {
      'content-type': 'application/merge-patch+json',
    },
  )
  await stop()

  // With: everything readable through the webhook, in every version.
  admin = await start(true)
  expect(lines.join('\n')).toMatch(/re-stored 2 APIRules written without the controller/)
  expect(lines.join('\n')).toMatch(/seeded 0 missing demo objects/)
  await expectV1beta1Intact(admin, 'my-api-rule', 'hello-kyma')
  await expectV1beta1Intact(admin, 'legacy-before', 'legacy-before.local.kyma.dev')
  const v2 = await admin.ok<{ items: { metadata: { name: string } }[] }>('GET', path('v2'))
  expect(v2.items.map((r) => r.metadata.name)).toContain('legacy-before')
  const hello = await admin.ok<V1beta1Rule>('GET', path('v2', 'hello'))
  expect(hello.metadata.labels?.edited).toBe('by-user')
  // Written through the webhook now; the controller reconciles it (and adds its finalizer).
  await admin.ok('POST', path('v1beta1'), legacy('legacy-with'))
  await sleep(2000)
  await stop()

  // Without again: the webhook-written rule reads back as written and can be deleted.
  admin = await start(false)
  await expectV1beta1Intact(admin, 'legacy-with', 'legacy-with.local.kyma.dev')
  await expectV1beta1Intact(admin, 'my-api-rule', 'hello-kyma')
  await expectV1beta1Intact(admin, 'legacy-before', 'legacy-before.local.kyma.dev')
  await admin.ok('DELETE', path('v2', 'hello'))
  await expect
    .poll(async () => (await admin.request('GET', path('v2', 'hello'))).status, { timeout: 5000 })
    .toBe(404)
  await stop()
}, 300_000)
