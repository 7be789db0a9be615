// Assembles the BFF: request guards (Host, raw URL, CORS preflight, CSRF), security headers on every
// response, and the routes. `buildServer` is what main.ts starts and what tests listen on (port 0).
import { randomUUID } from 'node:crypto'
import type { AddressInfo, Socket } from 'node:net'
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify'
import type { DestinationStream } from 'pino'
import type { Config } from './config.ts'
import { createOwnUpstream, createUpstream } from './credentials/index.ts'
import { ClusterRevocations } from './sessions/revocations.ts'
import type { Upstream } from './credentials/upstream.ts'
import { authRoutes } from './auth-routes.ts'
import { clusterInfoRoutes } from './cluster-info.ts'
import { healthRoutes } from './health-routes.ts'
import { kubeStatus, sendStatus, DASHBOARD_REFUSAL } from './kube-status.ts'
import { proxyRoutes } from './proxy/proxy-route.ts'
import { checkRequestUrl } from './proxy/request-url.ts'
import { WatchRegistry } from './proxy/watch-registry.ts'
import { csrfRejection } from './security/csrf.ts'
import { CSRF_HEADER } from '../protocol/bff-http.ts'
import { securityHeaders } from './security/headers.ts'
import { defaultAllowedHosts, isAllowedHost, normaliseHosts } from './security/host-check.ts'
import { logSerializers, REDACT_PATHS, REDACTED } from './security/redact.ts'
import { registerStatic } from './static.ts'
import { watchMuxRoutes } from './watch-mux/routes.ts'
import { WatchStreams } from './watch-mux/streams.ts'
import {
  announcesBody,
  closeUnreadBody,
  createSessionGate,
  resolveSession,
} from './sessions/request-session.ts'
import { BodyBudgetError } from './proxy/body-budget.ts'
import { oidcRoutes } from './oidc/oidc-routes.ts'

