// oidc mode: a session's bearer is refreshed shortly before it expires, on the request that notices,
// and the re-sealed cookie goes back with that response. Requests of one session that arrive
// together share one refresh (providers rotate refresh tokens: a second use of the old one would be
// refused, and some providers then revoke the whole grant), and the result is kept for a short
// while for requests still carrying the old cookie.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { attachSession, sessionOf, type SessionGate } from '../sessions/request-session.ts'
import type { OidcCredentials, Session } from '../sessions/session-store.ts'
import type { OidcClient } from './oidc-client.ts'

/** Refresh when less than this remains, or a quarter of the token's life for short-lived tokens. */
const MARGIN_MS = 60_000
const REUSE_MS = 30_000

interface Refreshed {
  session: Session
  sealed: string
  at: number
}

export class OidcRefresher {
  readonly #client: OidcClient
  readonly #gate: SessionGate
  readonly #now: () => number
  readonly #pending = new Map<string, Promise<Refreshed>>()

  /** Sessions whose refresh result is still kept for reuse (tests). */
  get kept(): number {
    return this.#pending.size
  }

  constructor(client: OidcClient, gate: SessionGate, now: () => number = Date.now) {
    this.#client = client
    this.#gate = gate
    this.#now = now
  }

  #due(c: OidcCredentials): boolean {
    const life = c.expiresAt - c.obtainedAt
    const margin = Math.min(MARGIN_MS, Math.max(1000, life / 4))
    return c.expiresAt - this.#now() <= margin
  }

  /**
   * Refreshes the request's session when due. Returns a refusal when the session can no longer be
   * refreshed (the provider said no): the user must sign in again.
   */
  async refreshIfDue(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ code: 401; message: string } | null> {
    const session = sessionOf(request)
    if (session === null || session.credentials.kind !== 'oidc') return null
    const credentials = session.credentials
    if (!this.#due(credentials)) return null
    let refreshed: Refreshed
    try {
      refreshed = await this.#refreshOnce(session, credentials)
    } catch (err) {
      request.log.warn({ event: 'oidc refresh failed', err }, 'OIDC refresh failed')
      // Still valid for a moment: let this request through; the next one tries again.
      if (credentials.expiresAt > this.#now()) return null
      reply.header('set-cookie', this.#gate.clearedCookie())
      return {
        code: 401,
        message: 'The sign-in has expired and could not be renewed: sign in again',
      }
    }
    attachSession(request, refreshed.session)
    reply.header('set-cookie', this.#gate.cookieFor(refreshed.session, refreshed.sealed))
    return null
  }

  #refreshOnce(session: Session, credentials: OidcCredentials): Promise<Refreshed> {
    const key = session.id
    const existing = this.#pending.get(key)
    if (existing) return existing
    const started = (async () => {
      const tokens = await this.#client.refresh(credentials)
      const { session: fresh, sealed } = this.#gate.store.replaceCredentials(session, {
        kind: 'oidc',
        ...tokens,
      })
      return { session: fresh, sealed, at: this.#now() }
    })()
    this.#pending.set(key, started)
    // The refreshed tokens are kept only for the reuse window (parallel requests of the same
    // cookie get the same result), then dropped on a timer rather than on some later refresh.
    const forget = () => {
      if (this.#pending.get(key) === started) this.#pending.delete(key)
    }
    started.then(
      () => setTimeout(forget, REUSE_MS).unref(),
      () => forget(),
    )
    return started
  }
}
