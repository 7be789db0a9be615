// Token-mode sessions. The browser holds only an opaque sealed value (see seal.ts); what it stands
// for — the credentials, the user the API server named, the issue and last-use times — is readable
// only by a replica that has the session key. Signed-out sessions are kept on a revocation list
// (revocations.ts: this process, or a ConfigMap every replica reads) until they would have expired
// anyway, so a copied cookie is refused after sign-out.
//
// The credentials travel inside the sealed value rather than in a server-side table so that every
// replica sharing the key can serve every session without a shared database. A later sign-in mode
// (OIDC) adds its own credential kind to SessionCredentials and reuses the rest.
import { randomBytes } from 'node:crypto'
import { seal, unseal } from './seal.ts'
import { MemoryRevocations, type Revocations } from './revocations.ts'

export interface BearerCredentials {
  kind: 'bearer'
  token: string
}
/** oidc mode: the provider's tokens; `bearer` (ID or access token) is what the API server gets. */
export interface OidcCredentials {
  kind: 'oidc'
  bearer: string
  idToken: string | null
  refreshToken: string | null
  /** Epoch ms when `bearer` was obtained and when it expires (the BFF refreshes before). */
  obtainedAt: number
  expiresAt: number
}
export type SessionCredentials = BearerCredentials | OidcCredentials

/** The bearer token the API server gets for these credentials. */
export function bearerOf(credentials: SessionCredentials): string {
  return credentials.kind === 'bearer' ? credentials.token : credentials.bearer
}

function isCredentials(value: unknown): value is SessionCredentials {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  const optional = (v: unknown) => v === null || typeof v === 'string'
  if (c.kind === 'bearer') return typeof c.token === 'string'
  return (
    c.kind === 'oidc' &&
    typeof c.bearer === 'string' &&
    optional(c.idToken) &&
    optional(c.refreshToken) &&
    typeof c.obtainedAt === 'number' &&
    typeof c.expiresAt === 'number'
  )
}

export interface Session {
  /** Random id (128 bits): names the session for revocation and binds watch streams to it. */
  id: string
  /** The user name the API server reported at sign-in (SelfSubjectReview), if it did. */
  user: string | null
  credentials: SessionCredentials
  /** Epoch milliseconds. */
  issuedAt: number
  lastSeen: number
}

export interface SessionLimits {
  /** Absolute lifetime from sign-in. */
  maxAgeMs: number
  /** A session not used for this long is over. */
  idleTimeoutMs: number
}

export type SessionLookup =
  | {
      ok: true
      session: Session
      /** A re-sealed value with a fresh last-use time, to send back; null when not yet due. */
      renewed: string | null
    }
  | { ok: false; reason: 'invalid' | 'expired' | 'idle' | 'revoked' }

const PURPOSE = 'kyma-dashboard-session'

interface SealedSession {
  sid: string
  user: string | null
  cred: SessionCredentials
  iat: number
  seen: number
}

function isSealedSession(value: unknown): value is SealedSession {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return (
    typeof v.sid === 'string' &&
    (typeof v.user === 'string' || v.user === null) &&
    typeof v.iat === 'number' &&
    typeof v.seen === 'number' &&
    isCredentials(v.cred)
  )
}

export class SessionStore {
  readonly limits: SessionLimits
  readonly #key: Buffer
  readonly #now: () => number
  /** Signed-out session ids, until they would expire anyway. */
  readonly revocations: Revocations

  constructor(
    key: Buffer,
    limits: SessionLimits,
    now: () => number = Date.now,
    revocations: Revocations = new MemoryRevocations(now),
  ) {
    this.#key = key
    this.limits = limits
    this.#now = now
    this.revocations = revocations
  }

  /** A new session for credentials the API server has just accepted; returns its sealed value. */
  create(
    credentials: SessionCredentials,
    user: string | null,
  ): { session: Session; sealed: string } {
    const now = this.#now()
    const session: Session = {
      id: randomBytes(16).toString('base64url'),
      user,
      credentials,
      issuedAt: now,
      lastSeen: now,
    }
    return { session, sealed: this.#seal(session) }
  }

  lookup(sealed: string): SessionLookup {
    const payload = unseal(this.#key, PURPOSE, sealed)
    if (!isSealedSession(payload)) return { ok: false, reason: 'invalid' }
    const now = this.#now()
    if (this.revocations.has(payload.sid)) return { ok: false, reason: 'revoked' }
    if (now - payload.iat >= this.limits.maxAgeMs) return { ok: false, reason: 'expired' }
    if (now - payload.seen >= this.limits.idleTimeoutMs) return { ok: false, reason: 'idle' }
    const session: Session = {
      id: payload.sid,
      user: payload.user,
      credentials: payload.cred,
      issuedAt: payload.iat,
      lastSeen: payload.seen,
    }
    // Renewing on every request would set a cookie on every response; a tenth of the idle time
    // is precise enough.
    if (now - payload.seen < this.limits.idleTimeoutMs / 10)
      return { ok: true, session, renewed: null }
    const fresh = { ...session, lastSeen: now }
    return { ok: true, session: fresh, renewed: this.#seal(fresh) }
  }

  /** Seals a small value of another kind (e.g. a pending sign-in) with the session key. */
  sealValue(purpose: string, payload: unknown): string {
    return seal(this.#key, `${PURPOSE}:${purpose}`, payload)
  }

  /** The value sealed by sealValue for `purpose`, or null (forged, altered, other purpose). */
  unsealValue(purpose: string, sealed: string): unknown {
    return unseal(this.#key, `${PURPOSE}:${purpose}`, sealed)
  }

  /** The same session with new credentials (a refresh), sealed anew. */
  replaceCredentials(session: Session, credentials: SessionCredentials) {
    const fresh: Session = { ...session, credentials, lastSeen: this.#now() }
    return { session: fresh, sealed: this.#seal(fresh) }
  }

  /**
   * Ends a session: its sealed value is refused from now on (at once here; on other replicas once
   * the shared list is written). Rejects when the shared list cannot be written.
   */
  revoke(session: Session): Promise<void> {
    return this.revocations.add(session.id, session.issuedAt + this.limits.maxAgeMs)
  }

  /** Milliseconds until the session's absolute end (for the cookie's Max-Age). */
  remainingMs(session: Session): number {
    return Math.max(0, session.issuedAt + this.limits.maxAgeMs - this.#now())
  }

  #seal(session: Session): string {
    const payload: SealedSession = {
      sid: session.id,
      user: session.user,
      cred: session.credentials,
      iat: session.issuedAt,
      seen: session.lastSeen,
    }
    return seal(this.#key, PURPOSE, payload)
  }
}
