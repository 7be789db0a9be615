import { describe, expect, it } from 'vitest'
import { csrfRejection } from './csrf.ts'
import { defaultAllowedHosts, isAllowedHost, normaliseHosts } from './host-check.ts'

const good = {
  method: 'POST',
  host: '127.0.0.1:8080',
  origin: 'http://127.0.0.1:8080',
  csrfHeader: '1',
}

describe('csrfRejection', () => {
  it('lets safe methods through without checks', () => {
    expect(
      csrfRejection({
        method: 'GET',
        host: '127.0.0.1:8080',
        origin: undefined,
        csrfHeader: undefined,
      }),
    ).toBeNull()
  })

  it('accepts a same-origin write with the custom header', () => {
    expect(csrfRejection(good)).toBeNull()
    expect(csrfRejection({ ...good, method: 'DELETE' })).toBeNull()
  })

  it.each([
    [{ origin: undefined }, /missing Origin/],
    [{ origin: 'http://evil.example' }, /not the dashboard's own origin/],
    [{ origin: 'http://127.0.0.1:8081' }, /not the dashboard's own origin/],
    [{ origin: 'null' }, /not the dashboard's own origin/],
    [{ csrfHeader: undefined }, /x-kyma-dashboard-csrf/],
    [{ csrfHeader: '0' }, /x-kyma-dashboard-csrf/],
    [{ csrfHeader: ['1', '1'] }, /x-kyma-dashboard-csrf/],
  ])('refuses %j', (override, reason) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(csrfRejection({ ...good, method, ...override })).toMatch(reason)
    }
  })
})

describe('host check', () => {
  const allowed = normaliseHosts(defaultAllowedHosts(8080))
  it('accepts loopback names with the port', () => {
    for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080']) {
      expect(isAllowedHost(host, allowed)).toBe(true)
    }
  })
  it('refuses rebinding names, other ports and a missing Host', () => {
    for (const host of [
      'evil.example:8080',
      'evil.example',
      'localhost',
      '127.0.0.1:80',
      'localhost.evil.example:8080',
      undefined,
    ]) {
      expect(isAllowedHost(host, allowed)).toBe(false)
    }
  })
})
