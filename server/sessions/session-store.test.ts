import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { seal, unseal } from './seal.ts'
import { loadSessionKey } from './session-key.ts'
import { SessionStore } from './session-store.ts'

const key = randomBytes(32)
const bearer = (token: string) => ({ kind: 'bearer' as const, token })

describe('seal', () => {
  it('round-trips, and refuses another key, another purpose or any changed byte', () => {
    const sealed = seal(key, 'p', { a: 1 })
    expect(unseal(key, 'p', sealed)).toEqual({ a: 1 })
    expect(unseal(randomBytes(32), 'p', sealed)).toBeNull()
    expect(unseal(key, 'q', sealed)).toBeNull()
    for (let at = 3; at < sealed.length; at += 7) {
      const changed = sealed.slice(0, at) + (sealed[at] === 'A' ? 'B' : 'A') + sealed.slice(at + 1)
      expect(unseal(key, 'p', changed)).toBeNull()
    }
    expect(unseal(key, 'p', 'v1.')).toBeNull()
    expect(unseal(key, 'p', 'not-sealed')).toBeNull()
  })
})

describe('SessionStore', () => {
  it('keeps the token out of the sealed value and gives the session back', () => {
    const store = new SessionStore(key, { maxAgeMs: 10_000, idleTimeoutMs: 5_000 })
    const { session, sealed } = store.create(bearer('very-secret-token'), 'alice')
    expect(sealed).not.toContain('very-secret-token')
    expect(store.lookup(sealed)).toMatchObject({
      ok: true,
      session: { id: session.id, user: 'alice' },
    })
  })

  it('ends sessions after the idle time and the max age, renewing those in use', () => {
    let now = 0
    const store = new SessionStore(key, { maxAgeMs: 10_000, idleTimeoutMs: 4_000 }, () => now)
    const { sealed } = store.create(bearer('t'), null)
    now = 3_000
    const used = store.lookup(sealed)
    if (!used.ok || used.renewed === null) throw new Error('expected a renewed session')
    now = 5_000
    expect(store.lookup(sealed)).toEqual({ ok: false, reason: 'idle' })
    expect(store.lookup(used.renewed).ok).toBe(true)
    now = 10_000
    expect(store.lookup(used.renewed)).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses a revoked session', async () => {
    const store = new SessionStore(key, { maxAgeMs: 1_000, idleTimeoutMs: 1_000 })
    const { session, sealed } = store.create(bearer('t'), null)
    await store.revoke(session)
    expect(store.lookup(sealed)).toEqual({ ok: false, reason: 'revoked' })
    expect(store.create(bearer('t'), null).session.id).not.toBe(session.id)
  })
})

describe('loadSessionKey', () => {
  it('makes a random key without a file, reads base64 keys, refuses bad ones clearly', () => {
    expect(loadSessionKey(null).generated).toBe(true)
    const dir = mkdtempSync(path.join(tmpdir(), 'session-key-'))
    try {
      const file = path.join(dir, 'key')
      writeFileSync(file, `${key.toString('base64')}\n`)
      expect(loadSessionKey(file)).toEqual({ key, generated: false })
      writeFileSync(file, 'short')
      expect(() => loadSessionKey(file)).toThrow(/32 random bytes/)
      expect(() => loadSessionKey(path.join(dir, 'missing'))).toThrow(/ENOENT.*openssl rand/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
