// The BFF against a fake API server: every guard must answer before the upstream sees anything,
// headers must be filtered both ways, and streams must end cleanly. (The same behaviours against the
// real cluster are in *.int.test.ts.)
import { connect, type AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { request } from 'undici'
import type { FastifyInstance } from 'fastify'
import { buildServer } from './app.ts'
import {
  fakeUpstream,
  startFakeApiServer,
  testConfig,
  type FakeApiServer,
} from './test/fake-upstream.ts'
import { maliciousCases, writeHeaders } from './test/malicious-requests.ts'
import { rawHttp } from './test/raw-http.ts'

let fake: FakeApiServer
let app: FastifyInstance
let port: number
let origin: string
const logLines: string[] = []

beforeAll(async () => {
  fake = await startFakeApiServer((req, res) => {
    if (req.url?.startsWith('/version')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      return res.end(JSON.stringify({ major: '1', minor: '33', gitVersion: 'v1.33.0' }))
    }
    if (req.url?.startsWith('/openapi/v3')) {
      // What the API server sends for a hashed OpenAPI document.
      res.writeHead(200, {
        'content-type': 'application/json',
        'cache-control': 'public, immutable',
      })
      return res.end('{"openapi":"3.0.0"}')
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'set-cookie': 'upstream=1',
      'access-control-allow-origin': '*',
      'audit-id': 'audit-1',
      'www-authenticate': 'Basic',
    })
    res.end('{"kind":"APIRuleList","items":[]}')
  })
  const logStream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString())
      done()
    },
  })
  app = await buildServer(testConfig({ logLevel: 'debug' }), {
    upstream: fakeUpstream(fake.url),
    logStream,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  port = (app.server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
})

afterAll(async () => {
  await app.close()
  await fake.close()
})

beforeEach(() => {
  fake.requests.length = 0
})

describe('guards refuse malicious requests before any upstream call', () => {
  it.each(maliciousCases('http://127.0.0.1:PORT').map((c) => [c.name, c] as const))(
    '%s',
    async (_name, template) => {
      const c = maliciousCases(origin).find((m) => m.name === template.name) ?? template
      const response = await rawHttp(port, c.request, c.host)
      expect(response.status).toBe(c.status)
      const status = JSON.parse(response.body) as { kind: string; code: number; message: string }
      expect(status).toMatchObject({
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        code: c.status,
      })
      if (c.message) expect(status.message).toMatch(c.message)
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'")
      expect(response.headers['x-content-type-options']).toBe('nosniff')
      expect(Object.keys(response.headers).filter((h) => h.startsWith('access-control-'))).toEqual(
        [],
      )
      expect(fake.requests).toEqual([])
    },
  )
})

describe('proxying', () => {
  it('forwards only allowlisted request headers, with the upstream credentials', async () => {
    const res = await request(
      `${origin}/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules?limit=10`,
      {
        headers: {
          accept: 'application/json',
          'accept-encoding': 'gzip',
          authorization: 'Bearer from-the-browser',
          cookie: 'kyma_dashboard_token=from-the-browser',
          'impersonate-user': 'system:admin',
          'impersonate-group': 'system:masters',
          'x-forwarded-for': '10.0.0.1',
          'x-request-id': 'req-123',
        },
      },
    )
    expect(res.statusCode).toBe(200)
    expect(res.headers['x-request-id']).toBe('req-123')
    await res.body.text()
    const [seen] = fake.requests
    expect(seen?.url).toBe('/apis/gateway.kyma-project.io/v2/namespaces/default/apirules?limit=10')
    expect(seen?.headers.authorization).toBe('Bearer upstream-secret-token')
    expect(seen?.headers['accept-encoding']).toBe('gzip')
    for (const h of [
      'cookie',
      'impersonate-user',
      'impersonate-group',
      'x-forwarded-for',
      'x-request-id',
    ]) {
      expect(seen?.headers[h]).toBeUndefined()
    }
  })

  it('passes back only allowlisted response headers', async () => {
    const res = await request(`${origin}/api/k8s/api/v1/namespaces`)
    await res.body.text()
    expect(res.headers['audit-id']).toBe('audit-1')
    expect(res.headers['set-cookie']).toBeUndefined()
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect(res.headers['www-authenticate']).toBeUndefined()
    expect(res.headers['x-frame-options']).toBe('DENY')
  })

  it('passes a same-origin write with the CSRF header, body untouched', async () => {
    const body = '{"apiVersion":"gateway.kyma-project.io/v2","kind":"APIRule"}'
    const res = await rawHttp(port, {
      method: 'POST',
      target: '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules?dryRun=All',
      headers: writeHeaders(origin),
      body,
    })
    expect(res.status).toBe(200)
    expect(fake.requests[0]?.body.toString()).toBe(body)
    expect(fake.requests[0]?.headers.origin).toBeUndefined()
  })

  it('accepts a body just under 3 MiB', async () => {
    const res = await rawHttp(port, {
      method: 'PUT',
      target: '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules/r',
      headers: writeHeaders(origin),
      body: Buffer.alloc(3 * 1024 * 1024 - 10, 0x20),
      chunked: true,
    })
    expect(res.status).toBe(200)
    expect(fake.requests[0]?.body.length).toBe(3 * 1024 * 1024 - 10)
  })
})

describe('caching', () => {
  it('marks every API answer no-store, private, even a hashed OpenAPI document', async () => {
    for (const target of [
      '/api/k8s/openapi/v3/apis/gateway.kyma-project.io/v2?hash=ABC',
      '/api/k8s/api/v1/namespaces',
      '/api/cluster',
      '/api/k8s/api/v1/secrets',
    ]) {
      const res = await rawHttp(port, { method: 'GET', target })
      expect(res.headers['cache-control'], target).toBe('no-store, private')
    }
  })
})

describe('requests Node itself would refuse', () => {
  it('answers a request without Host with a Status and the security headers', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /api/cluster HTTP/1.1\r\nConnection: close\r\n\r\n')
      })
      let data = ''
      socket.on('data', (c: Buffer) => (data += c.toString()))
      socket.on('end', () => resolve(data))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.1 403 /)
    expect(raw).toMatch(/\r\ncontent-security-policy: [^\r]*frame-ancestors 'none'/i)
    expect(raw).toMatch(/\r\nx-content-type-options: nosniff/i)
    expect(raw).toContain('"kind":"Status"')
    expect(fake.requests).toEqual([])
  })
})

