// The refresh rules of oidc mode, on a real session store with a stand-in for the provider (the
// provider itself is exercised by oidc.int.test.ts and the oidc e2e spec).
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { describe, expect, it, vi } from 'vitest'
import { attachSession, sessionOf, SessionGate } from '../sessions/request-session.ts'
import { SessionStore, type OidcCredentials } from '../sessions/session-store.ts'
import type { OidcClient, OidcTokens } from './oidc-client.ts'
import { OidcRefresher } from './oidc-refresh.ts'

function setup(lifetimeMs: number, refresh: (t: OidcTokens, now: number) => Promise<OidcTokens>) {
  let now = 1_000_000
  const clock = () => now
  const store = new SessionStore(
    randomBytes(32),
    { maxAgeMs: 3_600_000, idleTimeoutMs: 3_600_000 },
    clock,
  )
  const gate = new SessionGate(store, false)
  const client = { refresh: (t: OidcTokens) => refresh(t, now) } as unknown as OidcClient
  const refresher = new OidcRefresher(client, gate, clock)
  const credentials: OidcCredentials = {
    kind: 'oidc',
    bearer: 'token-1',
    idToken: 'id-1',
    refreshToken: 'refresh-1',
    obtainedAt: now,
    expiresAt: now + lifetimeMs,
  }
  const { session } = store.create(credentials, 'oidc:jane')
  /** One request carrying the session's (original) cookie through the refresh step. */
  async function request() {
    const req = { log: { warn: () => {} } } as unknown as FastifyRequest
    attachSession(req, session)
    const cookies: string[] = []
    const reply = {
      header: (_name: string, value: string) => cookies.push(value),
    } as unknown as FastifyReply
    const refusal = await refresher.refreshIfDue(req, reply)
    return { refusal, cookies, bearer: (sessionOf(req)?.credentials as OidcCredentials).bearer }
  }
  return { request, refresher, advance: (ms: number) => (now += ms) }
}

const renewed = (n: number, now: number): OidcTokens => ({
  bearer: `token-${n}`,
  idToken: `id-${n}`,
  refreshToken: `refresh-${n}`,
  obtainedAt: now,
  expiresAt: now + 600_000,
})

describe('OidcRefresher', () => {
  it('drops a kept refresh result when the reuse window ends, not at some later refresh', async () => {
    vi.useFakeTimers()
    try {
      const t = setup(600_000, async (_t, now) => renewed(2, now))
      t.advance(590_000)
      expect((await t.request()).bearer).toBe('token-2')
      expect(t.refresher.kept).toBe(1)
      await vi.advanceTimersByTimeAsync(30_001)
      expect(t.refresher.kept).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('leaves a fresh token alone and refreshes in its last minute, with a new cookie', async () => {
    let calls = 0
    const t = setup(600_000, async (_t, now) => renewed(++calls + 1, now))
    expect(await t.request()).toEqual({ refusal: null, cookies: [], bearer: 'token-1' })
    t.advance(539_000)
    expect((await t.request()).bearer).toBe('token-1')
    t.advance(2_000)
    const due = await t.request()
    expect(calls).toBe(1)
    expect(due.bearer).toBe('token-2')
    expect(due.cookies[0]).toMatch(/^kyma_dashboard_session=v1\./)
  })

  it('refreshes short-lived tokens in their last quarter', async () => {
    let calls = 0
    const t = setup(40_000, async (_t, now) => renewed(++calls + 1, now))
    t.advance(29_000)
    expect((await t.request()).bearer).toBe('token-1')
    t.advance(2_000)
    expect((await t.request()).bearer).toBe('token-2')
  })

  it('uses a refresh token once: requests arriving together share one refresh', async () => {
    const used: string[] = []
    const t = setup(600_000, async (tokens, now) => {
      used.push(tokens.refreshToken ?? '')
      await new Promise((r) => setTimeout(r, 20))
      return renewed(2, now)
    })
    t.advance(590_000)
    const all = await Promise.all([t.request(), t.request(), t.request()])
    expect(used).toEqual(['refresh-1'])
    expect(all.map((r) => r.bearer)).toEqual(['token-2', 'token-2', 'token-2'])
    // A request still carrying the old cookie shortly after gets the same result, no new refresh.
    t.advance(5_000)
    expect((await t.request()).bearer).toBe('token-2')
    expect(used).toEqual(['refresh-1'])
  })

  it('lets a still-valid token through when the provider refuses, and ends the session after', async () => {
    const t = setup(600_000, async () => {
      throw new Error('invalid_grant')
    })
    t.advance(590_000)
    expect((await t.request()).refusal).toBeNull()
    t.advance(20_000)
    const expired = await t.request()
    expect(expired.refusal).toMatchObject({ code: 401 })
    expect(expired.cookies[0]).toMatch(/Max-Age=0/)
  })
})
