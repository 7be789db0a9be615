// Token mode: every request's session is resolved once, in the first request hook — before any
// body is read. Routes that talk to the API server refuse a request without a valid session there
// and then (401, and the connection is closed if a body was announced, so nothing more of it is
// read); other routes (/api/cluster, sign-out) just see no session.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import {
  clearedSessionCookie,
  readSessionCookie,
  sessionCookie,
  sessionCookieName,
} from '../security/session-cookie.ts'
import { SessionStore, type Session } from './session-store.ts'
import { loadSessionKey } from './session-key.ts'
import type { Revocations } from './revocations.ts'

export type SessionCheck =
  | { ok: true; session: Session; renewedCookie: string | null }
  | { ok: false; code: 400 | 401; message: string }

export class SessionGate {
  readonly store: SessionStore
  readonly cookieName: string
  readonly #secure: boolean

  constructor(store: SessionStore, secure: boolean) {
    this.store = store
    this.#secure = secure
    this.cookieName = sessionCookieName(secure)
  }

  check(cookieHeader: string | undefined): SessionCheck {
    const cookie = readSessionCookie(cookieHeader, this.cookieName)
    if (cookie.kind === 'none')
      return {
        ok: false,
        code: 401,
        message: 'Not signed in: sign in with a Kubernetes bearer token',
      }
    if (cookie.kind === 'duplicate') {
      return {
        ok: false,
        code: 400,
        message: `Two "${this.cookieName}" cookies were sent (one may have been planted by another site): clear this site's cookies and sign in again`,
      }
    }
    const found = this.store.lookup(cookie.value)
    if (!found.ok) {
      const why = {
        invalid: 'The session is not valid',
        expired: 'The session has expired',
        idle: 'The session ended after a time without use',
        revoked: 'The session was signed out',
      }[found.reason]
      return { ok: false, code: 401, message: `${why}: sign in again` }
    }
    return {
      ok: true,
      session: found.session,
      renewedCookie: found.renewed === null ? null : this.cookieFor(found.session, found.renewed),
    }
  }

  /** The Set-Cookie value carrying `sealed` for `session`. */
  cookieFor(session: Session, sealed: string): string {
    return sessionCookie(
      this.cookieName,
      sealed,
      this.#secure,
      this.store.remainingMs(session) / 1000,
    )
  }

  clearedCookie(): string {
    return clearedSessionCookie(this.cookieName, this.#secure)
  }
}

export function createSessionGate(
  config: Config,
  warn: (message: string) => void,
  revocations?: Revocations,
): SessionGate {
  const { key, generated } = loadSessionKey(config.sessionKeyFile)
  if (generated) {
    warn(
      'No --session-key-file: sessions are sealed with a random key made at start; they end when the process restarts and are valid only on this replica',
    )
  } else if (revocations === undefined) {
    warn(
      'No --revocation-store: a signed-out session is refused only by this process, and only until it restarts; other replicas (and this one after a restart) accept a copied cookie until it expires',
    )
  }
  const store = new SessionStore(
    key,
    { maxAgeMs: config.sessionMaxAgeMs, idleTimeoutMs: config.sessionIdleTimeoutMs },
    Date.now,
    revocations,
  )
  return new SessionGate(store, config.secureCookies)
}

const sessions = new WeakMap<FastifyRequest, Session>()
/** How long a refused connection may still deliver its answer before it is cut. */
const LINGER_MS = 1000

/** Replaces the request's session, e.g. after its credentials were refreshed (oidc mode). */
export function attachSession(request: FastifyRequest, session: Session): void {
  sessions.set(request, session)
}

/** The request's valid session (token mode), as resolved by the request hook; else null. */
export function sessionOf(request: FastifyRequest): Session | null {
  return sessions.get(request) ?? null
}

/** Paths whose requests reach the API server with the user's credentials: a session is required. */
export function needsSession(pathname: string): boolean {
  return (
    pathname.startsWith('/api/k8s/') ||
    pathname === '/api/watch-stream' ||
    pathname.startsWith('/api/watch-stream/')
  )
}

/** Whether a request says a body follows (Content-Length above 0, or chunked). */
export function announcesBody(headers: FastifyRequest['headers']): boolean {
  const length = headers['content-length']
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0')
}

/**
 * Resolves the session of `request` (any path), attaching it for sessionOf. Returns a refusal to
 * send for paths that need one, else null. A renewed cookie (fresh last-use time) is set on `reply`.
 */
export function resolveSession(
  gate: SessionGate,
  request: FastifyRequest,
  reply: FastifyReply,
  pathname: string,
): { code: 400 | 401; message: string } | null {
  const check = gate.check(request.headers.cookie)
  if (check.ok) {
    sessions.set(request, check.session)
    // Sign-in and sign-out set the cookie themselves.
    if (check.renewedCookie !== null && !pathname.startsWith('/api/auth/'))
      reply.header('set-cookie', check.renewedCookie)
    return null
  }
  if (!needsSession(pathname)) return null
  closeUnreadBody(request, reply)
  return { code: check.code, message: check.message }
}

/**
 * For a request refused before its body was read: the body is never read — the connection is
 * closed behind the answer instead of draining (or buffering) what the client still sends.
 */
export function closeUnreadBody(request: FastifyRequest, reply: FastifyReply): void {
  if (!announcesBody(request.headers) || request.raw.complete) return
  reply.header('connection', 'close')
  // Node would otherwise read the rest of the body to discard it, waiting on a client that
  // holds it back; once the answer is out, the connection ends (and is cut a second later).
  reply.raw.once('finish', () => {
    const socket = request.raw.socket
    socket.end()
    setTimeout(() => socket.destroy(), LINGER_MS).unref()
  })
}

/** Whom a request's resources count against: the user (token, oidc modes), else the server. */
export function ownerOf(session: Session | null): string | null {
  return session === null ? null : `user:${session.user ?? `session:${session.id}`}`
}
