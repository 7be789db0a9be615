// Token mode sign-in: the user's bearer token is checked against the API server once, then kept
// only inside a sealed session cookie (server/sessions/); the SPA never sees it again, and sign-out
// revokes the session on this replica. Registered only when --auth-mode=token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Upstream } from './credentials/upstream.ts'
import type { SelfSubjectAccessReview } from './kube-types.ts'
import { reviewSelf } from './cluster-info.ts'
import { sendStatus } from './kube-status.ts'
import { RateLimiter } from './security/rate-limit.ts'
import { isPlausibleToken } from './security/session-cookie.ts'
import { sessionOf, type SessionGate } from './sessions/request-session.ts'
import type { Session } from './sessions/session-store.ts'
import { upstreamFailure, upstreamJson } from './upstream-request.ts'

const LOGIN_TIMEOUT_MS = 10_000
const SIGN_IN_REFILL_MS = 1_000

export interface AuthRouteOptions {
  upstream: Upstream
  sessions: SessionGate
  /** Sign-in attempts per client address at once (then one per second). */
  signInBurst: number
  /** Called with the session being signed out, so its open watch streams can be ended. */
  onSignOut?: (session: Session) => void
}

interface LoginBody {
  token?: unknown
}

type Verdict = { ok: true; user: string | null } | { ok: false; code: number; message: string }

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  const { upstream, sessions } = options
  const limiter = new RateLimiter(options.signInBurst, SIGN_IN_REFILL_MS)

  const refuse = (request: FastifyRequest, reply: FastifyReply, code: number, message: string) => {
    // Failed sign-ins are logged as such (never the token), so guessing shows up in the logs.
    request.log.warn({ event: 'sign-in failed', client: request.ip, code }, message)
    return sendStatus(reply, code, message)
  }

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    { bodyLimit: 64 * 1024 },
    async (request, reply) => {
      const waitMs = limiter.take(request.ip)
      if (waitMs > 0) {
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)))
        return refuse(request, reply, 429, 'Too many sign-in attempts: try again in a moment')
      }
      const token =
        typeof request.body === 'object' && request.body !== null ? request.body.token : undefined
      if (!isPlausibleToken(token))
        return refuse(request, reply, 400, 'Expected a JSON body {"token": "<bearer token>"}')
      const verdict = await verify(token)
      if (!verdict.ok) return refuse(request, reply, verdict.code, verdict.message)
      const { session, sealed } = sessions.store.create({ kind: 'bearer', token }, verdict.user)
      request.log.info({ event: 'signed in', user: verdict.user }, 'signed in')
      return reply
        .header('set-cookie', sessions.cookieFor(session, sealed))
        .header('cache-control', 'no-store')
        .send({ user: verdict.user })
    },
  )

  app.post('/api/auth/logout', async (request, reply) => {
    const session = sessionOf(request)
    if (session !== null) {
      // A copy of the cookie is refused from now on; open watches would otherwise keep running.
      // Refused here at once; if the shared list cannot be written, other replicas would still
      // accept a copy: that is logged as an error (the browser's cookie is cleared either way).
      await sessions.store.revoke(session).catch((err: unknown) => {
        request.log.error({ err, event: 'revocation not stored' }, 'sign-out not stored')
      })
      options.onSignOut?.(session)
    }
    return reply
      .header('set-cookie', sessions.clearedCookie())
      .header('cache-control', 'no-store')
      .code(204)
      .send()
  })

  /** Whether the API server accepts `token`, and the user name it reports. */
  async function verify(token: string): Promise<Verdict> {
    const auth = await upstream.authFor(token)
    if (!auth) return { ok: false, code: 500, message: 'Token sign-in is not available' }
    const rejected: Verdict = {
      ok: false,
      code: 401,
      message: 'The Kubernetes API server rejected this token',
    }
    try {
      const review = await reviewSelf(upstream, auth)
      if (review.statusCode === 401) return rejected
      if (review.statusCode < 300) return { ok: true, user: review.username }
      // API servers before 1.28, or RBAC that forbids SelfSubjectReview: an access review also
      // proves the token authenticates (any authenticated user may create one).
      const access: SelfSubjectAccessReview = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            group: 'gateway.kyma-project.io',
            resource: 'apirules',
            verb: 'list',
          },
        },
      }
      const res = await upstreamJson(
        upstream,
        auth,
        'POST',
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        access,
        LOGIN_TIMEOUT_MS,
      )
      if (res.statusCode === 401) return rejected
      if (res.statusCode >= 300) {
        return {
          ok: false,
          code: 403,
          message: `Cannot verify this token: the API server answered ${res.statusCode} to a self review`,
        }
      }
      return { ok: true, user: null }
    } catch (error) {
      const failure = upstreamFailure(error, upstream.server)
      return { ok: false, code: failure.code, message: failure.message }
    }
  }
}
