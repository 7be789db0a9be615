// /api/k8s/<kubernetes path>: the streaming proxy. Every request is checked (raw URL, query,
// allowlist) before anything reaches the API server; response bodies flow through unbuffered and
// undecoded (Content-Encoding passes through), watches stay open as long as the client listens.
import { PassThrough } from 'node:stream'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Dispatcher } from 'undici'
import { requestAuth } from '../credentials/request-auth.ts'
import type { Upstream } from '../credentials/upstream.ts'
import { DASHBOARD_REFUSAL, sendStatus } from '../kube-status.ts'
import { callUpstream, upstreamFailure } from '../upstream-request.ts'
import { forwardedRequestHeaders, isForwardableBodyType, passedResponseHeaders } from './headers.ts'
import { checkProxyRequest, PROXY_PREFIX, type ProxyCheck } from './proxy-check.ts'
import { BodyBudget, readBody } from './body-budget.ts'
import { closeUnreadBody, ownerOf, sessionOf } from '../sessions/request-session.ts'
import type { WatchRegistry } from './watch-registry.ts'

/** The API server's own limit for request bodies. */
export const BODY_LIMIT_BYTES = 3 * 1024 * 1024

/**
 * Answers up to this size that announce their Content-Length (single objects, Status answers) are
 * read whole and sent in one write with their headers: streaming them cost a pipe, an end-of-stream
 * watcher and two or three socket writes per request, most of the BFF's own time on a single GET.
 * Larger or chunked bodies (lists, watches) stream through unbuffered.
 */
export const BUFFERED_ANSWER_BYTES = 64 * 1024

export interface ProxyOptions {
  upstream: Upstream
  upstreamTimeoutMs: number
  watches: WatchRegistry
  /** What the bodies being read may hold together (default: DEFAULT_BODY_BUDGET). */
  bodyBudget?: BodyBudget
}

/** The gate's verdict for each request, made in onRequest (before any body) and used by the handler. */
const checks = new WeakMap<FastifyRequest, Extract<ProxyCheck, { ok: true }>>()

export async function proxyRoutes(scope: FastifyInstance, options: ProxyOptions) {
  const budget = options.bodyBudget ?? new BodyBudget()
  // Bodies reach the API server byte for byte: no JSON parsing, just a size-limited buffer. Buffering
  // (at most 3 MiB, under the budget shared by all uploads) is what lets an oversized chunked body be
  // refused before any upstream call.
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', (request, payload, done) => {
    const length = request.headers['content-length']
    const announced = typeof length === 'string' && /^\d+$/.test(length) ? Number(length) : null
    const owner = ownerOf(sessionOf(request)) ?? 'server'
    readBody(payload, announced, BODY_LIMIT_BYTES, budget, owner).then(
      (body) => done(null, body),
      (error: Error) => done(error, undefined),
    )
  })
  scope.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${PROXY_PREFIX}/*`,
    exposeHeadRoute: false,
    // The path, query and verb are checked here, before a single byte of the body is read: a
    // refused upload is answered at once and its connection closed (the session was checked in
    // the global onRequest hook before this one).
    onRequest: async (request, reply) => {
      const check = checkProxyRequest(request.method, request.raw.url ?? '')
      if (check.ok) return void checks.set(request, check)
      closeUnreadBody(request, reply)
      return sendStatus(reply, check.code, `${DASHBOARD_REFUSAL}: ${check.reason}`)
    },
    handler: (request, reply) => proxy(request, reply, options),
  })
}

async function proxy(request: FastifyRequest, reply: FastifyReply, options: ProxyOptions) {
  const { upstream } = options
  const check = checks.get(request)
  if (check === undefined) throw new Error('proxy request reached the handler unchecked')
  const creds = await requestAuth(upstream, request, reply)
  if (creds === null) return reply
  const body = Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : null
  if (body !== null && !isForwardableBodyType(request.headers['content-type'])) {
    return sendStatus(
      reply,
      415,
      `${DASHBOARD_REFUSAL}: request bodies must be JSON or YAML (got Content-Type "${request.headers['content-type'] ?? ''}")`,
    )
  }

  const watch = check.verb === 'watch'
  const abort = new AbortController()
  // 'close' on the response before it finished: the client went away, and any upstream request
  // still running has no one to answer. (After a finished response there is nothing left to stop,
  // and an abort there would only build an AbortError per request.)
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) abort.abort()
  })
  let response: Dispatcher.ResponseData
  try {
    response = await callUpstream(upstream, creds.auth, {
      method: request.method as Dispatcher.HttpMethod,
      pathAndQuery: check.pathAndQuery,
      headers: forwardedRequestHeaders(request.headers),
      body,
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
  if (!watch) {
    // (Without a Content-Type Fastify would label a Buffer as octet-stream: stream those as they are.)
    if (!isSmall(response.headers['content-length']) || !response.headers['content-type'])
      return reply.send(response.body)
    let whole: ArrayBuffer
    try {
      whole = await response.body.arrayBuffer()
    } catch (error) {
      if (abort.signal.aborted) return reply
      request.log.info({ err: error }, 'answer from the API server broke')
      reply.raw.destroy()
      return reply
    }
    return reply.send(Buffer.from(whole))
  }
  return reply.send(watchStream(request, reply, response.body, abort, options.watches))
}

function isSmall(contentLength: string | string[] | undefined): boolean {
  if (typeof contentLength !== 'string' || !/^\d{1,9}$/.test(contentLength)) return false
  return Number(contentLength) <= BUFFERED_ANSWER_BYTES
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
