// The watch streams against a fake API server: framing, refusals before any upstream call, identity
// binding, limits, back-pressure and shutdown.
import type { ServerResponse } from 'node:http'
import { PassThrough } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { startBff, type RunningBff } from '../test/bff.ts'
import { fakeUpstream, startFakeApiServer, type FakeApiServer } from '../test/fake-upstream.ts'
import { rawHttp } from '../test/raw-http.ts'
import {
  ofSub,
  openStream,
  signIn,
  subscribe,
  unsubscribe,
  type PostOptions,
} from './test-support.ts'
import { checkWatchPath } from './watch-path.ts'
import { WatchStreams } from './streams.ts'

const APIRULES = '/apis/gateway.kyma-project.io/v2/namespaces/demo/apirules'

describe('checkWatchPath', () => {
  it('refuses paths over the URL length limit', () => {
    const long = `/api/v1/services?watch=true&labelSelector=${'a'.repeat(5000)}`
    expect(checkWatchPath(long)).toMatchObject({ ok: false, code: 400 })
  })

  it('accepts allowlisted watches and keeps the query', () => {
    expect(checkWatchPath(`${APIRULES}?watch=true&resourceVersion=5`)).toEqual({
      ok: true,
      pathAndQuery: `${APIRULES}?watch=true&resourceVersion=5`,
    })
    expect(checkWatchPath('/api/v1/namespaces/demo/services?watch=1').ok).toBe(true)
  })

  it.each([
    ['/api/v1/namespaces/demo/secrets?watch=true', 403],
    ['/api/v1/namespaces/demo/../secrets?watch=true', 400],
    ['/api/v1/namespaces/demo%2fsecrets?watch=true', 400],
    ['/api/v1/namespaces/demo/services', 400],
    ['/api/v1/namespaces/demo/services/x/status?watch=true', 403],
    [`${APIRULES}?watch=true&impersonate=x`, 400],
    ['//evil.example/api?watch=true', 400],
    ['api/v1/services?watch=true', 400],
    ['/api/v1/services?watch=true\n', 400],
    [42, 400],
  ])('refuses %s with %i', (path, code) => {
    const check = checkWatchPath(path)
    expect(check.ok).toBe(false)
    if (!check.ok) expect(check.code).toBe(code)
  })
})

// ---------------------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

/** Open upstream watch responses of the fake API server, by URL. */
const open = new Map<string, ServerResponse>()

async function fake(): Promise<FakeApiServer> {
  const server = await startFakeApiServer((req, res) => {
    const url = req.url ?? ''
    if (url === '/apis/authentication.k8s.io/v1/selfsubjectreviews') {
      // Token mode sign-in: "<name>-token" belongs to <name>.
      const username = (req.headers.authorization ?? '').replace(/^Bearer (.*)-token$/, '$1')
      res.writeHead(201, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ kind: 'SelfSubjectReview', status: { userInfo: { username } } }))
      return
    }
    if (url.includes('resourceVersion=gone')) {
      res.writeHead(410, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ kind: 'Status', code: 410, reason: 'Gone', message: 'too old' }))
      return
    }
    if (url.includes('resourceVersion=expired')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          type: 'ERROR',
          object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
        }) + '\n',
      )
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.flushHeaders()
    // Keyed without the watch window the BFF adds (upstream-resume.test.ts covers it).
    open.set(url.replace(/&timeoutSeconds=\d+/, ''), res)
  })
  cleanups.push(() => server.close())
  return server
}

async function bff(
  server: FakeApiServer,
  mode: 'kubeconfig' | 'token' = 'kubeconfig',
): Promise<RunningBff> {
  const b = await startBff({}, { upstream: fakeUpstream(server.url, mode) })
  cleanups.push(() => b.close())
  return b
}

async function until(cond: () => boolean, ms = 2000) {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 5))
  }
}

const event = (type: string, name: string, rv: string) =>
  JSON.stringify({ type, object: { metadata: { name, resourceVersion: rv } } }) + '\n'

