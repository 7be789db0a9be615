// A tiny stand-in API server for tests that need to control the upstream precisely (broken watches,
// hanging answers, recorded request headers), and an Upstream that points the BFF at it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from 'undici'
import type { Upstream } from '../credentials/upstream.ts'
import type { AuthMode, Config } from '../config.ts'
import { parseConfig } from '../config.ts'

export interface RecordedRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export interface FakeApiServer {
  url: string
  server: Server
  requests: RecordedRequest[]
  close(): Promise<void>
}

export type FakeHandler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => void

export async function startFakeApiServer(handler: FakeHandler): Promise<FakeApiServer> {
  const requests: RecordedRequest[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      handler(req, res, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

/** An Upstream with a fixed bearer token (or the session token in token mode) to `server`. */
export function fakeUpstream(
  server: string,
  authMode: AuthMode = 'kubeconfig',
  token = 'upstream-secret-token',
): Upstream {
  const dispatcher = new Agent({ keepAliveTimeout: 1000 })
  const upstream: Upstream = {
    authMode,
    server,
    context: authMode === 'kubeconfig' ? 'fake-context' : null,
    configuredUser: authMode === 'kubeconfig' ? 'fake-user' : null,
    async authFor(session) {
      if (authMode === 'token')
        return session === null
          ? null
          : { headers: { authorization: `Bearer ${session}` }, dispatcher }
      return { headers: { authorization: `Bearer ${token}` }, dispatcher }
    },
    async probeAuth() {
      const headers: Record<string, string> =
        authMode === 'token' ? {} : { authorization: `Bearer ${token}` }
      return { headers, dispatcher }
    },
    close: () => dispatcher.close(),
  }
  return upstream
}

/** Defaults suitable for tests: port 0, no SPA, quiet logs. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...parseConfig([], {}),
    port: 0,
    staticDir: '/nonexistent-spa',
    logLevel: 'silent',
    ...overrides,
  }
}
