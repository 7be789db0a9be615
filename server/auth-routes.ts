// Token mode sign-in: the user's bearer token is checked against the API server, then kept only in
// an HttpOnly cookie (the SPA never sees it again). Registered only when --auth-mode=token.
import type { FastifyInstance } from 'fastify'
import type { Upstream } from './credentials/upstream.ts'
import type { SelfSubjectAccessReview } from './kube-types.ts'
import { reviewSelf } from './cluster-info.ts'
import { sendStatus } from './kube-status.ts'
import {
  clearedSessionCookie,
  isPlausibleToken,
  readSessionToken,
  sessionCookie,
} from './security/session-cookie.ts'
import { upstreamFailure, upstreamJson } from './upstream-request.ts'

const LOGIN_TIMEOUT_MS = 10_000

export interface AuthRouteOptions {
  upstream: Upstream
  secureCookies: boolean
  /** Called with the session token being signed out, so its open watch streams can be ended. */
  onSignOut?: (token: string) => void
}

interface LoginBody {
  token?: unknown
}

export async function authRoutes(app: FastifyInstance, options: AuthRouteOptions) {
  const { upstream } = options

  app.post<{ Body: LoginBody }>(
    '/api/auth/login',
    { bodyLimit: 64 * 1024 },
    async (request, reply) => {
      const token =
        typeof request.body === 'object' && request.body !== null ? request.body.token : undefined
      if (!isPlausibleToken(token))
        return sendStatus(reply, 400, 'Expected a JSON body {"token": "<bearer token>"}')
      const auth = await upstream.authFor(token)
      if (!auth) return sendStatus(reply, 500, 'Token sign-in is not available')
      let username: string | null
      try {
        const review = await reviewSelf(upstream, auth)
        if (review.statusCode === 401)
          return sendStatus(reply, 401, 'The Kubernetes API server rejected this token')
        username = review.username
        // API servers before 1.28, or RBAC that forbids SelfSubjectReview: an access review also
        // proves the token authenticates (any authenticated user may create one).
        if (review.statusCode >= 300) {
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
          if (res.statusCode === 401)
            return sendStatus(reply, 401, 'The Kubernetes API server rejected this token')
          if (res.statusCode >= 300) {
            return sendStatus(
              reply,
              403,
              `Cannot verify this token: the API server answered ${res.statusCode} to a self review`,
            )
          }
        }
      } catch (error) {
        const failure = upstreamFailure(error, upstream.server)
        return sendStatus(reply, failure.code, failure.message)
      }
      return reply
        .header('set-cookie', sessionCookie(token, options.secureCookies))
        .header('cache-control', 'no-store')
        .send({ user: username })
    },
  )

  app.post('/api/auth/logout', async (request, reply) => {
    // Watches already open would otherwise keep running on the old token until the tab closes.
    const token = readSessionToken(request.headers.cookie)
    if (token !== null) options.onSignOut?.(token)
    return reply
      .header('set-cookie', clearedSessionCookie(options.secureCookies))
      .header('cache-control', 'no-store')
      .code(204)
      .send()
  })
}