describe('watch stream', () => {
  it('multiplexes watches, frames their events and ends them', async () => {
    const server = await fake()
    const b = await bff(server)
    const o: PostOptions = { origin: b.origin, port: b.port }
    const stream = await openStream(b.origin)
    expect(stream.status).toBe(200)
    expect(stream.id).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const a = await subscribe(o, stream.id, 'a', `${APIRULES}?watch=true&resourceVersion=1`)
    expect(a.status).toBe(202)
    // A client-chosen watch timeout (shorter than the BFF's window) ends at the client, not resumed.
    const s = await subscribe(
      o,
      stream.id,
      's',
      '/api/v1/namespaces/demo/services?watch=true&timeoutSeconds=10',
    )
    expect(s.status).toBe(202)
    await stream.next((v) => v.sub === 'a' && v.type === 'OPEN')
    await stream.next((v) => v.sub === 's' && v.type === 'OPEN')
    const upstreamA = open.get(`${APIRULES}?watch=true&resourceVersion=1`)
    const upstreamS = open.get('/api/v1/namespaces/demo/services?watch=true')
    // split mid-line: the server re-frames whole lines only
    // an event type the protocol does not know is left out (the client would skip it)
    upstreamA?.write(event('FUTURE', 'x', '1'))
    const text = event('ADDED', 'x', '2') + event('MODIFIED', 'x', '3')
    upstreamA?.write(text.slice(0, 30))
    upstreamA?.write(text.slice(30))
    upstreamS?.write(event('DELETED', 'svc', '9'))
    await stream.next(
      (v) => v.sub === 's' && (v.event as { type?: string } | undefined)?.type === 'DELETED',
    )
    await stream.next(
      (v) => v.sub === 'a' && (v.event as { type?: string } | undefined)?.type === 'MODIFIED',
    )
    expect(stream.lines.filter((l) => ofSub('a')(l.value)).map((l) => l.value)).toEqual([
      { sub: 'a', type: 'OPEN' },
      {
        sub: 'a',
        event: { type: 'ADDED', object: { metadata: { name: 'x', resourceVersion: '2' } } },
      },
      {
        sub: 'a',
        event: { type: 'MODIFIED', object: { metadata: { name: 'x', resourceVersion: '3' } } },
      },
    ])
    // the upstream request carried the upstream credentials and no client headers
    const seen = server.requests.find((r) => r.url.startsWith(APIRULES))
    expect(seen?.headers.authorization).toBe('Bearer upstream-secret-token')
    expect(seen?.headers['accept-encoding']).toBeUndefined()

    // a duplicate id is refused
    expect((await subscribe(o, stream.id, 'a', `${APIRULES}?watch=true`)).status).toBe(409)

    // normal upstream end → END without code
    upstreamS?.end()
    const end = await stream.next((v) => v.sub === 's' && v.type === 'END')
    expect(end.value).toEqual({ sub: 's', type: 'END' })

    // unsubscribe closes the upstream watch and stops its lines
    expect((await unsubscribe(o, stream.id, 'a')).status).toBe(200)
    await until(
      () =>
        upstreamA?.destroyed === true ||
        upstreamA?.writableEnded === true ||
        upstreamA?.socket?.destroyed === true,
    )
    // again: idempotent (a subscription that already ended is as good as removed)
    expect((await unsubscribe(o, stream.id, 'a')).status).toBe(200)
    stream.close()
  })

  it('turns 410 answers and ERROR events into END with code 410', async () => {
    const server = await fake()
    const b = await bff(server)
    const o: PostOptions = { origin: b.origin, port: b.port }
    const stream = await openStream(b.origin)
    await subscribe(o, stream.id, 'h', `${APIRULES}?watch=true&resourceVersion=gone`)
    await subscribe(o, stream.id, 'e', `${APIRULES}?watch=true&resourceVersion=expired`)
    const h = await stream.next((v) => v.sub === 'h' && v.type === 'END')
    expect(h.value).toMatchObject({ code: 410, status: { kind: 'Status', reason: 'Gone' } })
    const e = await stream.next((v) => v.sub === 'e' && v.type === 'END')
    expect(e.value).toMatchObject({ code: 410, status: { reason: 'Expired' } })
    // the ERROR event itself is passed on too, before the END
    expect(stream.lines.some((l) => l.value.sub === 'e' && l.value.event !== undefined)).toBe(true)
    stream.close()
  })

  it('reports an unreachable API server as END 502', async () => {
    const b = await startBff({}, { upstream: fakeUpstream('http://127.0.0.1:1') })
    cleanups.push(() => b.close())
    const stream = await openStream(b.origin)
    await subscribe({ origin: b.origin, port: b.port }, stream.id, 'x', `${APIRULES}?watch=true`)
    const end = await stream.next((v) => v.type === 'END')
    expect(end.value).toMatchObject({ sub: 'x', code: 502, status: { kind: 'Status', code: 502 } })
    stream.close()
  })

  it('refuses bad subscriptions before any upstream call', async () => {
    const server = await fake()
    const b = await bff(server)
    const o: PostOptions = { origin: b.origin, port: b.port }
    const stream = await openStream(b.origin)
    const before = server.requests.length
    const secrets = await subscribe(o, stream.id, 'x', '/api/v1/namespaces/demo/secrets?watch=true')
    expect(secrets.status).toBe(403)
    expect(secrets.json).toMatchObject({ kind: 'Status', reason: 'Forbidden' })
    expect(String(secrets.json.message)).toMatch(/Refused by the dashboard server/)
    const trick = await subscribe(
      o,
      stream.id,
      'x',
      '/api/v1/namespaces/demo/../secrets?watch=true',
    )
    expect(trick.status).toBe(400)
    expect((await subscribe(o, stream.id, 'x', `${APIRULES}`)).status).toBe(400)
    expect((await subscribe(o, stream.id, 'bad id!', `${APIRULES}?watch=true`)).status).toBe(400)
    const csrf = await subscribe({ ...o, noCsrf: true }, stream.id, 'x', `${APIRULES}?watch=true`)
    expect(csrf.status).toBe(403)
    const head = await rawHttp(b.port, { method: 'HEAD', target: '/api/watch-stream' })
    expect(head.status).not.toBe(200)
    const unknown = await subscribe(o, 'A'.repeat(43), 'x', `${APIRULES}?watch=true`)
    expect(unknown.status).toBe(404)
    expect(unknown.json).toMatchObject({ kind: 'Status', code: 404 })
    expect((await subscribe(o, 'short', 'x', `${APIRULES}?watch=true`)).status).toBe(404)
    expect(server.requests.length).toBe(before)
    stream.close()
  })

  it('binds a stream to the session that opened it (token mode)', async () => {
    const server = await fake()
    const b = await bff(server, 'token')
    const alice = await signIn(b.origin, b.port, 'alice-token')
    const bob = await signIn(b.origin, b.port, 'bob-token')
    const refused = await openStream(b.origin)
    expect(refused.status).toBe(401)
    await refused.ended
    const stream = await openStream(b.origin, alice)
    expect(stream.status).toBe(200)
    const before = server.requests.length
    const asBob = await subscribe(
      { origin: b.origin, port: b.port, cookie: bob },
      stream.id,
      'x',
      `${APIRULES}?watch=true`,
    )
    expect(asBob.status).toBe(404)
    const anonymous = await subscribe(
      { origin: b.origin, port: b.port },
      stream.id,
      'x',
      `${APIRULES}?watch=true`,
    )
    expect(anonymous.status).toBe(401)
    expect(server.requests.length).toBe(before)
    const asAlice = await subscribe(
      { origin: b.origin, port: b.port, cookie: alice },
      stream.id,
      'x',
      `${APIRULES}?watch=true`,
    )
    expect(asAlice.status).toBe(202)
    await stream.next((v) => v.type === 'OPEN')
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer alice-token')
    const upstream = open.get(`${APIRULES}?watch=true`)
    stream.close()
    await until(() => upstream?.socket?.destroyed !== false)
  })

  it('ends a stream on shutdown and its upstream watches with it', async () => {
    const server = await fake()
    const b = await startBff({}, { upstream: fakeUpstream(server.url) })
    const stream = await openStream(b.origin)
    await subscribe(
      { origin: b.origin, port: b.port },
      stream.id,
      'x',
      `${APIRULES}?watch=true&resourceVersion=shutdown`,
    )
    await stream.next((v) => v.type === 'OPEN')
    const upstream = open.get(`${APIRULES}?watch=true&resourceVersion=shutdown`)
    const started = performance.now()
    await b.close()
    await stream.ended
    expect(performance.now() - started).toBeLessThan(1000)
    await until(() => upstream?.socket?.destroyed !== false)
  })

  it('closes the upstream watches when the client goes away', async () => {
    const server = await fake()
    const b = await bff(server)
    const stream = await openStream(b.origin)
    await subscribe(
      { origin: b.origin, port: b.port },
      stream.id,
      'x',
      `${APIRULES}?watch=true&resourceVersion=client-left`,
    )
    await stream.next((v) => v.type === 'OPEN')
    const upstream = open.get(`${APIRULES}?watch=true&resourceVersion=client-left`)
    stream.close()
    await until(() => upstream?.socket?.destroyed !== false)
    const again = await subscribe(
      { origin: b.origin, port: b.port },
      stream.id,
      'y',
      `${APIRULES}?watch=true`,
    )
    expect(again.status).toBe(404)
  })
})

