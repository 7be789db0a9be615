// The multiplexed watch endpoints; the messages, paths and the meaning of each line are typed in
// protocol/watch-stream.ts, which the SPA's client imports too.
//
// `path` is a Kubernetes watch path with query (`/apis/…/apirules?watch=true&resourceVersion=…`). It
// passes exactly the checks of /api/k8s (see watch-path.ts) and the upstream watch runs with the
// credentials of the subscribing request, which must be the identity that opened the stream (token
// mode: the same session, checked before the request got here); another identity gets the same 404
// as an unknown stream. The POSTs go through the global CSRF guard (Origin + the CSRF header of
// protocol/bff-http.ts) like every POST. Refusals are Kubernetes Status answers; nothing is opened
// upstream for a refused subscription. Closing the stream (client gone, shutdown through the
// WatchRegistry, too much unread data) ends all its watches.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Upstream, UpstreamAuth } from '../credentials/upstream.ts'
import { DASHBOARD_REFUSAL, sendStatus } from '../kube-status.ts'
import type { WatchRegistry } from '../proxy/watch-registry.ts'
import { requestAuth } from '../credentials/request-auth.ts'
import { ownerOf } from '../sessions/request-session.ts'
import { WatchStreams, type WatchMuxLimits } from './streams.ts'
import { runSubscription } from './upstream-watch.ts'
import { checkWatchPath } from './watch-path.ts'
import {
  SUBSCRIPTION_ID,
  WATCH_STREAM_CONTENT_TYPE,
  WATCH_STREAM_PATH,
  type SubscribeRequest,
} from '../../protocol/watch-stream.ts'

export interface WatchMuxOptions {
  upstream: Upstream
  upstreamTimeoutMs: number
  watches: WatchRegistry
  limits?: Partial<WatchMuxLimits>
  /** The registry of open streams; pass one to act on them from elsewhere (sign-out). */
  streams?: WatchStreams
}

interface StreamParams {
  streamId: string
}

/** A SubscribeRequest (or UnsubscribeRequest) as it may arrive: every field unchecked. */
type SubscribeBody = { [K in keyof SubscribeRequest]?: unknown }

function success(reply: FastifyReply, code: number, message: string) {
  return reply
    .code(code)
    .header('cache-control', 'no-store')
    .send({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message, code })
}

export async function watchMuxRoutes(scope: FastifyInstance, options: WatchMuxOptions) {
  const { upstream } = options
  const streams = options.streams ?? new WatchStreams(options.limits)
  const untrack = options.watches.add(() => streams.closeAll())
  scope.addHook('onClose', async () => {
    untrack()
    streams.closeAll()
  })

  /** The request's credentials and identity, or null once a refusal has been sent. */
  async function credentials(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ auth: UpstreamAuth; identity: string | null; owner: string | null } | null> {
    const creds = await requestAuth(upstream, request, reply)
    if (creds === null) return null
    // Token mode: streams are bound to the session, and counted against the user it belongs to
    // (the name the API server reported at sign-in), however many sessions that user has.
    const { session } = creds
    return {
      auth: creds.auth,
      identity: session?.id ?? null,
      owner: ownerOf(session),
    }
  }

  const notFound = (reply: FastifyReply) =>
    sendStatus(reply, 404, 'Unknown or closed watch stream: open a new one')

  // No automatic HEAD route: a HEAD must not open a stream.
  scope.get(WATCH_STREAM_PATH, { exposeHeadRoute: false }, async (request, reply) => {
    const creds = await credentials(request, reply)
    if (creds === null) return reply
    if (streams.ownerIsFull(creds.owner)) {
      return sendStatus(
        reply,
        429,
        `${DASHBOARD_REFUSAL}: at most ${streams.limits.maxStreamsPerOwner} watch streams per user`,
        'TooManyRequests',
      )
    }
    const stream = streams.open(creds.identity, reply.raw, creds.owner)
    if (stream === null)
      return sendStatus(reply, 503, 'Too many watch streams are open on the dashboard server')
    stream.send({ type: 'HELLO', streamId: stream.id })
    reply
      .code(200)
      .header('content-type', `${WATCH_STREAM_CONTENT_TYPE}; charset=utf-8`)
      .header('cache-control', 'no-store')
      // Proxies in front must pass each line on at once.
      .header('x-accel-buffering', 'no')
    return reply.send(stream.out)
  })

  scope.post<{ Params: StreamParams; Body: SubscribeBody }>(
    `${WATCH_STREAM_PATH}/:streamId/subscribe`,
    { bodyLimit: 16 * 1024 },
    async (request, reply) => {
      const body = typeof request.body === 'object' && request.body !== null ? request.body : {}
      const { id } = body
      if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id))
        return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: expected a subscription "id"`)
      const check = checkWatchPath(body.path)
      if (!check.ok) return sendStatus(reply, check.code, `${DASHBOARD_REFUSAL}: ${check.reason}`)
      const creds = await credentials(request, reply)
      if (creds === null) return reply
      const stream = streams.find(request.params.streamId, creds.identity)
      if (!stream) return notFound(reply)
      const abort = new AbortController()
      switch (stream.add(id, abort)) {
        case 'duplicate':
          return sendStatus(
            reply,
            409,
            `${DASHBOARD_REFUSAL}: subscription "${id}" already exists`,
            'AlreadyExists',
          )
        case 'stream-full':
          return sendStatus(
            reply,
            429,
            `${DASHBOARD_REFUSAL}: at most ${streams.limits.maxSubscriptionsPerStream} watches per stream`,
            'TooManyRequests',
          )
        case 'owner-full':
          return sendStatus(
            reply,
            429,
            `${DASHBOARD_REFUSAL}: at most ${streams.limits.maxSubscriptionsPerOwner} watches per user`,
            'TooManyRequests',
          )
        case 'server-full':
          return sendStatus(
            reply,
            503,
            'Too many watches are open on the dashboard server',
            'ServiceUnavailable',
          )
        case 'ok':
          break
      }
      void runSubscription({
        stream,
        sub: id,
        pathAndQuery: check.pathAndQuery,
        upstream,
        auth: creds.auth,
        abort,
        headersTimeoutMs: options.upstreamTimeoutMs,
        log: request.log,
      }).catch((error: unknown) => {
        request.log.error({ err: error }, 'watch subscription failed')
        stream.remove(id)
      })
      return success(reply, 202, `subscribed ${id}`)
    },
  )

  scope.post<{ Params: StreamParams; Body: SubscribeBody }>(
    `${WATCH_STREAM_PATH}/:streamId/unsubscribe`,
    { bodyLimit: 16 * 1024 },
    async (request, reply) => {
      const body = typeof request.body === 'object' && request.body !== null ? request.body : {}
      const { id } = body
      if (typeof id !== 'string' || !SUBSCRIPTION_ID.test(id))
        return sendStatus(reply, 400, `${DASHBOARD_REFUSAL}: expected a subscription "id"`)
      const creds = await credentials(request, reply)
      if (creds === null) return reply
      const stream = streams.find(request.params.streamId, creds.identity)
      if (!stream) return notFound(reply)
      // Idempotent: a subscription that already ended (its watch closed) is as good as removed. A
      // 404 here was console noise on every navigation that raced such an end (issue 26).
      if (!stream.remove(id)) return success(reply, 200, `not subscribed ${id} (already ended)`)
      return success(reply, 200, `unsubscribed ${id}`)
    },
  )
}
