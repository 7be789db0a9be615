// The proxy against the real local kube-apiserver, as the kubeconfig `local-admin` context.
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest'
import { request } from 'undici'
import { closeClients, createTestNamespace, kubeRequest } from '../../cluster/test/helpers.ts'
import { startBff, type RunningBff } from '../test/bff.ts'
import { maliciousCases, writeHeaders } from '../test/malicious-requests.ts'
import { rawHttp } from '../test/raw-http.ts'
import { checkProxyRequest } from './proxy-check.ts'

const cluster = inject('cluster')
let bff: RunningBff
let namespace: string

const apiRule = (name: string) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name },
  spec: {
    gateway: 'kyma-system/kyma-gateway',
    hosts: [`${name}.local.kyma.dev`],
    service: { name, port: 80 },
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
  },
})

beforeAll(async () => {
  bff = await startBff({
    authMode: 'kubeconfig',
    kubeconfig: cluster.kubeconfigPath,
    context: 'local-admin',
  })
  namespace = await createTestNamespace(cluster, 'bff-proxy')
})

afterAll(async () => {
  await bff.close()
  await closeClients()
})

const apirules = () => `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`

describe('allowlist against the cluster', () => {
  it('creates, reads, patches and deletes APIRules', async () => {
    const created = await rawHttp(bff.port, {
      method: 'POST',
      target: `${apirules()}?fieldManager=dashboard`,
      headers: writeHeaders(bff.origin),
      body: JSON.stringify(apiRule('crud')),
    })
    expect(created.status).toBe(201)
    const list = await rawHttp(bff.port, { method: 'GET', target: `${apirules()}?limit=10` })
    expect(list.status).toBe(200)
    expect(
      (JSON.parse(list.body) as { items: { metadata: { name: string } }[] }).items.map(
        (i) => i.metadata.name,
      ),
    ).toEqual(['crud'])
    const patched = await rawHttp(bff.port, {
      method: 'PATCH',
      target: `${apirules()}/crud`,
      headers: { ...writeHeaders(bff.origin), 'Content-Type': 'application/merge-patch+json' },
      body: JSON.stringify({ metadata: { labels: { edited: 'yes' } } }),
    })
    expect(patched.status).toBe(200)
    expect(JSON.parse(patched.body)).toMatchObject({ metadata: { labels: { edited: 'yes' } } })
    const status = await rawHttp(bff.port, { method: 'GET', target: `${apirules()}/crud/status` })
    expect(status.status).toBe(200)
    const deleted = await rawHttp(bff.port, {
      method: 'DELETE',
      target: `${apirules()}/crud?propagationPolicy=Foreground`,
      headers: { Origin: bff.origin, 'X-Kyma-Dashboard-Csrf': '1' },
    })
    expect(deleted.status).toBe(200)
  })

  it('serves discovery, /version and OpenAPI v3', async () => {
    for (const path of [
      '/api',
      '/api/v1',
      '/apis',
      '/apis/gateway.kyma-project.io',
      '/apis/gateway.kyma-project.io/v2',
      '/version',
      '/openapi/v3',
    ]) {
      const res = await rawHttp(bff.port, { method: 'GET', target: `/api/k8s${path}` })
      expect(res.status, path).toBe(200)
    }
  })

  it('refuses Secrets itself although admin may read them (Status says dashboard, not RBAC)', async () => {
    const direct = await kubeRequest(
      cluster,
      'admin',
      'GET',
      `/api/v1/namespaces/${namespace}/secrets`,
    )
    expect(direct.status).toBe(200)
    const res = await rawHttp(bff.port, {
      method: 'GET',
      target: `/api/k8s/api/v1/namespaces/${namespace}/secrets`,
    })
    expect(res.status).toBe(403)
    const body = JSON.parse(res.body) as {
      kind: string
      reason: string
      code: number
      message: string
    }
    expect(body).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Forbidden',
      code: 403,
    })
    expect(body.message).toMatch(/dashboard.*not by Kubernetes RBAC/)
  })

  it('passes the API server Status through untouched (404)', async () => {
    const direct = await kubeRequest(
      cluster,
      'admin',
      'GET',
      `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules/missing`,
    )
    const res = await rawHttp(bff.port, { method: 'GET', target: `${apirules()}/missing` })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body)).toEqual(direct.body)
  })
})

