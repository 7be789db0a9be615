import { describe, expect, it } from 'vitest'
import {
  clearedSessionCookie,
  isPlausibleToken,
  readSessionToken,
  sessionCookie,
} from './session-cookie.ts'

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and Secure on request', () => {
    expect(sessionCookie('abc.def', false)).toBe(
      'kyma_dashboard_token=abc.def; Path=/; HttpOnly; SameSite=Strict',
    )
    expect(sessionCookie('abc', true)).toContain('; Secure')
    expect(clearedSessionCookie(false)).toContain('Max-Age=0')
  })

  it('round-trips tokens through the Cookie header', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln+/='
    const cookie = sessionCookie(token, false).split(';')[0]
    expect(readSessionToken(`other=1; ${cookie}; more=2`)).toBe(token)
    expect(readSessionToken('other=1')).toBeNull()
    expect(readSessionToken(undefined)).toBeNull()
    expect(readSessionToken('kyma_dashboard_token=%E0%A4%A')).toBeNull()
  })

  it('refuses values that cannot be bearer tokens', () => {
    for (const bad of ['', 'a b', 'a;b', 'a\r\nb', 'x'.repeat(20000), 42, null])
      expect(isPlausibleToken(bad)).toBe(false)
  })
})
