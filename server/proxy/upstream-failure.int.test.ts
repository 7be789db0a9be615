// Upstream failures: an API server that dies mid-watch (a fake one we control) and one that is not
// there at all. The browser must see the stream end, and the BFF must keep serving.
import { createServer as createTcpServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { startBff, type RunningBff } from '../test/bff.ts'
import { fakeUpstream, startFakeApiServer, type FakeApiServer } from '../test/fake-upstream.ts'
import { rawHttp } from '../test/raw-http.ts'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup()
})

async function bffFor(fake: FakeApiServer | string): Promise<RunningBff> {
  const server = typeof fake === 'string' ? fake : fake.url
  const bff = await startBff({}, { upstream: fakeUpstream(server) })
  cleanups.push(() => bff.close())
  return bff
}

describe('API server stopped mid-watch', () => {
  it('ends the client stream promptly and keeps serving', async () => {
    const fake = await startFakeApiServer((req, res) => {
      if (req.url?.includes('watch=true')) {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.write(
          '{"type":"ADDED","object":{"kind":"APIRule","metadata":{"name":"a","resourceVersion":"1"}}}\n',
        )
        setTimeout(() => res.socket?.destroy(), 200)
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"kind":"APIRuleList","items":[]}')
    })
    cleanups.push(() => fake.close())
    const bff = await bffFor(fake)
    const path = '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules'
    const watch = await request(`${bff.origin}${path}?watch=true`)
    expect(watch.statusCode).toBe(200)
    const started = performance.now()
    const text = await watch.body.text()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(text).toContain('"ADDED"')
    const again = await rawHttp(bff.port, { method: 'GET', target: path })
    expect(again.status).toBe(200)
  })

  it('passes watch headers on before the first event', async () => {
    const fake = await startFakeApiServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.flushHeaders()
    })
    cleanups.push(() => fake.close())
    const bff = await bffFor(fake)
    const watch = await request(`${bff.origin}/api/k8s/api/v1/namespaces?watch=1`, {
      headersTimeout: 1000,
    })
    expect(watch.statusCode).toBe(200)
    watch.body.destroy()
  })
})

describe('API server unreachable', () => {
  it('answers 502 with a Status naming the server and the cause', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createTcpServer()
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
    const { port } = probe.address() as AddressInfo
    await new Promise<void>((resolve) => probe.close(() => resolve()))
    const server = `http://127.0.0.1:${port}`
    const bff = await bffFor(server)
    const res = await rawHttp(bff.port, { method: 'GET', target: '/api/k8s/api/v1/namespaces' })
    expect(res.status).toBe(502)
    const status = JSON.parse(res.body) as { kind: string; code: number; message: string }
    expect(status).toMatchObject({ kind: 'Status', code: 502, status: 'Failure' })
    expect(status.message).toContain(server)
    expect(status.message).toContain('ECONNREFUSED')
    const ready = await rawHttp(bff.port, { method: 'GET', target: '/readyz' })
    expect(ready.status).toBe(503)
    expect(JSON.parse(ready.body)).toMatchObject({ kind: 'Status', code: 503 })
    const health = await rawHttp(bff.port, { method: 'GET', target: '/healthz' })
    expect(health.status).toBe(200)
  })

  it('answers 504 when the API server does not answer in time', async () => {
    const fake = await startFakeApiServer(() => {
      /* never answers */
    })
    cleanups.push(() => fake.close())
    const bff = await startBff({ upstreamTimeoutMs: 300 }, { upstream: fakeUpstream(fake.url) })
    cleanups.push(() => bff.close())
    const res = await rawHttp(bff.port, { method: 'GET', target: '/api/k8s/api/v1/namespaces' })
    expect(res.status).toBe(504)
    expect((JSON.parse(res.body) as { message: string }).message).toContain(fake.url)
  })
})
