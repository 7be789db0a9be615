// Memory a signed-in user can make the BFF hold (security round 3, findings 1 and 2), through the
// real BFF against a fake API server that floods watches: uploads to refused paths are answered
// before their body is read, allowed uploads share a byte budget, a client that does not read its
// watch stream pauses its upstream watches instead of being buffered, and one user's watches are
// capped. (RSS under the full attacks: bench/memory-attacks.ts.)
import type { ServerResponse } from 'node:http'
import { connect, type Socket } from 'node:net'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { startBff, type RunningBff } from '../test/bff.ts'
import { fakeUpstream, startFakeApiServer, type FakeApiServer } from '../test/fake-upstream.ts'
import { WatchStreams } from '../watch-mux/streams.ts'
import { openStream, signIn, subscribe } from '../watch-mux/test-support.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

const MIB = 1024 * 1024
const pad = 'x'.repeat(4000)
/** Bytes the fake API server has written into watch responses. */
let flooded = 0
const watches = new Set<ServerResponse>()

async function fake(): Promise<FakeApiServer> {
  flooded = 0
  const server = await startFakeApiServer((req, res) => {
    const url = req.url ?? ''
    if (url.endsWith('/selfsubjectreviews')) {
      const username = (req.headers.authorization ?? '').replace(/^Bearer (.*)-token$/, '$1')
      res.writeHead(201, { 'content-type': 'application/json' })
      return res.end(
        JSON.stringify({ kind: 'SelfSubjectReview', status: { userInfo: { username } } }),
      )
    }
    if (!url.includes('watch=true')) {
      res.writeHead(201, { 'content-type': 'application/json' })
      return res.end('{"kind":"Status","code":201}')
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    watches.add(res)
    res.once('close', () => watches.delete(res))
    if (!url.includes('resourceVersion=flood')) return void res.flushHeaders()
    let n = 0
    const pump = () => {
      while (!res.destroyed) {
        const line = `${JSON.stringify({ type: 'ADDED', object: { metadata: { name: `o${n++}` }, pad } })}\n`
        flooded += line.length
        if (!res.write(line)) return void res.once('drain', pump)
      }
    }
    pump()
  })
  cleanups.push(() => server.close())
  return server
}

async function tokenBff(server: FakeApiServer): Promise<RunningBff> {
  const b = await startBff({}, { upstream: fakeUpstream(server.url, 'token') })
  cleanups.push(() => b.close())
  return b
}

/** Sends only the head and `firstBytes` of a `length`-byte upload; resolves with the first answer line. */
function partialUpload(
  b: RunningBff,
  cookie: string,
  target: string,
  length: number,
  firstBytes = 1024,
) {
  return new Promise<{ line: string; socket: Socket; ms: number }>((resolve, reject) => {
    const start = Date.now()
    const socket = connect(b.port, '127.0.0.1')
    cleanups.push(() => socket.destroy())
    socket.on('error', () => {})
    socket.write(
      `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${b.port}\r\nOrigin: ${b.origin}\r\nX-Kyma-Dashboard-Csrf: 1\r\nContent-Type: application/json\r\nCookie: ${cookie}\r\nContent-Length: ${length}\r\n\r\n`,
    )
    socket.write(Buffer.alloc(firstBytes, 0x20))
    socket.once('data', (c: Buffer) =>
      resolve({
        line: c.toString('latin1').split('\r\n')[0] ?? '',
        socket,
        ms: Date.now() - start,
      }),
    )
    setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()
  })
}

const APIRULES = '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules'

describe('request bodies', () => {
  it('answers a signed-in upload to a refused path before reading its body, and closes', async () => {
    const server = await fake()
    const b = await tokenBff(server)
    const cookie = await signIn(b.origin, b.port, 'mallory-token')
    const configmaps = '/api/k8s/api/v1/namespaces/default/configmaps'
    const answer = await partialUpload(b, cookie, configmaps, 3 * MIB - 100)
    expect(answer.line).toBe('HTTP/1.1 403 Forbidden')
    await new Promise<void>((resolve) => answer.socket.once('close', () => resolve()))
    expect(server.requests.filter((r) => r.url.includes('configmaps'))).toHaveLength(0)
  })

  it('shares a byte budget among uploads being read: past it, 503 at once', async () => {
    const server = await fake()
    const b = await tokenBff(server)
    const cookie = await signIn(b.origin, b.port, 'mallory-token')
    // One user may hold 8 MiB of bodies being read: two 3 MiB uploads fit, the third does not.
    const first = [1, 2].map(() => partialUpload(b, cookie, APIRULES, 3 * MIB - 100))
    for (const upload of first) upload.catch(() => {})
    await new Promise((r) => setTimeout(r, 200))
    const third = await partialUpload(b, cookie, APIRULES, 3 * MIB - 100)
    expect(third.line).toBe('HTTP/1.1 503 Service Unavailable')
    // Another user still has room.
    const alice = await signIn(b.origin, b.port, 'alice-token')
    const small = await fetch(`${b.origin}${APIRULES}`, {
      method: 'POST',
      headers: {
        origin: b.origin,
        'x-kyma-dashboard-csrf': '1',
        'content-type': 'application/json',
        cookie: alice,
      },
      body: '{}',
    })
    expect(small.status).toBe(201)
  })
})

describe('watch streams of a client that does not read', () => {
  it('stop reading the API server instead of buffering, and stay open', async () => {
    const server = await fake()
    const b = await tokenBff(server)
    const cookie = await signIn(b.origin, b.port, 'mallory-token')
    // A raw socket that reads the HELLO line, then nothing more.
    const socket = connect(b.port, '127.0.0.1')
    cleanups.push(() => socket.destroy())
    socket.write(
      `GET /api/watch-stream HTTP/1.1\r\nHost: 127.0.0.1:${b.port}\r\nCookie: ${cookie}\r\n\r\n`,
    )
    const id = await new Promise<string>((resolve) => {
      let text = ''
      const onData = (c: Buffer) => {
        text += c.toString('latin1')
        const m = /"streamId":"([A-Za-z0-9_-]{43})"/.exec(text)
        if (!m) return
        socket.off('data', onData)
        socket.pause()
        resolve(m[1] ?? '')
      }
      socket.on('data', onData)
    })
    const o = { origin: b.origin, port: b.port, cookie }
    for (let i = 0; i < 4; i++)
      expect(
        (
          await subscribe(
            o,
            id,
            `w${i}`,
            `${APIRULES.slice(8)}?watch=true&resourceVersion=flood${i}`,
          )
        ).status,
      ).toBe(202)
    await new Promise((r) => setTimeout(r, 1500))
    const settled = flooded
    await new Promise((r) => setTimeout(r, 1000))
    // Paused: the API server could write nothing more (its socket buffers are full) …
    expect(flooded - settled).toBeLessThan(256 * 1024)
    // (What it wrote before sits mostly in the kernel's socket buffers, not in the BFF.)
    expect(flooded).toBeLessThan(64 * MIB)
    // … and the stream and its watches are still there, waiting for the client.
    expect(socket.destroyed).toBe(false)
    expect(watches.size).toBe(4)
  })

  it('caps the watches of one user across streams; another user still gets theirs', async () => {
    const server = await fake()
    const b = await tokenBff(server)
    const mallory = await signIn(b.origin, b.port, 'mallory-token')
    const path = (i: number) =>
      `/apis/gateway.kyma-project.io/v2/namespaces/x${i}/apirules?watch=true`
    const statuses: number[] = []
    for (let s = 0; s < 2; s++) {
      const stream = await openStream(b.origin, mallory)
      cleanups.push(() => stream.close())
      const o = { origin: b.origin, port: b.port, cookie: mallory }
      for (let i = 0; i < 60; i++)
        statuses.push((await subscribe(o, stream.id, `w${i}`, path(i))).status)
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(100)
    expect(statuses.filter((s) => s === 429)).toHaveLength(20)
    const alice = await signIn(b.origin, b.port, 'alice-token')
    const stream = await openStream(b.origin, alice)
    cleanups.push(() => stream.close())
    const o = { origin: b.origin, port: b.port, cookie: alice }
    expect((await subscribe(o, stream.id, 'a', path(0))).status).toBe(202)
  }, 30_000)
})

describe('watch stream memory limits', () => {
  const res = () => new PassThrough() as unknown as ServerResponse
  const line = (n: number) => ({
    sub: 'x',
    event: { type: 'ADDED' as const, object: { pad: 'x'.repeat(n) } },
  })

  it('closes a stream that stays behind longer than allowed, freeing its watches', async () => {
    const streams = new WatchStreams({ pauseQueuedBytes: 1024, maxStalledMs: 200, heartbeatMs: 50 })
    const stream = streams.open(null, res())
    const abort = new AbortController()
    stream?.add('x', abort)
    stream?.send(line(4096))
    expect(stream?.congested).toBe(true)
    await new Promise((r) => setTimeout(r, 400))
    expect(stream?.closed).toBe(true)
    expect(abort.signal.aborted).toBe(true)
    expect(streams.queuedBytes).toBe(0)
  })

  it('closes the stream that is behind when all streams together hold the global budget', () => {
    const streams = new WatchStreams({
      pauseQueuedBytes: 8 * 1024,
      maxQueuedBytes: MIB,
      totalQueuedBytes: 100 * 1024,
    })
    const a = streams.open(null, res())
    const b = streams.open(null, res())
    a?.send(line(90 * 1024))
    expect(a?.closed).toBe(false)
    expect(streams.queuedBytes).toBeGreaterThan(90 * 1024)
    // B falls behind too: together over 100 KiB, so B (the one behind and pushing) is closed.
    b?.send(line(20 * 1024))
    expect(b?.closed).toBe(true)
    expect(a?.closed).toBe(false)
    // A client that keeps up (nothing queued) is not affected by the others.
    const c = streams.open(null, res())
    expect(c?.send({ type: 'PING' })).toBe(true)
    streams.closeAll()
    expect(streams.queuedBytes).toBe(0)
  })
})
