// A token bucket per key (client address): `burst` attempts at once, one more each `refillMs`.
// The table is bounded; when full, the oldest entries are dropped (a new key starts full anyway).

const MAX_KEYS = 10_000

export class RateLimiter {
  readonly #burst: number
  readonly #refillMs: number
  readonly #now: () => number
  readonly #buckets = new Map<string, { tokens: number; at: number }>()

  constructor(burst: number, refillMs: number, now: () => number = Date.now) {
    this.#burst = burst
    this.#refillMs = refillMs
    this.#now = now
  }

  /** Takes one attempt for `key`: 0 when allowed, else the milliseconds until the next one. */
  take(key: string): number {
    const now = this.#now()
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now }
    const tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) / this.#refillMs)
    this.#buckets.delete(key)
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: now })
      return Math.ceil((1 - tokens) * this.#refillMs)
    }
    this.#buckets.set(key, { tokens: tokens - 1, at: now })
    if (this.#buckets.size > MAX_KEYS) {
      const oldest = this.#buckets.keys().next().value
      if (oldest !== undefined) this.#buckets.delete(oldest)
    }
    return 0
  }
}