describe('own endpoints', () => {
  it('/healthz answers without calling upstream', async () => {
    const res = await rawHttp(port, { method: 'GET', target: '/healthz' })
    expect(res.status).toBe(200)
    expect(fake.requests).toEqual([])
  })

  it('/api/cluster reports context, server, version, user and mode', async () => {
    const res = await rawHttp(port, { method: 'GET', target: '/api/cluster' })
    expect(JSON.parse(res.body)).toEqual({
      context: 'fake-context',
      server: fake.url,
      kubernetesVersion: 'v1.33.0',
      user: 'fake-user',
      authMode: 'kubeconfig',
      signedIn: true,
    })
  })

  it('unknown API paths get a 404 Status, not the SPA', async () => {
    const res = await rawHttp(port, {
      method: 'GET',
      target: '/api/nope',
      headers: { Accept: 'text/html' },
    })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 404 })
  })
})

describe('logs', () => {
  it('never contain tokens or cookies', async () => {
    await rawHttp(port, {
      method: 'GET',
      target: '/api/k8s/api/v1/namespaces',
      headers: {
        Authorization: 'Bearer secret-browser-token',
        Cookie: 'kyma_dashboard_token=secret-cookie-token',
      },
    })
    await rawHttp(port, {
      method: 'GET',
      target: '/api/k8s/api/v1/secrets',
      headers: { Cookie: 'kyma_dashboard_token=secret-cookie-token' },
    })
    const logs = logLines.join('')
    expect(logs).toContain('/api/k8s/api/v1/namespaces')
    expect(logs).not.toContain('secret-browser-token')
    expect(logs).not.toContain('secret-cookie-token')
    expect(logs).not.toContain('upstream-secret-token')
  })
})
