import { describe, expect, it } from 'vitest'
import { backoffDelay, BACKOFF_CAP_MS } from './backoff.ts'

describe('backoffDelay', () => {
  it('grows exponentially with jitter and is capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(500)
    expect(backoffDelay(0, () => 0.999)).toBeLessThanOrEqual(1000)
    expect(backoffDelay(3, () => 0)).toBe(4000)
    expect(backoffDelay(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_CAP_MS / 2)
  })
})