export interface ServerDeps {
  /** Use this upstream instead of building one from the config (tests, fakes). */
  upstream?: Upstream
  /** Where JSON logs go (default stdout); tests capture them here. */
  logStream?: DestinationStream
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/
const HEADERS_TIMEOUT_MS = 10_000
const KEEP_ALIVE_MS = 72_000
/** Probes come from the kubelet with the pod IP as Host; these two answer any Host (no API access). */
const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz'])

export async function buildServer(config: Config, deps: ServerDeps = {}): Promise<FastifyInstance> {
  const upstream = deps.upstream ?? (await createUpstream(config))
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      serializers: logSerializers,
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    // Our own id unless the caller sent a sane one, so logs can be joined with the client's.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    // Bodies outside the proxy are tiny JSON (sign-in); the proxy sets its own limit.
    bodyLimit: 64 * 1024,
    // The client address (sign-in rate limit, logs) from X-Forwarded-For, as far as the configured
    // proxies in front are trusted; with none, the connection's address (X-Forwarded-For ignored).
    // (hop 0 is the connection's own address; each trusted hop adds one entry from the right.)
    trustProxy: (_address: string, hop: number) => hop < config.trustedProxyHops,
    // An idle kept-alive connection is held no longer than a whole request may take (Fastify's
    // default would be 72 s whatever --request-timeout says).
    keepAliveTimeout: Math.min(KEEP_ALIVE_MS, config.requestTimeoutMs),
    // Total time for a request to arrive (headers and body; a watch's response is not limited), and
    // for its headers alone. Node checks these every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(1000, config.requestTimeoutMs),
      // Node would answer a request without Host with its own bare 400; the Host check below
      // answers it instead, with a Status body and the security headers.
      requireHostHeader: false,
    },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Requests Node's HTTP parser rejects (control characters, bad framing) never reach a route;
    // they still get a Status body and the security headers.
    // Requests that ran out of time (requestTimeout, headersTimeout) get a 408 the same way.
    clientErrorHandler(error: Error & { code?: string }, socket) {
      if (!socket.writable) return socket.destroy()
      const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      const [code, text, why] = timedOut
        ? [408, 'Request Timeout', 'the request did not arrive in time']
        : [400, 'Bad Request', 'malformed HTTP request']
      const body = JSON.stringify(kubeStatus(code, `${DASHBOARD_REFUSAL}: ${why}`))
      const headers = Object.entries(securityHeaders('/', config.embedAllowedOrigins))
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')
      socket.end(
        `HTTP/1.1 ${code} ${text}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${headers}\r\n${body}`,
      )
    },
  })

  app.server.maxConnections = config.maxConnections
  limitConnectionsPerClient(app, config.maxConnectionsPerClient)
  const perUser = upstream.authMode === 'token' || upstream.authMode === 'oidc'
  const warn = (message: string) => app.log.warn(message)
  // Sign-outs every replica knows, and every restart: read before the first request is served.
  const revocations =
    perUser && config.revocationStore !== null
      ? new ClusterRevocations(await createOwnUpstream(config), config.revocationStore, warn)
      : undefined
  await revocations?.start()
  const sessions = perUser ? createSessionGate(config, warn, revocations) : null
  // openid-client and its dependencies (≈ 20 MB of RSS) are loaded in oidc mode only.
  const oidc =
    upstream.authMode === 'oidc' && sessions !== null
      ? (await import('./oidc/oidc-mode.ts')).createOidc(config, sessions)
      : null

  const watches = new WatchRegistry()
  let allowedHosts: ReadonlySet<string> | null = null
  // With --port 0 the port is known only once listening, so the default host list is built lazily.
  const hosts = () => {
    if (allowedHosts) return allowedHosts
    const address = app.server.address() as AddressInfo | null
    const list = config.allowedHosts ?? defaultAllowedHosts(address?.port ?? config.port)
    if (address) allowedHosts = normaliseHosts(list)
    return normaliseHosts(list)
  }

  app.addHook('onRequest', async (request, reply) => {
    // RFC 9112: a request with more than one Host is a 400 (Node would use the first; a proxy in
    // front might route by another).
    if (countHeader(request.raw.rawHeaders, 'host') > 1)
      return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: more than one Host header`)
    const pathname = (request.raw.url ?? '/').split('?')[0] ?? '/'
    const probe = request.method === 'GET' && PROBE_PATHS.has(pathname)
    if (!probe && !isAllowedHost(request.headers.host, hosts())) {
      return sendStatus(
        reply,
        403,
        `${DASHBOARD_REFUSAL}: Host "${request.headers.host ?? ''}" is not an allowed host of this server`,
      )
    }
    const url = checkRequestUrl(request.raw.url ?? '')
    if (!url.ok) return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: ${url.reason}`)
    // Cross-origin requests are never approved: preflights fail, so no custom header can be added.
    if (request.method === 'OPTIONS') {
      return sendStatus(reply, 403, `${DASHBOARD_REFUSAL}: cross-origin requests are not allowed`)
    }
    const csrf = csrfRejection({
      method: request.method,
      host: request.headers.host,
      origin: request.headers.origin,
      csrfHeader: request.headers[CSRF_HEADER],
    })
    if (csrf !== null) return sendStatus(reply, 403, `${DASHBOARD_REFUSAL}: ${csrf}`)
    // Token mode: the session is checked here, before any body is read.
    if (sessions !== null) {
      const refusal =
        resolveSession(sessions, request, reply, pathname) ??
        (await oidc?.refresher.refreshIfDue(request, reply)) ??
        null
      if (refusal !== null) return sendStatus(reply, refusal.code, refusal.message)
    }
  })

  // A body that stops arriving is cut (the whole request is also bounded by requestTimeout).
  app.addHook('preParsing', async (request, _reply, payload) => {
    const { raw } = request
    if (raw.complete || !announcesBody(request.headers)) return payload
    raw.setTimeout(config.bodyStallTimeoutMs, () => {
      request.log.warn('request body stalled; closing the connection')
      raw.socket.destroy()
    })
    raw.once('end', () => raw.socket?.setTimeout(0))
    return payload
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const pathname = (request.raw.url ?? '/').split('?')[0] ?? '/'
    reply.headers(securityHeaders(pathname, config.embedAllowedOrigins))
    reply.header('x-request-id', request.id)
    // API answers are per user and may carry cluster data: no shared or stored copies, whatever
    // the API server said (its hashed OpenAPI documents come as `public, immutable`).
    if (pathname.startsWith('/api/')) reply.header('cache-control', 'no-store, private')
    for (const name of Object.keys(reply.getHeaders())) {
      if (name.toLowerCase().startsWith('access-control-')) reply.removeHeader(name)
    }
    return payload
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500
    if (code >= 500 && !(error instanceof BodyBudgetError))
      request.log.error({ err: error }, 'request failed')
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      closeUnreadBody(request, reply)
      return sendStatus(reply, 413, `${DASHBOARD_REFUSAL}: request body larger than the limit`)
    }
    if (error instanceof BodyBudgetError) {
      closeUnreadBody(request, reply)
      return sendStatus(reply.header('retry-after', '5'), code, error.message)
    }
    return sendStatus(
      reply,
      code,
      code >= 500 ? 'Internal error in the dashboard server' : error.message,
    )
  })

  app.addHook('preClose', async () => {
    watches.stopAll()
  })
  app.addHook('onClose', async () => {
    await upstream.close()
    await oidc?.client.close()
    await revocations?.close()
  })

  void app.register(healthRoutes, { upstream })
  void app.register(clusterInfoRoutes, { upstream })
  const watchStreams = new WatchStreams()
  if (oidc !== null && sessions !== null) {
    void app.register(oidcRoutes, {
      upstream,
      sessions,
      client: oidc.client,
      secureCookies: config.secureCookies,
      redirectUrl: config.oidcRedirectUrl,
      signInBurst: config.signInBurst,
      onSignOut: (session) => watchStreams.closeIdentity(session.id),
    })
  } else if (sessions !== null) {
    void app.register(authRoutes, {
      upstream,
      sessions,
      signInBurst: config.signInBurst,
      onSignOut: (session) => watchStreams.closeIdentity(session.id),
    })
  }
  void app.register(proxyRoutes, { upstream, upstreamTimeoutMs: config.upstreamTimeoutMs, watches })
  void app.register(watchMuxRoutes, {
    streams: watchStreams,
    upstream,
    upstreamTimeoutMs: config.upstreamTimeoutMs,
    watches,
  })
  void app.register(async (scope) => registerStatic(scope, config.staticDir))
  return app
}

function countHeader(rawHeaders: readonly string[], name: string): number {
  let count = 0
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === name) count++
  return count
}

/**
 * At most `limit` open connections per remote address: one client's idle or slow sockets cannot
 * take the whole --max-connections, and the kubelet's probes (another address) still get through.
 */
function limitConnectionsPerClient(app: FastifyInstance, limit: number): void {
  const open = new Map<string, number>()
  app.server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? ''
    const count = (open.get(address) ?? 0) + 1
    if (count > limit) {
      socket.destroy()
      return
    }
    open.set(address, count)
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1
      if (left <= 0) open.delete(address)
      else open.set(address, left)
    })
  })
}
