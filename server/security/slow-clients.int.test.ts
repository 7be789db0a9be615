// Clients that hold the BFF's memory or connections: bodies announced without a session, bodies
// that stall or trickle, headers that never end, too many connections. Real BFF, real API server.
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeClients } from '../../cluster/test/helpers.ts'
import { startBff, type RunningBff } from '../test/bff.ts'

const cluster = inject('cluster')
const APIRULES = '/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/default/apirules'

afterAll(() => closeClients())

interface Probe {
  socket: Socket
  /** Everything received so far. */
  received(): string
  /** Resolves with the ms since `start` when the server closed the connection. */
  closed: Promise<number>
}

function openSocket(port: number, head: string, start = performance.now()): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let data = ''
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')))
    const closed = new Promise<number>((done) => {
      socket.once('close', () => done(performance.now() - start))
    })
    socket.once('error', () => {})
    socket.once('connect', () => {
      socket.write(head)
      resolve({ socket, received: () => data, closed })
    })
    socket.once('error', reject)
  })
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms),
    ),
  ])

function postHead(port: number, origin: string, contentLength: number): string {
  const lines = [
    `POST ${APIRULES} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    `Origin: ${origin}`,
    'X-Kyma-Dashboard-Csrf: 1',
    'Content-Type: application/json',
    `Content-Length: ${contentLength}`,
  ]
  return `${lines.join('\r\n')}\r\n\r\n`
}

describe('token mode: authentication before the body', () => {
  let bff: RunningBff
  beforeAll(async () => {
    bff = await startBff({ authMode: 'token', server: cluster.server, caFile: cluster.caFile })
  })
  afterAll(() => bff.close())

  it('answers 60 sockets announcing 3 MiB - 1 without a session with 401 at once and closes them', async () => {
    const start = performance.now()
    const probes = await Promise.all(
      Array.from({ length: 60 }, () =>
        openSocket(bff.port, postHead(bff.port, bff.origin, 3 * 1024 * 1024 - 1), start),
      ),
    )
    // Some of the body, then nothing more: the client holds the rest back.
    for (const p of probes) p.socket.write(Buffer.alloc(16 * 1024, 0x20))
    const closedAfter = await within(Promise.all(probes.map((p) => p.closed)), 5000, 'closed')
    for (const p of probes) {
      expect(p.received()).toMatch(/^HTTP\/1\.1 401 /)
      expect(p.received()).toMatch(/\r\nconnection: close\r\n/i)
    }
    expect(Math.max(...closedAfter)).toBeLessThan(5000)
  })
})

describe('slow clients are cut', () => {
  let bff: RunningBff
  beforeAll(async () => {
    bff = await startBff({
      authMode: 'kubeconfig',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-admin',
      requestTimeoutMs: 2500,
      bodyStallTimeoutMs: 800,
      maxConnections: 40,
    })
  })
  afterAll(() => bff.close())

  it('cuts a body that stops arriving', async () => {
    const probe = await openSocket(bff.port, postHead(bff.port, bff.origin, 1000))
    probe.socket.write('{"apiVersion":')
    const after = await within(probe.closed, 5000, 'stalled body cut')
    expect(after).toBeGreaterThanOrEqual(700)
    expect(after).toBeLessThan(2400)
  })

  it('cuts a body that trickles in under the stall limit at the request timeout', async () => {
    const probe = await openSocket(bff.port, postHead(bff.port, bff.origin, 100_000))
    const drip = setInterval(() => probe.socket.writable && probe.socket.write(' '), 200)
    try {
      const after = await within(probe.closed, 8000, 'trickling body cut')
      expect(after).toBeGreaterThanOrEqual(2000)
      expect(probe.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(probe.received()).toMatch(/\r\ncontent-security-policy: /)
    } finally {
      clearInterval(drip)
    }
  })

  it('cuts headers that never end', async () => {
    const probe = await openSocket(
      bff.port,
      `GET /api/cluster HTTP/1.1\r\nHost: 127.0.0.1:${bff.port}\r\n`,
    )
    const drip = setInterval(() => probe.socket.writable && probe.socket.write('X-A: b\r\n'), 200)
    try {
      const after = await within(probe.closed, 8000, 'slow headers cut')
      expect(after).toBeLessThan(6000)
    } finally {
      clearInterval(drip)
    }
  })

  it('bounds the number of open connections', async () => {
    const idle = await Promise.all(Array.from({ length: 40 }, () => openSocket(bff.port, '')))
    try {
      await new Promise((r) => setTimeout(r, 200))
      const extra = await openSocket(bff.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`)
      const after = await within(extra.closed, 2000, 'connection over the limit closed')
      expect(extra.received()).toBe('')
      expect(after).toBeLessThan(2000)
    } finally {
      for (const p of idle) p.socket.destroy()
    }
  })
})
