// Watch streams: one long-lived NDJSON response per browser tab that carries the events of many
// Kubernetes watches, so a page with ten watches holds one HTTP/1.1 connection instead of ten.
//
// A stream is identified by a random id (256 bits, base64url) that only its own tab learns (the
// first line of the response), and it is bound to the identity that opened it: in token mode the
// session id; the other modes have one server-side identity. In token mode each user (the owner)
// may hold a limited number of streams, so one user cannot take the server's whole allowance. A lookup with another
// identity finds nothing, exactly like an unknown id, so ids cannot be probed.
//
// Limits: subscriptions per stream and in total, streams in total, and the bytes queued for a client
// that does not read: past that the stream is destroyed (the client reconnects and re-lists) rather
// than buffered without bound. A PING line every `heartbeatMs` keeps idle connections alive and
// notices clients that went away.
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
  /** Bytes waiting for a slow client before its stream is destroyed. */
  maxQueuedBytes: number
  heartbeatMs: number
}

export const DEFAULT_LIMITS: WatchMuxLimits = {
  maxStreams: 1000,
  maxStreamsPerOwner: 32,
  maxSubscriptionsPerStream: 100,
  maxSubscriptions: 10_000,
  maxQueuedBytes: 8 * 1024 * 1024,
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

export type AddResult = 'ok' | 'duplicate' | 'stream-full' | 'server-full'

export class WatchStream {
  readonly id = randomBytes(32).toString('base64url')
  readonly identity: string | null
  /** Whom the stream counts against (token mode: the user); null outside token mode. */
  readonly owner: string | null
  /** The response body; the route sends it. */
  readonly out = new PassThrough()
  readonly #res: ServerResponse
  readonly #owner: WatchStreams
  readonly #subscriptions = new Map<string, AbortController>()
  readonly #heartbeat: ReturnType<typeof setInterval>
  #closed = false

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
    this.#heartbeat = setInterval(() => this.send({ type: 'PING' }), owner.limits.heartbeatMs)
    this.#heartbeat.unref()
    // The client went away (or the response finished): nothing left to deliver to.
    res.once('close', () => this.close())
    this.out.once('error', () => this.close())
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
    const queued = this.out.writableLength + this.out.readableLength + this.#res.writableLength
    if (queued > this.#owner.limits.maxQueuedBytes) {
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
  }
}

export class WatchStreams {
  readonly limits: WatchMuxLimits
  readonly #streams = new Map<string, WatchStream>()
  subscriptionCount = 0

  constructor(limits: Partial<WatchMuxLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits }
  }

  get size(): number {
    return this.#streams.size
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
