// oidc mode sign-in: GET /api/auth/oidc/login redirects to the provider (code flow with PKCE, state
// and nonce kept in a short-lived sealed cookie), GET /api/auth/oidc/callback exchanges the code,
// checks that the API server accepts the token (SelfSubjectReview) and starts a sealed session;
// POST /api/auth/logout revokes it here and at the provider and returns the provider's sign-out URL.
// Every failure lands on the SPA's sign-in page with a message (`?signInError=`), never a token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { reviewSelf } from '../cluster-info.ts'
import type { Upstream } from '../credentials/upstream.ts'
import { sendStatus } from '../kube-status.ts'
import { RateLimiter } from '../security/rate-limit.ts'
import { readSessionCookie } from '../security/session-cookie.ts'
import { sessionOf, type SessionGate } from '../sessions/request-session.ts'
import type { Session } from '../sessions/session-store.ts'
import { upstreamFailure } from '../upstream-request.ts'
import type { OidcClient, PendingLogin } from './oidc-client.ts'

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback'
const FLOW_PURPOSE = 'oidc-login'
const FLOW_MAX_AGE_S = 600

export interface OidcRouteOptions {
  upstream: Upstream
  sessions: SessionGate
  client: OidcClient
  secureCookies: boolean
  /** The redirect URI registered at the provider; null: this server's origin + the callback path. */
  redirectUrl: string | null
  signInBurst: number
  onSignOut?: (session: Session) => void
}

/**
 * The flow cookie travels on the provider's redirect back (a cross-site navigation): SameSite=Lax.
 * Over TLS it is `__Host-` (Secure, Path=/, no Domain), so a sibling subdomain cannot plant its own
 * pending sign-in (login CSRF); `__Secure-` with a narrower Path would allow that.
 */
export function flowCookieName(secure: boolean) {
  return secure ? '__Host-kyma_dashboard_oidc' : 'kyma_dashboard_oidc'
}

function flowCookie(name: string, value: string, secure: boolean, maxAgeS: number) {
  return [
    `${name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeS}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ')
}

/** Only a path of this app: never another origin (`//evil`, `/\evil`, `https:`), never a loop. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])[\x21-\x7e]*$/.test(value)) return '/'
  return value.startsWith('/api/') ? '/' : value
}

/** openid-client puts the precise reason (e.g. a state mismatch) into the error's cause. */
function describe(err: unknown): string {
  const e = err as Error & { cause?: unknown; error_description?: string }
  const cause = e.cause instanceof Error ? e.cause.message : e.error_description
  return cause && cause !== e.message ? `${e.message} (${cause})` : e.message
}

function isPendingLogin(v: unknown): v is PendingLogin {
  if (typeof v !== 'object' || v === null) return false
  const p = v as Record<string, unknown>
  return ['state', 'nonce', 'codeVerifier', 'redirectUri', 'returnTo'].every(
    (k) => typeof p[k] === 'string',
  )
}

export async function oidcRoutes(app: FastifyInstance, options: OidcRouteOptions) {
  const { sessions, client, secureCookies } = options
  const cookieName = flowCookieName(secureCookies)
  const limiter = new RateLimiter(options.signInBurst, 1000)
  const origin = (request: FastifyRequest) =>
    `${secureCookies ? 'https' : 'http'}://${request.headers.host ?? ''}`

  const failed = (request: FastifyRequest, reply: FastifyReply, message: string) => {
    request.log.warn({ event: 'sign-in failed', client: request.ip }, message)
    return reply
      .header('set-cookie', flowCookie(cookieName, '', secureCookies, 0))
      .redirect(`/?signInError=${encodeURIComponent(message)}`, 303)
  }

  app.get<{ Querystring: { returnTo?: string } }>(
    '/api/auth/oidc/login',
    async (request, reply) => {
      const waitMs = limiter.take(request.ip)
      if (waitMs > 0) {
        reply.header('retry-after', String(Math.ceil(waitMs / 1000)))
        return sendStatus(reply, 429, 'Too many sign-in attempts: try again in a moment')
      }
      const redirectUri = options.redirectUrl ?? origin(request) + OIDC_CALLBACK_PATH
      let started
      try {
        started = await client.startLogin(redirectUri, safeReturnTo(request.query.returnTo))
      } catch (err) {
        return failed(request, reply, (err as Error).message)
      }
      const sealed = sessions.store.sealValue(FLOW_PURPOSE, started.pending)
      return reply
        .header('set-cookie', flowCookie(cookieName, sealed, secureCookies, FLOW_MAX_AGE_S))
        .redirect(started.url.toString(), 303)
    },
  )

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    const cookie = readSessionCookie(request.headers.cookie, cookieName)
    const pending =
      cookie.kind === 'value' ? sessions.store.unsealValue(FLOW_PURPOSE, cookie.value) : null
    if (!isPendingLogin(pending)) {
      return failed(
        request,
        reply,
        'This sign-in was not started here, or took too long: sign in again',
      )
    }
    const callbackUrl = new URL(pending.redirectUri)
    callbackUrl.search = new URL(request.url, 'http://callback.invalid').search
    let tokens
    try {
      tokens = await client.finishLogin(callbackUrl, pending)
    } catch (err) {
      return failed(request, reply, `The provider's answer was refused: ${describe(err)}`)
    }
    const auth = await options.upstream.authFor(tokens.bearer)
    if (!auth) return failed(request, reply, 'Sign-in is not available')
    let user: string | null
    try {
      const review = await reviewSelf(options.upstream, auth)
      if (review.statusCode === 401) {
        return failed(
          request,
          reply,
          'The Kubernetes API server does not accept tokens of this provider (check its OIDC/JWT authenticator)',
        )
      }
      user = review.username
    } catch (err) {
      return failed(request, reply, upstreamFailure(err, options.upstream.server).message)
    }
    const { session, sealed } = sessions.store.create({ kind: 'oidc', ...tokens }, user)
    request.log.info({ event: 'signed in', user, via: 'oidc' }, 'signed in')
    return reply
      .header('set-cookie', [
        flowCookie(cookieName, '', secureCookies, 0),
        sessions.cookieFor(session, sealed),
      ])
      .redirect(pending.returnTo, 303)
  })

  app.post('/api/auth/logout', async (request, reply) => {
    const session = sessionOf(request)
    let endSessionUrl: string | null = null
    if (session !== null) {
      // Refused here at once; if the shared list cannot be written, other replicas would still
      // accept a copy: that is logged as an error (the browser's cookie is cleared either way).
      await sessions.store.revoke(session).catch((err: unknown) => {
        request.log.error({ err, event: 'revocation not stored' }, 'sign-out not stored')
      })
      options.onSignOut?.(session)
      if (session.credentials.kind === 'oidc') {
        const credentials = session.credentials
        await client.revoke(credentials).catch((err: unknown) => {
          request.log.warn({ err }, 'could not revoke the refresh token at the provider')
        })
        endSessionUrl = await client.endSessionUrl(`${origin(request)}/`).catch(() => null)
      }
    }
    return reply
      .header('set-cookie', sessions.clearedCookie())
      .header('cache-control', 'no-store')
      .send({ endSessionUrl })
  })
}