describe('single objects', () => {
  // Answers up to 64 KiB with a Content-Length are read whole and sent in one write (proxy-route.ts).
  it('answers with the API server’s exact body, Content-Type and Content-Length', async () => {
    const name = 'whole-answer'
    await kubeRequest(
      cluster,
      'admin',
      'POST',
      `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`,
      apiRule(name),
    )
    // The API Gateway controller may still be adding its finalizer and status: compare a BFF read
    // with a direct read of the same resourceVersion (read again until the object holds still).
    const read = async () => {
      const res = await rawHttp(bff.port, { method: 'GET', target: `${apirules()}/${name}` })
      const direct = await kubeRequest<{ metadata: { resourceVersion: string } }>(
        cluster,
        'admin',
        'GET',
        `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules/${name}`,
      )
      return { res, direct }
    }
    const version = (body: string) =>
      (JSON.parse(body) as { metadata: { resourceVersion: string } }).metadata.resourceVersion
    let { res, direct } = await read()
    for (let i = 0; i < 20 && version(res.body) !== direct.body.metadata.resourceVersion; i++) {
      await new Promise((r) => setTimeout(r, 250))
      ;({ res, direct } = await read())
    }
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json')
    expect(res.headers['transfer-encoding']).toBeUndefined()
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body))
    expect(res.headers['audit-id']).toMatch(/./)
    expect(JSON.parse(res.body)).toEqual(direct.body)
  })
})

describe('malicious requests against the cluster', () => {
  it.each(maliciousCases('ORIGIN').map((c) => [c.name, c.name] as const))('%s', async (name) => {
    const c = maliciousCases(bff.origin).find((m) => m.name === name)
    if (!c) throw new Error(name)
    const res = await rawHttp(bff.port, c.request, c.host)
    expect(res.status).toBe(c.status)
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: c.status })
    if (c.message) expect((JSON.parse(res.body) as { message: string }).message).toMatch(c.message)
    expect(res.headers['content-security-policy']).toBeDefined()
  })
})

describe('watch passthrough', () => {
  it('delivers events within 100 ms of the write', async () => {
    const list = await rawHttp(bff.port, { method: 'GET', target: apirules() })
    const resourceVersion = (JSON.parse(list.body) as { metadata: { resourceVersion: string } })
      .metadata.resourceVersion
    const watch = await request(
      `${bff.origin}${apirules()}?watch=true&resourceVersion=${resourceVersion}&allowWatchBookmarks=true`,
    )
    expect(watch.statusCode).toBe(200)
    const arrivals = new Map<string, number>()
    let buffer = ''
    const reading = (async () => {
      for await (const chunk of watch.body) {
        const at = performance.now()
        buffer += (chunk as Buffer).toString()
        let nl: number
        while ((nl = buffer.indexOf('\n')) !== -1) {
          const event = JSON.parse(buffer.slice(0, nl)) as {
            type: string
            object: { metadata: { name: string } }
          }
          buffer = buffer.slice(nl + 1)
          if (event.type === 'ADDED') arrivals.set(event.object.metadata.name, at)
        }
        if (arrivals.size >= 5) break
      }
    })()
    const delays: number[] = []
    for (let i = 0; i < 5; i++) {
      const name = `watched-${i}`
      const res = await kubeRequest(
        cluster,
        'admin',
        'POST',
        `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`,
        apiRule(name),
      )
      const written = performance.now()
      expect(res.status).toBe(201)
      while (!arrivals.has(name)) await new Promise((r) => setTimeout(r, 1))
      delays.push((arrivals.get(name) ?? Infinity) - written)
    }
    await reading
    watch.body.destroy()
    // The event may even arrive before the write's response: then the delay is negative.
    expect(Math.max(...delays)).toBeLessThan(100)
  })

  it('ends open watches cleanly when the BFF shuts down', async () => {
    const own = await startBff({
      authMode: 'kubeconfig',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-admin',
    })
    const watch = await request(`${own.origin}${apirules()}?watch=true`)
    expect(watch.statusCode).toBe(200)
    const ended = watch.body.text()
    const started = performance.now()
    await own.close()
    await expect(ended).resolves.toBeTypeOf('string')
    expect(performance.now() - started).toBeLessThan(3000)
  })
})

describe('encodings and headers', () => {
  it('passes gzip through undecoded for large lists', async () => {
    // The API server compresses responses above 128 KiB only.
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          kubeRequest(
            cluster,
            'admin',
            'POST',
            `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`,
            apiRule(`bulk-${batch}-${i}`),
          ),
        ),
      )
    }
    const res = await request(`${bff.origin}${apirules()}`, {
      headers: { 'accept-encoding': 'gzip' },
    })
    const raw = Buffer.from(await res.body.arrayBuffer())
    expect(res.headers['content-encoding']).toBe('gzip')
    expect(raw[0]).toBe(0x1f)
    expect(raw[1]).toBe(0x8b)
    const { gunzipSync } = await import('node:zlib')
    expect(
      (JSON.parse(gunzipSync(raw).toString()) as { items: unknown[] }).items.length,
    ).toBeGreaterThanOrEqual(250)
  })

  it('never forwards impersonation headers', async () => {
    // As developer (who may not list APIRules cluster-wide), impersonating system:masters must not help.
    const dev = await startBff({
      authMode: 'kubeconfig',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-developer',
    })
    try {
      const res = await rawHttp(dev.port, {
        method: 'GET',
        target: '/api/k8s/apis/gateway.kyma-project.io/v2/apirules',
        headers: { 'Impersonate-User': 'admin', 'Impersonate-Group': 'system:masters' },
      })
      expect(res.status).toBe(403)
      expect((JSON.parse(res.body) as { message: string }).message).toMatch(
        /User "developer" cannot list/,
      )
    } finally {
      await dev.close()
    }
  })
})

