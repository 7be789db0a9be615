// /api/k8s/<kubernetes path>: the streaming proxy. Every request is checked (raw URL, query,
// allowlist) before anything reaches the API server; response bodies flow through unbuffered and
// undecoded (Content-Encoding passes through), watches stay open as long as the client listens.
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Dispatcher } from 'undici'
import type { Upstream } from '../credentials/upstream.ts'
import { DASHBOARD_REFUSAL, sendStatus } from '../kube-status.ts'
import { readSessionToken } from '../security/session-cookie.ts'
import { callUpstream, upstreamFailure } from '../upstream-request.ts'
import { authorize } from './allowlist.ts'
import { forwardedRequestHeaders, passedResponseHeaders } from './headers.ts'
import { parseKubePath } from './kube-path.ts'
import { checkKubeQuery, checkRequestUrl } from './request-url.ts'
import type { WatchRegistry } from './watch-registry.ts'

export const PROXY_PREFIX = '/api/k8s'
/** The API server's own limit for request bodies. */
export const BODY_LIMIT_BYTES = 3 * 1024 * 1024

export interface ProxyOptions {
  upstream: Upstream
  upstreamTimeoutMs: number
  watches: WatchRegistry
}

export async function proxyRoutes(scope: FastifyInstance, options: ProxyOptions) {
  // Bodies reach the API server byte for byte: no JSON parsing, just a size-limited buffer. Buffering
  // (at most 3 MiB) is what lets an oversized chunked body be refused before any upstream call.
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: BODY_LIMIT_BYTES },
    (_req, body, done) => {
      done(null, body)
    },
  )
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${PROXY_PREFIX}/*`,
    exposeHeadRoute: false,
    bodyLimit: BODY_LIMIT_BYTES,
    handler: (request, reply) => proxy(request, reply, options),
  })
}

async function proxy(request: FastifyRequest, reply: FastifyReply, options: ProxyOptions) {
  const { upstream } = options
  const url = checkRequestUrl(request.raw.url ?? '')
  if (!url.ok) return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: ${url.reason}`)
  const queryCheck = checkKubeQuery(url.query)
  if (!queryCheck.ok) return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: ${queryCheck.reason}`)
  const kubePath = parseKubePath(url.path.slice(PROXY_PREFIX.length))
  if (kubePath === null)
    return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: malformed Kubernetes API path`)
  const decision = authorize(request.method, kubePath, new URLSearchParams(url.query))
  if (!decision.allowed) return sendStatus(reply, 403, `${DASHBOARD_REFUSAL}: ${decision.reason}`)

  let auth
  try {
    auth = await upstream.authFor(readSessionToken(request.headers.cookie))
  } catch (error) {
    request.log.error({ err: error }, 'cannot obtain upstream credentials')
    return sendStatus(
      reply,
      500,
      `Cannot obtain credentials for ${upstream.server}: ${(error as Error).message}`,
    )
  }
  if (auth === null)
    return sendStatus(reply, 401, 'Not signed in: sign in with a Kubernetes bearer token')

  const watch = decision.verb === 'watch'
  const abort = new AbortController()
  // 'close' on the response fires when it is finished or when the client goes away; either way any
  // upstream request still running has no one to answer.
  reply.raw.once('close', () => abort.abort())
  const pathAndQuery =
    url.path.slice(PROXY_PREFIX.length) + (url.query === '' ? '' : `?${url.query}`)
  let response: Dispatcher.ResponseData
  try {
    response = await callUpstream(upstream, auth, {
      method: request.method as Dispatcher.HttpMethod,
      pathAndQuery,
      headers: forwardedRequestHeaders(request.headers),
      body: Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : null,
      signal: abort.signal,
      headersTimeoutMs: options.upstreamTimeoutMs,
      // A watch may be silent for minutes; other bodies must keep moving.
      bodyTimeoutMs: watch ? 0 : options.upstreamTimeoutMs,
    })
  } catch (error) {
    if (abort.signal.aborted) return reply
    const failure = upstreamFailure(error, upstream.server)
    request.log.warn({ err: error, upstream: upstream.server }, 'upstream request failed')
    return sendStatus(reply, failure.code, failure.message)
  }

  reply.code(response.statusCode).headers(passedResponseHeaders(response.headers))
  if (!watch) return reply.send(response.body)
  return reply.send(watchStream(request, reply, response.body, abort, options.watches))
}

/**
 * Wraps an upstream watch body so that it always ends cleanly: when the API server goes away
 * mid-stream or the BFF shuts down, the browser sees the end of the stream and can resume from its
 * last resourceVersion, rather than a hung or reset connection.
 */
function watchStream(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Dispatcher.ResponseData['body'],
  abort: AbortController,
  watches: WatchRegistry,
): PassThrough {
  const out = new PassThrough()
  const finish = () => {
    untrack()
    body.unpipe(out)
    out.end()
    abort.abort()
  }
  const untrack = watches.add(finish)
  body.on('error', (error) => {
    if (!abort.signal.aborted)
      request.log.info({ err: error }, 'watch stream from the API server broke')
    finish()
  })
  body.once('end', untrack)
  out.once('close', untrack)
  // The API server sends watch headers at once; pass them on at once too, not with the first event.
  reply.raw.once('pipe', () => reply.raw.flushHeaders())
  body.pipe(out)
  return out
}
