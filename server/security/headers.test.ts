import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, securityHeaders } from './headers.ts'

const FULL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

describe('security headers', () => {
  it('sends the strict CSP everywhere outside /embed', () => {
    for (const path of [
      '/',
      '/apirules',
      '/api/k8s/api',
      '/assets/a.js',
      '/embedded',
      '/x/embed/y',
    ]) {
      expect(contentSecurityPolicy(path, ['https://portal.example'])).toBe(FULL_CSP)
      expect(securityHeaders(path, ['https://portal.example'])['x-frame-options']).toBe('DENY')
    }
  })

  it('lets configured origins frame /embed/* and drops X-Frame-Options there', () => {
    const origins = ['https://portal.example', 'https://other.example:8443']
    const headers = securityHeaders('/embed/apirules', origins)
    expect(headers['content-security-policy']).toBe(
      FULL_CSP.replace(
        "frame-ancestors 'none'",
        'frame-ancestors https://portal.example https://other.example:8443',
      ),
    )
    expect(headers['x-frame-options']).toBeUndefined()
  })

  it("keeps frame-ancestors 'none' on /embed/* when no origin is configured", () => {
    const headers = securityHeaders('/embed/apirules', [])
    expect(headers['content-security-policy']).toBe(FULL_CSP)
    expect(headers['x-frame-options']).toBe('DENY')
  })

  it('sends the other hardening headers', () => {
    expect(securityHeaders('/', [])).toMatchObject({
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
      'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    })
  })
})
