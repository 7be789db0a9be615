// Two local clusters with the API Gateway controller on one machine (e.g. `npm test` next to
// `npm start`): each controller serves its conversion webhook on a port chosen for its cluster, and
// each API server converts APIRules through its own controller. Before, the second controller
// could not bind port 9443 and its cluster went on without it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type DemoCluster, startDemoCluster } from './demo-cluster.ts'
import { silentLog } from './lib/progress.ts'
import type { TestClusterInfo } from './test/cluster-info.ts'
import { closeClients, createTestNamespace, kubeRequest } from './test/helpers.ts'

const first = inject('cluster')
let second: DemoCluster | undefined
let stateDir: string

interface Crd {
  spec: { conversion?: { webhook?: { clientConfig?: { url?: string } } } }
}

const webhookUrl = async (info: TestClusterInfo) => {
  const crd = await kubeRequest<Crd>(
    info,
    'admin',
    'GET',
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io',
  )
  return crd.body.spec.conversion?.webhook?.clientConfig?.url
}

/** A v1beta1 rule created and read back as v2: both directions go through the cluster's webhook. */
async function convertsThroughItsWebhook(info: TestClusterInfo) {
  const ns = await createTestNamespace(info, 'two-clusters')
  const created = await kubeRequest(
    info,
    'admin',
    'POST',
    `/apis/gateway.kyma-project.io/v1beta1/namespaces/${ns}/apirules`,
    {
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: { name: 'legacy' },
      spec: {
        host: 'legacy.local.kyma.dev',
        gateway: 'kyma-system/kyma-gateway',
        service: { name: 'legacy', port: 80 },
        rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
      },
    },
  )
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const v2 = await kubeRequest<{ spec: { hosts?: string[] } }>(
    info,
    'admin',
    'GET',
    `/apis/gateway.kyma-project.io/v2/namespaces/${ns}/apirules/legacy`,
  )
  expect(v2.status, JSON.stringify(v2.body)).toBe(200)
  expect(v2.body.spec.hosts).toEqual(['legacy.local.kyma.dev'])
}

beforeAll(async () => {
  expect(first.apiGateway, 'the suite cluster runs the controller').toEqual({ running: true })
  stateDir = await mkdtemp(join(tmpdir(), 'two-clusters-'))
  second = await startDemoCluster({
    stateDir,
    seed: false,
    ephemeral: true,
    log: silentLog,
    handleSignals: false,
  })
}, 240_000)

afterAll(async () => {
  await closeClients()
  await second?.stop()
  if (stateDir) await rm(stateDir, { recursive: true, force: true })
})

describe('two local clusters with the API Gateway controller', () => {
  it('both run their controller, each on its own webhook port', async () => {
    expect(second?.info.apiGateway).toEqual({ running: true })
    const urls = [await webhookUrl(first), await webhookUrl(second!.info)]
    expect(urls[0]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/convert$/)
    expect(urls[1]).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/convert$/)
    expect(urls[0]).not.toBe(urls[1])
  })

  it('each API server converts APIRules through its own controller', async () => {
    await convertsThroughItsWebhook(first)
    await convertsThroughItsWebhook(second!.info)
  })
})
