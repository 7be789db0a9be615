// Proxy overhead: the same list of 500 APIRules fetched through the BFF and directly from the
// kube-apiserver, with the same load generator (autocannon), the same concurrency, in the same run.
// Usage: node server/bench/proxy-overhead.ts [--connections 10] [--duration 10] [--count 500]
// Uses the cluster named by KYMA_TEST_CLUSTER if it is running, else starts a throwaway local one.
import { spawn } from 'node:child_process'
import { createServer, type AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'
import { fileURLToPath } from 'node:url'
import autocannon, { type Result } from 'autocannon'
import { startTestCluster } from '../../cluster/test/start-test-cluster.ts'
import { closeClients, createTestNamespace, kubeRequest } from '../../cluster/test/helpers.ts'

const { values } = parseArgs({
  options: {
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    count: { type: 'string', default: '500' },
  },
})
const connections = Number(values.connections)
const duration = Number(values.duration)
const count = Number(values.count)

const cluster = await startTestCluster()
const info = cluster.info
const namespace = await createTestNamespace(info, 'bench')
const listPath = `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`
for (let at = 0; at < count; at += 50) {
  await Promise.all(
    Array.from({ length: Math.min(50, count - at) }, (_, i) =>
      kubeRequest(info, 'admin', 'POST', listPath, {
        apiVersion: 'gateway.kyma-project.io/v2',
        kind: 'APIRule',
        metadata: { name: `bench-${at + i}` },
        spec: {
          gateway: 'kyma-system/kyma-gateway',
          hosts: [`bench-${at + i}.local.kyma.dev`],
          service: { name: `svc-${at + i}`, port: 80 },
          rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
        },
      }).then((res) => {
        if (res.status !== 201) throw new Error(`create failed: ${res.status}`)
      }),
    ),
  )
}

// The BFF runs in its own process, as in production, so it does not share an event loop with the
// load generator.
const port = await freePort()
const bff = spawn(
  process.execPath,
  [
    fileURLToPath(new URL('../main.ts', import.meta.url)),
    '--port',
    String(port),
    '--kubeconfig',
    info.kubeconfigPath,
    '--context',
    'local-admin',
    '--log-level',
    'warn',
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
)
await waitForHealth(`http://127.0.0.1:${port}/healthz`)
const bffUrl = `http://127.0.0.1:${port}/api/k8s${listPath}`
const directUrl = `${info.server}${listPath}`
const common = { connections, duration, headers: { accept: 'application/json' } }

async function run(
  label: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<Result> {
  const result = await autocannon({
    ...common,
    url,
    headers: { ...common.headers, ...headers },
    tlsOptions: { ca: info.caData },
  })
  if (result.errors || result.non2xx || result.timeouts) {
    throw new Error(
      `${label}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`,
    )
  }
  return result
}

const directAuth = { authorization: `Bearer ${info.tokens.admin}` }
const gzip = { 'accept-encoding': 'gzip' }
// Warm up both paths (connections, caches), then measure in alternation, uncompressed and gzip
// (browsers always ask for gzip; the API server compresses lists above 128 KiB).
await autocannon({
  ...common,
  duration: 2,
  url: directUrl,
  headers: { ...common.headers, ...directAuth },
})
await autocannon({ ...common, duration: 2, url: bffUrl })
const results: { label: string; result: Result }[] = []
for (const [encoding, extra] of [
  ['identity', {}],
  ['gzip', gzip],
] as const) {
  results.push({
    label: `direct ${encoding}`,
    result: await run('direct', directUrl, { ...directAuth, ...extra }),
  })
  results.push({ label: `bff ${encoding}`, result: await run('bff', bffUrl, extra) })
}

const sizeRes = await kubeRequest(info, 'admin', 'GET', listPath)
const bytes = JSON.stringify(sizeRes.body).length
const row = (label: string, r: Result) =>
  `${label.padEnd(16)} ${r.requests.average.toFixed(1).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(r.latency.p99).padStart(4)} ms   (${r.requests.total} requests)`
console.log(
  `\nGET list of ${count} APIRules (~${Math.round(bytes / 1024)} KiB JSON), ${connections} connections, ${duration} s per run`,
)
for (const { label, result } of results) console.log(row(label, result))
for (const encoding of ['identity', 'gzip']) {
  const d = results.find((r) => r.label === `direct ${encoding}`)?.result
  const b = results.find((r) => r.label === `bff ${encoding}`)?.result
  if (!d || !b) continue
  console.log(
    `${encoding.padEnd(8)} bff/direct: throughput ${(b.requests.average / d.requests.average).toFixed(3)}, p50 ${(b.latency.p50 / d.latency.p50).toFixed(3)}, p99 ${(b.latency.p99 / d.latency.p99).toFixed(3)}`,
  )
}

bff.kill('SIGTERM')
await new Promise((resolve) => bff.once('exit', resolve))
await closeClients()
await cluster.stop()

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  return port
}

async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`BFF did not become healthy at ${url}`)
}