describe('limits', () => {
  it('caps subscriptions per stream', async () => {
    const server = await fake()
    const b = await startBff({}, { upstream: fakeUpstream(server.url) })
    cleanups.push(() => b.close())
    const o: PostOptions = { origin: b.origin, port: b.port }
    const stream = await openStream(b.origin)
    const answers = await Promise.all(
      Array.from({ length: 101 }, (_, i) =>
        subscribe(o, stream.id, `s${i}`, `${APIRULES}?watch=true&resourceVersion=cap${i}`),
      ),
    )
    expect(answers.filter((a) => a.status === 202)).toHaveLength(100)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(1)
    stream.close()
  })

  it('destroys the stream of a client that does not read, instead of buffering', async () => {
    const streams = new WatchStreams({ maxQueuedBytes: 64 * 1024 })
    // A response that is never read: the stream's own buffer fills up.
    const res = new PassThrough() as unknown as ServerResponse
    const stream = streams.open(null, res)
    expect(stream).not.toBeNull()
    const abort = new AbortController()
    stream?.add('x', abort)
    let sent = 0
    while (stream?.send({ sub: 'x', event: { type: 'ADDED', object: { pad: 'x'.repeat(1024) } } }))
      sent++
    expect(sent).toBeLessThan(80)
    expect(stream?.closed).toBe(true)
    expect(abort.signal.aborted).toBe(true)
    expect(streams.size).toBe(0)
    expect(streams.subscriptionCount).toBe(0)
  })

  it('caps the number of streams and of subscriptions in total', () => {
    const streams = new WatchStreams({ maxStreams: 1, maxSubscriptions: 1 })
    const res = () => new PassThrough() as unknown as ServerResponse
    const first = streams.open(null, res())
    expect(first).not.toBeNull()
    expect(streams.open(null, res())).toBeNull()
    expect(first?.add('a', new AbortController())).toBe('ok')
    expect(first?.add('b', new AbortController())).toBe('server-full')
    streams.closeAll()
    expect(streams.size).toBe(0)
    expect(streams.open(null, res())).not.toBeNull()
    streams.closeAll()
  })

  it('caps the streams of one owner, leaving room for others', () => {
    const streams = new WatchStreams({ maxStreamsPerOwner: 2 })
    const res = () => new PassThrough() as unknown as ServerResponse
    expect(streams.open('s1', res(), 'user:mallory')).not.toBeNull()
    expect(streams.open('s2', res(), 'user:mallory')).not.toBeNull()
    expect(streams.ownerIsFull('user:mallory')).toBe(true)
    expect(streams.open('s3', res(), 'user:mallory')).toBeNull()
    expect(streams.ownerIsFull('user:alice')).toBe(false)
    expect(streams.open('s4', res(), 'user:alice')).not.toBeNull()
    streams.closeAll()
  })

  it('finds a stream only with its own identity', () => {
    const streams = new WatchStreams()
    const alice = 'session-alice'
    const stream = streams.open(alice, new PassThrough() as unknown as ServerResponse)
    if (!stream) throw new Error('no stream')
    expect(streams.find(stream.id, 'session-alice')).toBe(stream)
    expect(streams.find(stream.id, 'session-bob')).toBeUndefined()
    expect(streams.find(stream.id, null)).toBeUndefined()
    expect(streams.find(`${stream.id}x`, alice)).toBeUndefined()
    streams.closeAll()
  })
})