describe('findings of the security review (issue 17)', () => {
  it('answers a garbage protobuf body with a clear 415, not 502 "Cannot reach"', async () => {
    const res = await rawHttp(bff.port, {
      method: 'POST',
      target: apirules(),
      headers: {
        ...writeHeaders(bff.origin),
        'Content-Type': 'application/vnd.kubernetes.protobuf',
      },
      body: Buffer.from([0x6b, 0x38, 0x73, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x03]),
    })
    expect(res.status).toBe(415)
    expect((JSON.parse(res.body) as { message: string }).message).toMatch(/JSON or YAML/)
  })

  it('treats watch=TRUE as the watch the API server makes of it (not a list cut after the timeout)', async () => {
    const short = await startBff({
      authMode: 'kubeconfig',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-admin',
      upstreamTimeoutMs: 800,
    })
    try {
      const abort = new AbortController()
      const res = await request(`${short.origin}${apirules()}?watch=TRUE`, {
        signal: abort.signal,
      })
      expect(res.statusCode).toBe(200)
      let broke = false
      res.body.on('error', () => (broke = true))
      res.body.on('end', () => (broke = true))
      res.body.resume()
      // A list would have been cut by the 0.8 s body timeout; a watch stays open while silent.
      await new Promise((r) => setTimeout(r, 2000))
      expect(broke).toBe(false)
      abort.abort()
    } finally {
      await short.close()
    }
  })

  it('serves only OpenAPI v3 documents, each marked no-store, private', async () => {
    const index = await rawHttp(bff.port, { method: 'GET', target: '/api/k8s/openapi/v3' })
    const paths = (
      JSON.parse(index.body) as { paths: Record<string, { serverRelativeURL: string }> }
    ).paths
    const hashed = paths['apis/gateway.kyma-project.io/v2']?.serverRelativeURL ?? ''
    expect(hashed).toMatch(/\?hash=/)
    const direct = await request(`${cluster.server}${hashed}`, {
      headers: { authorization: `Bearer ${cluster.tokens.admin}` },
      dispatcher: new (await import('undici')).Agent({ connect: { ca: cluster.caData } }),
    })
    await direct.body.text()
    expect(direct.headers['cache-control']).toMatch(/public/)
    const viaBff = await rawHttp(bff.port, { method: 'GET', target: `/api/k8s${hashed}` })
    expect(viaBff.status).toBe(200)
    expect(viaBff.headers['cache-control']).toBe('no-store, private')
    const v2 = await rawHttp(bff.port, { method: 'GET', target: '/api/k8s/openapi/v2' })
    expect(v2.status).toBe(403)
  })
})

describe('watch= agrees with the API server', () => {
  // How the real API server reads each value: a watch (chunked events) or a list.
  async function apiServerWatches(value: string): Promise<boolean> {
    const abort = new AbortController()
    const res = await request(
      `${cluster.server}/api/v1/namespaces/default/services?watch=${encodeURIComponent(value)}`,
      {
        headers: { authorization: `Bearer ${cluster.tokens.admin}` },
        dispatcher: new (await import('undici')).Agent({ connect: { ca: cluster.caData } }),
        signal: abort.signal,
      },
    )
    const first = await new Promise<string>((resolve) => {
      res.body.once('data', (chunk: Buffer) => resolve(chunk.toString()))
      res.body.once('end', () => resolve(''))
    })
    abort.abort()
    res.body.on('error', () => {})
    return first.startsWith('{"type":')
  }

  it.each(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'FALSE', 'false', 'False'])(
    'reads watch=%s as the API server does',
    async (value) => {
      const check = checkProxyRequest(
        'GET',
        `/api/k8s/api/v1/namespaces/default/services?watch=${value}`,
      )
      expect(check.ok).toBe(true)
      if (check.ok) expect(check.verb === 'watch').toBe(await apiServerWatches(value))
    },
  )

  it.each(['yes', 'no', '', '2', 'f', 'F', 'fAlSe'])(
    'refuses watch=%s, which the API server would take as a watch or differently from ParseBool',
    async (value) => {
      const res = await rawHttp(bff.port, {
        method: 'GET',
        target: `/api/k8s/api/v1/namespaces/default/services?watch=${value}`,
      })
      expect(res.status).toBe(400)
      expect((JSON.parse(res.body) as { message: string }).message).toMatch(/"watch"/)
    },
  )
})
