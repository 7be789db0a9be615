import { describe, expect, it } from 'vitest'
import {
  clearedSessionCookie,
  isPlausibleToken,
  readSessionCookie,
  sessionCookie,
  sessionCookieName,
} from './session-cookie.ts'

describe('session cookie', () => {
  it('is __Host- prefixed when Secure, HttpOnly, SameSite=Strict, Path=/, with Max-Age', () => {
    expect(sessionCookieName(true)).toBe('__Host-kyma_dashboard_session')
    expect(sessionCookieName(false)).toBe('kyma_dashboard_session')
    expect(sessionCookie('n', 'v1.abc', false, 3600)).toBe(
      'n=v1.abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600',
    )
    expect(sessionCookie('n', 'v', true, 1)).toMatch(/; Secure$/)
    expect(clearedSessionCookie('n', false)).toContain('Max-Age=0')
  })

  it('reads its own cookie by exact name, and refuses two of them (cookie tossing)', () => {
    expect(readSessionCookie('other=1; s=v1.x; more=2', 's')).toEqual({
      kind: 'value',
      value: 'v1.x',
    })
    expect(readSessionCookie('S=v1.x; xs=1', 's')).toEqual({ kind: 'none' })
    expect(readSessionCookie(undefined, 's')).toEqual({ kind: 'none' })
    expect(readSessionCookie('s=v1.attacker; s=v1.victim', 's')).toEqual({ kind: 'duplicate' })
  })

  it('refuses values that cannot be bearer tokens', () => {
    for (const bad of ['', 'a b', 'a;b', 'a\r\nb', 'x'.repeat(20000), 42, null])
      expect(isPlausibleToken(bad)).toBe(false)
    expect(isPlausibleToken('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln+/=')).toBe(true)
  })
})
