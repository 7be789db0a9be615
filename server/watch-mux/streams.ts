// Watch streams: one long-lived NDJSON response per browser tab that carries the events of many
// Kubernetes watches, so a page with ten watches holds one HTTP/1.1 connection instead of ten.
//
// A stream is identified by a random id (256 bits, base64url) that only its own tab learns (the
// first line of the response), and it is bound to the identity that opened it: in token mode the
// session id; the other modes have one server-side identity. In token mode each user (the owner)
// may hold a limited number of streams, so one user cannot take the server's whole allowance. A lookup with another
// identity finds nothing, exactly like an unknown id, so ids cannot be probed.
//
// Memory: a client that does not read must not make the server buffer its events. Past
// `pauseQueuedBytes` waiting for it, the stream is congested and its subscriptions stop reading
// their upstream watches (the API server's TCP window fills; it ends such a watch itself, and the
// client resumes from its last resourceVersion). A stream congested for `maxStalledMs`, one holding
// more than `maxQueuedBytes`, or one that is behind while all streams together hold more than
// `totalQueuedBytes` is destroyed (the client reconnects and re-lists) rather than buffered. Each
// owner (token mode: user) may hold `maxSubscriptionsPerOwner` watches across all its streams. A
// PING line every `heartbeatMs` keeps idle connections alive and notices clients that went away.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { PassThrough } from 'node:stream'
import type { StreamMessage } from '../../protocol/watch-stream.ts'

export interface WatchMuxLimits {
  maxStreams: number
  /** Streams one owner (token mode: one user) may hold at once. */
  maxStreamsPerOwner: number
  maxSubscriptionsPerStream: number
  maxSubscriptions: number
  /** Watches one owner may hold across all its streams. */
  maxSubscriptionsPerOwner: number
  /** Bytes waiting for a client past which its subscriptions stop reading upstream. */
  pauseQueuedBytes: number
  /** Bytes waiting for a slow client before its stream is destroyed. */
  maxQueuedBytes: number
  /** Bytes all streams together may hold waiting for their clients. */
  totalQueuedBytes: number
  /** How long a stream may stay paused before it is destroyed (its watches freed). */
  maxStalledMs: number
  heartbeatMs: number
}

export const DEFAULT_LIMITS: WatchMuxLimits = {
  maxStreams: 1000,
  maxStreamsPerOwner: 32,
  maxSubscriptionsPerStream: 100,
  maxSubscriptions: 10_000,
  maxSubscriptionsPerOwner: 100,
  pauseQueuedBytes: 256 * 1024,
  maxQueuedBytes: 4 * 1024 * 1024,
  totalQueuedBytes: 64 * 1024 * 1024,
  maxStalledMs: 30_000,
  heartbeatMs: 30_000,
}

/** Stream ids as generated here; anything else cannot name a stream. */
export const STREAM_ID = /^[A-Za-z0-9_-]{43}$/

