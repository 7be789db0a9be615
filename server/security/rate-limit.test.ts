import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limit.ts'

describe('RateLimiter', () => {
  it('allows a burst, then one attempt per refill interval, per key', () => {
    let now = 0
    const limiter = new RateLimiter(3, 1000, () => now)
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0])
    expect(limiter.take('a')).toBe(1000)
    expect(limiter.take('b')).toBe(0)
    now = 500
    expect(limiter.take('a')).toBe(500)
    now = 1000
    expect(limiter.take('a')).toBe(0)
    expect(limiter.take('a')).toBeGreaterThan(0)
  })
})
