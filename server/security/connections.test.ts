// Low findings of security round 3 through the real BFF (fake API server): the client address
// behind trusted proxies, per-client connection limits, keep-alive bounded by the request timeout,
// and the refusal to serve sessions over plain http beyond loopback (cookie tossing).
import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startServerProcess } from '../../deploy/test/server-process.ts'
import { startBff, type RunningBff } from '../test/bff.ts'
import { fakeUpstream, startFakeApiServer } from '../test/fake-upstream.ts'
import { writeHeaders } from '../test/malicious-requests.ts'
import { rawHttp } from '../test/raw-http.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

async function bff(overrides: Parameters<typeof startBff>[0]): Promise<RunningBff> {
  const server = await startFakeApiServer((_req, res) => {
    // Every token is refused: each sign-in attempt is a failed one (and counts).
    res.writeHead(401, { 'content-type': 'application/json' })
    res.end('{"kind":"Status","code":401}')
  })
  cleanups.push(() => server.close())
  const b = await startBff(overrides, { upstream: fakeUpstream(server.url, 'token') })
  cleanups.push(() => b.close())
  return b
}

const login = (b: RunningBff, forwardedFor?: string) =>
  rawHttp(b.port, {
    method: 'POST',
    target: '/api/auth/login',
    headers: {
      ...writeHeaders(b.origin),
      ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}),
    },
    body: JSON.stringify({ token: 'guess' }),
  })

/** An idle socket from `localAddress`; resolves once connected, `closed` when the server ends it. */
function idleSocket(port: number, localAddress = '127.0.0.1') {
  return new Promise<{ socket: Socket; closed: Promise<number> }>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress })
    cleanups.push(() => socket.destroy())
    const start = Date.now()
    const closed = new Promise<number>((r) => socket.once('close', () => r(Date.now() - start)))
    socket.on('error', () => {})
    // Read (and drop) whatever comes, so that the server's close is seen.
    socket.resume()
    socket.once('connect', () => resolve({ socket, closed }))
    socket.once('error', reject)
  })
}

describe('the client address behind trusted proxies (sign-in rate limit)', () => {
  it('takes the client from X-Forwarded-For only as far as the configured hops', async () => {
    const behind = await bff({ signInBurst: 1, trustedProxyHops: 1 })
    // Two users behind the same proxy: each has their own allowance.
    expect((await login(behind, '203.0.113.7')).status).toBe(401)
    expect((await login(behind, '203.0.113.8')).status).toBe(401)
    expect((await login(behind, '203.0.113.7')).status).toBe(429)
    // A client cannot pick another address: with one trusted hop only the proxy's entry counts.
    expect((await login(behind, '198.51.100.1, 203.0.113.7')).status).toBe(429)
  })

  it('ignores a client-sent X-Forwarded-For without trusted proxies', async () => {
    const direct = await bff({ signInBurst: 1 })
    expect((await login(direct, '203.0.113.7')).status).toBe(401)
    expect((await login(direct, '203.0.113.8')).status).toBe(429)
  })
})

describe('connections', () => {
  it("one client's idle sockets cannot lock out others or /healthz", async () => {
    const b = await bff({ maxConnections: 20, maxConnectionsPerClient: 5 })
    const held = await Promise.all(Array.from({ length: 5 }, () => idleSocket(b.port)))
    // The sixth from the same address is closed at once …
    const sixth = await idleSocket(b.port)
    expect(await sixth.closed).toBeLessThan(1000)
    for (const h of held) expect(h.socket.destroyed).toBe(false)
    // … while another address (the kubelet's, another user's) is served.
    const other = await new Promise<string>((resolve, reject) => {
      const socket = connect({ port: b.port, host: '127.0.0.1', localAddress: '127.0.0.2' })
      cleanups.push(() => socket.destroy())
      let text = ''
      socket.on('data', (c: Buffer) => (text += c.toString()))
      socket.once('end', () => resolve(text))
      socket.once('error', reject)
      socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`)
    })
    expect(other).toMatch(/^HTTP\/1\.1 200/)
  })

  it('closes an idle kept-alive connection within the request timeout', async () => {
    const b = await bff({ requestTimeoutMs: 1000 })
    const { socket, closed } = await idleSocket(b.port)
    socket.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${b.port}\r\n\r\n`)
    expect(await closed).toBeLessThan(3000)
  })
})

describe('cookie tossing over plain http', () => {
  it('refuses to start token mode on a non-loopback address without --secure-cookies', async () => {
    await expect(
      startServerProcess(
        { AUTH_MODE: 'token', HOST: '0.0.0.0', PORT: '0', K8S_SERVER: 'https://127.0.0.1:1' },
        10_000,
      ),
    ).rejects.toThrow(/exited with 2[\s\S]*--secure-cookies[\s\S]*cookie tossing/)
  })
})
