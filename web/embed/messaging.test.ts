import { describe, expect, it, vi } from 'vitest'
import {
  createMessenger,
  normalizeOrigin,
  resolveParentOrigin,
  type FrameEnvironment,
} from './messaging.ts'

const env = (over: Partial<FrameEnvironment> = {}): FrameEnvironment => ({
  search: '?parentOrigin=https://portal.example',
  referrer: '',
  ancestorOrigins: ['https://portal.example'],
  framed: true,
  ...over,
})

describe('normalizeOrigin', () => {
  it('accepts only bare http(s) origins', () => {
    expect(normalizeOrigin('https://portal.example')).toBe('https://portal.example')
    expect(normalizeOrigin('http://127.0.0.1:8282')).toBe('http://127.0.0.1:8282')
    expect(normalizeOrigin('https://portal.example/')).toBeUndefined()
    expect(normalizeOrigin('https://portal.example/path')).toBeUndefined()
    expect(normalizeOrigin('https://user@portal.example')).toBeUndefined()
    expect(normalizeOrigin('*')).toBeUndefined()
    expect(normalizeOrigin('null')).toBeUndefined()
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined()
    expect(normalizeOrigin('HTTPS://PORTAL.example')).toBeUndefined()
  })
})

describe('resolveParentOrigin', () => {
  it('trusts parentOrigin when it is the first ancestor origin', () => {
    expect(resolveParentOrigin(env())).toEqual({ ok: true, origin: 'https://portal.example' })
  })

  it('refuses a parentOrigin the browser does not confirm', () => {
    expect(resolveParentOrigin(env({ ancestorOrigins: ['https://evil.example'] })).ok).toBe(false)
    // A masked ancestor (parent with referrerpolicy=no-referrer) is not a match either.
    expect(resolveParentOrigin(env({ ancestorOrigins: ['null'] })).ok).toBe(false)
    // ancestorOrigins wins over a matching referrer.
    expect(
      resolveParentOrigin(
        env({ ancestorOrigins: ['https://evil.example'], referrer: 'https://portal.example/x' }),
      ).ok,
    ).toBe(false)
  })

  it('falls back to the referrer where ancestorOrigins is not available', () => {
    const noAncestors = { ancestorOrigins: undefined }
    expect(
      resolveParentOrigin(env({ ...noAncestors, referrer: 'https://portal.example/page?a=1' })),
    ).toEqual({ ok: true, origin: 'https://portal.example' })
    expect(
      resolveParentOrigin(env({ ...noAncestors, referrer: 'https://other.example/' })).ok,
    ).toBe(false)
    expect(resolveParentOrigin(env({ ...noAncestors, referrer: '' })).ok).toBe(false)
  })

  it('sends nothing when not framed or without a valid parentOrigin', () => {
    expect(resolveParentOrigin(env({ framed: false })).ok).toBe(false)
    expect(resolveParentOrigin(env({ search: '' })).ok).toBe(false)
    expect(resolveParentOrigin(env({ search: '?parentOrigin=*' })).ok).toBe(false)
  })
})

describe('createMessenger', () => {
  it('posts tagged messages to the verified origin only', () => {
    const postMessage = vi.fn()
    const m = createMessenger(env(), { postMessage })
    m.post({ type: 'apirule-created', namespace: 'demo', name: 'hello' })
    m.post({ type: 'resize', height: 420 })
    expect(postMessage).toHaveBeenNthCalledWith(
      1,
      {
        source: 'kyma-apirules-dashboard',
        type: 'apirule-created',
        namespace: 'demo',
        name: 'hello',
      },
      'https://portal.example',
    )
    expect(postMessage).toHaveBeenNthCalledWith(
      2,
      { source: 'kyma-apirules-dashboard', type: 'resize', height: 420 },
      'https://portal.example',
    )
  })

  it('is a no-op when the parent is not verified', () => {
    const postMessage = vi.fn()
    const m = createMessenger(env({ ancestorOrigins: ['https://evil.example'] }), { postMessage })
    m.post({ type: 'resize', height: 1 })
    expect(postMessage).not.toHaveBeenCalled()
    expect(m.origin).toBeUndefined()
    expect(m.reason).toMatch(/not the framing page/)
  })
})