function sameIdentity(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export type AddResult = 'ok' | 'duplicate' | 'stream-full' | 'owner-full' | 'server-full'

export class WatchStream {
  readonly id = randomBytes(32).toString('base64url')
  readonly identity: string | null
  /** Whom the stream counts against (token mode: the user); null outside token mode. */
  readonly owner: string | null
  /**
   * The response body; the route sends it. Its readable side takes every line at once (no
   * high-water mark to hold a written chunk back), so the queued bytes are counted exactly once:
   * here, or in the response's socket buffer (queuedBytes).
   */
  readonly out = new PassThrough({ readableHighWaterMark: 2 ** 30 })
  readonly #res: ServerResponse
  readonly #owner: WatchStreams
  readonly #subscriptions = new Map<string, AbortController>()
  readonly #heartbeat: ReturnType<typeof setInterval>
  #closed = false
  /** The queued bytes last counted into the owner's total. */
  #counted = 0
  /** Since when the stream has been congested (epoch ms), or null. */
  #stalledSince: number | null = null
  #waiters: (() => void)[] = []

  constructor(
    owner: WatchStreams,
    identity: string | null,
    res: ServerResponse,
    streamOwner: string | null,
  ) {
    this.#owner = owner
    this.identity = identity
    this.owner = streamOwner
    this.#res = res
    this.#heartbeat = setInterval(() => this.#beat(), owner.limits.heartbeatMs)
    this.#heartbeat.unref()
    // The client went away (or the response finished): nothing left to deliver to.
    res.once('close', () => this.close())
    this.out.once('error', () => this.close())
    // The client read what was waiting: recount, and let paused subscriptions read on.
    res.on('drain', () => this.#recount())
    this.out.on('drain', () => this.#recount())
  }

  /** Bytes written for the client that it has not read yet. */
  get queuedBytes(): number {
    return this.out.writableLength + this.out.readableLength + this.#res.writableLength
  }

  /** Whether the subscriptions should stop reading upstream until the client catches up. */
  get congested(): boolean {
    return !this.#closed && this.queuedBytes > this.#owner.limits.pauseQueuedBytes
  }

  /** Resolves once the stream is no longer congested (or closed). */
  drained(): Promise<void> {
    if (!this.congested) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  #recount(): void {
    const queued = this.#closed ? 0 : this.queuedBytes
    this.#owner.queuedBytes += queued - this.#counted
    this.#counted = queued
    if (this.#closed || queued <= this.#owner.limits.pauseQueuedBytes) {
      this.#stalledSince = null
      const waiters = this.#waiters
      this.#waiters = []
      for (const wake of waiters) wake()
    } else this.#stalledSince ??= Date.now()
  }

  #beat(): void {
    const stalled = this.#stalledSince
    if (stalled !== null && Date.now() - stalled >= this.#owner.limits.maxStalledMs)
      return this.close('destroy')
    this.send({ type: 'PING' })
  }

  get closed(): boolean {
    return this.#closed
  }

  get subscriptionCount(): number {
    return this.#subscriptions.size
  }

  /** Queues one line for the client. False when the stream is closed (or has just been closed). */
  send(message: StreamMessage): boolean {
    if (this.#closed) return false
    this.out.write(`${JSON.stringify(message)}\n`)
    this.#recount()
    const { limits } = this.#owner
    const queued = this.#counted
    const overTotal =
      this.#owner.queuedBytes > limits.totalQueuedBytes && queued > limits.pauseQueuedBytes
    if (queued > limits.maxQueuedBytes || overTotal) {
      this.close('destroy')
      return false
    }
    return true
  }

  /** Registers a subscription; `abort` ends its upstream watch. */
  add(sub: string, abort: AbortController): AddResult {
    if (this.#closed) return 'duplicate'
    if (this.#subscriptions.has(sub)) return 'duplicate'
    if (this.#subscriptions.size >= this.#owner.limits.maxSubscriptionsPerStream)
      return 'stream-full'
    if (this.#owner.subscriptionCount >= this.#owner.limits.maxSubscriptions) return 'server-full'
    if (!this.#owner.countWatch(this.owner, 1)) return 'owner-full'
    this.#subscriptions.set(sub, abort)
    this.#owner.subscriptionCount++
    return 'ok'
  }

  has(sub: string): boolean {
    return this.#subscriptions.has(sub)
  }

  /** Forgets a subscription and aborts its upstream watch. False if it was not there. */
  remove(sub: string): boolean {
    const abort = this.#subscriptions.get(sub)
    if (!abort) return false
    this.#subscriptions.delete(sub)
    this.#owner.subscriptionCount--
    this.#owner.countWatch(this.owner, -1)
    abort.abort()
    return true
  }

  /**
   * Ends the stream and every upstream watch of it. 'end' finishes the response cleanly (shutdown);
   * 'destroy' cuts it (a client that does not read would never receive a clean end anyway).
   */
  close(how: 'end' | 'destroy' = 'end'): void {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#heartbeat)
    for (const sub of [...this.#subscriptions.keys()]) this.remove(sub)
    this.#owner.forget(this)
    if (how === 'destroy') {
      this.out.destroy()
      this.#res.destroy()
    } else {
      this.out.end()
    }
    this.#recount()
  }
}

export class WatchStreams {
  readonly limits: WatchMuxLimits
  readonly #streams = new Map<string, WatchStream>()
  readonly #watchesPerOwner = new Map<string, number>()
  subscriptionCount = 0
  /** Bytes all streams hold for their clients (as last counted by each stream). */
  queuedBytes = 0

  constructor(limits: Partial<WatchMuxLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  get size(): number {
    return this.#streams.size
  }

  /** Adds `delta` to the watches of `owner`; false (nothing added) past the per-owner cap. */
  countWatch(owner: string | null, delta: 1 | -1): boolean {
    if (owner === null) return true
    const count = (this.#watchesPerOwner.get(owner) ?? 0) + delta
    if (delta > 0 && count > this.limits.maxSubscriptionsPerOwner) return false
    if (count <= 0) this.#watchesPerOwner.delete(owner)
    else this.#watchesPerOwner.set(owner, count)
    return true
  }

  /** Whether `owner` already holds as many streams as one owner may. */
  ownerIsFull(owner: string | null): boolean {
    if (owner === null) return false
    let owned = 0
    for (const stream of this.#streams.values()) if (stream.owner === owner) owned++
    return owned >= this.limits.maxStreamsPerOwner
  }

  /** A new stream for the response `res`, or null when the server or `owner` holds too many. */
  open(
    identity: string | null,
    res: ServerResponse,
    owner: string | null = null,
  ): WatchStream | null {
    if (this.#streams.size >= this.limits.maxStreams || this.ownerIsFull(owner)) return null
    const stream = new WatchStream(this, identity, res, owner)
    this.#streams.set(stream.id, stream)
    return stream
  }

  /** The open stream `id`, if it belongs to `identity`. */
  find(id: string, identity: string | null): WatchStream | undefined {
    if (!STREAM_ID.test(id)) return undefined
    const stream = this.#streams.get(id)
    return stream && !stream.closed && sameIdentity(stream.identity, identity) ? stream : undefined
  }

  forget(stream: WatchStream): void {
    this.#streams.delete(stream.id)
  }

  closeAll(): void {
    for (const stream of [...this.#streams.values()]) stream.close()
  }

  /** Ends every stream opened by `identity` (on sign-out); returns how many were open. */
  closeIdentity(identity: string): number {
    const owned = [...this.#streams.values()].filter((s) => sameIdentity(s.identity, identity))
    for (const stream of owned) stream.close()
    return owned.length
  }
}
