// /healthz: the process is up (no upstream call, for liveness probes).
// /readyz: the API server is reachable (for readiness probes), with a short timeout.
// Both answer any Host header (the kubelet sends the pod IP), so they say nothing about the cluster:
// the details go to the log.
import type { FastifyInstance } from 'fastify'
import type { Upstream } from './credentials/upstream.ts'
import { sendStatus } from './kube-status.ts'
import { upstreamFailure, upstreamJson } from './upstream-request.ts'

const READY_TIMEOUT_MS = 2_000

export async function healthRoutes(app: FastifyInstance, options: { upstream: Upstream }) {
  const { upstream } = options
  app.get('/healthz', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  )

  app.get('/readyz', async (request, reply) => {
    try {
      // Token mode has no identity of its own and asks anonymously: the API server's /readyz is
      // public by default, and a 401/403 answer still proves it is reachable.
      const auth = await upstream.probeAuth()
      const res = await upstreamJson(upstream, auth, 'GET', '/readyz', undefined, READY_TIMEOUT_MS)
      if (res.statusCode >= 500) {
        request.log.warn(
          { upstream: upstream.server, status: res.statusCode },
          'API server not ready',
        )
        return sendStatus(
          reply,
          503,
          `The Kubernetes API server is not ready (HTTP ${res.statusCode})`,
        )
      }
      return reply.header('cache-control', 'no-store').send({ status: 'ok' })
    } catch (error) {
      const failure = upstreamFailure(error, upstream.server)
      request.log.warn({ upstream: upstream.server }, failure.message)
      return sendStatus(reply, 503, 'The Kubernetes API server cannot be reached')
    }
  })
}
