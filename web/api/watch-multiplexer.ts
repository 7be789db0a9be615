// Every watch of the tab multiplexed over ONE stream from the BFF (protocol/watch-stream.ts).
//
// The WatchMultiplexer (one per tab) opens the stream lazily on the first subscription and learns
// its id from the HELLO line. Each watch is a subscribe request naming a Kubernetes watch path; its
// OPEN, EVENT and END lines then arrive on the stream. When the stream drops, every subscription is
// told (`onDrop`) and resubscribes from its last resourceVersion; the multiplexer reconnects with
// backoff. With no subscription left the stream is closed after a short delay.
// Pure logic: no React. The transport (fetch), the clock and the random source are injectable.
import {
  parseStreamMessage,
  subscriptionActionPath,
  WATCH_STREAM_CONTENT_TYPE,
  WATCH_STREAM_PATH,
  type SubscribeRequest,
  type SubscriptionAction,
  type UnsubscribeRequest,
} from '../../protocol/watch-stream.ts'
import { abortableSleep, backoffDelay } from './backoff.ts'
import { apiFetch, isStatus, openStream, StatusError } from './client.ts'
import type { K8sObject, K8sStatus, WatchEvent } from './k8s-types.ts'
import { readLineBatches } from './ndjson.ts'

/** How a watch ended: no code when the API server simply closed it, else the HTTP or Status code. */
export interface WatchEnd {
  code?: number | undefined
  status?: K8sStatus | undefined
}

export interface MuxWatchHandlers<T extends K8sObject = K8sObject> {
  /** The API server accepted the watch. */
  onOpen(): void
  /** Events in order, one call per received chunk. */
  onEvents(events: WatchEvent<T>[]): void
  /** The watch ended or was refused (by the API server or by the BFF). The subscription is gone. */
  onEnd(end: WatchEnd): void
  /** The shared stream dropped or could not be opened. The subscription is gone. */
  onDrop(error: unknown): void
}

export interface WatchMultiplexerOptions {
  /** The fetch the client sends with (tests inject a fake BFF). */
  fetch?: typeof fetch
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  random?: () => number
  now?: () => number
  /** How long an unused stream stays open (a page change usually subscribes again at once). */
  idleCloseMs?: number
}

/** The shared stream dropped; `cause` says why. */
export class StreamDroppedError extends Error {
  constructor(cause: unknown) {
    super('The watch stream to the dashboard server was interrupted', { cause })
    this.name = 'StreamDroppedError'
  }
}

interface MuxEntry {
  id: string
  path: string
  handlers: MuxWatchHandlers<K8sObject>
  sent: boolean
}

interface OpenStream {
  id: string | undefined
  controller: AbortController
}

/** Routes many watches over one stream. Use the tab's instance: `watchMultiplexer()`. */
export class WatchMultiplexer {
  private readonly transport: typeof fetch | undefined
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  private readonly idleCloseMs: number
  private readonly entries = new Map<string, MuxEntry>()
  private stream: OpenStream | undefined
  private nextId = 0
  private attempt = 0
  private retryAt = 0
  private idleTimer: ReturnType<typeof setTimeout> | undefined

  constructor(opts: WatchMultiplexerOptions = {}) {
    this.transport = opts.fetch
    this.sleep = opts.sleep ?? abortableSleep
    this.random = opts.random ?? Math.random
    this.now = opts.now ?? Date.now
    this.idleCloseMs = opts.idleCloseMs ?? 5000
  }

  /** Subscriptions currently routed (sent or waiting for the stream). */
  get size(): number {
    return this.entries.size
  }

  /** True while the stream is open and has said HELLO. */
  get connected(): boolean {
    return this.stream?.id !== undefined
  }

  /**
   * Watches `path` (Kubernetes path with `watch=true` and query) until `onEnd`/`onDrop` or until the
   * returned function is called.
   */
  subscribe<T extends K8sObject>(path: string, handlers: MuxWatchHandlers<T>): () => void {
    const entry: MuxEntry = {
      id: `w${++this.nextId}`,
      path,
      handlers: handlers as unknown as MuxWatchHandlers<K8sObject>,
      sent: false,
    }
    this.entries.set(entry.id, entry)
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer)
    this.idleTimer = undefined
    if (this.stream?.id !== undefined) void this.send(entry, this.stream)
    else if (!this.stream) void this.connect()
    return () => this.unsubscribe(entry)
  }

  /** Closes the stream now (tests, sign-out); subscriptions are dropped. */
  close(): void {
    const stream = this.stream
    if (stream) this.down(stream, new Error('The watch stream was closed'), false)
  }

  private unsubscribe(entry: MuxEntry) {
    if (this.entries.get(entry.id) !== entry) return
    this.entries.delete(entry.id)
    const stream = this.stream
    if (entry.sent && stream?.id !== undefined) {
      const body: UnsubscribeRequest = { id: entry.id }
      void this.post(stream.id, 'unsubscribe', body).catch(() => undefined)
    }
    if (this.entries.size === 0) this.scheduleIdleClose()
  }

  private scheduleIdleClose() {
    if (this.idleTimer !== undefined || !this.stream) return
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      const stream = this.stream
      if (this.entries.size === 0 && stream) {
        this.stream = undefined
        stream.controller.abort()
      }
    }, this.idleCloseMs)
  }

  private post(
    streamId: string,
    action: SubscriptionAction,
    body: SubscribeRequest | UnsubscribeRequest,
  ): Promise<unknown> {
    return apiFetch(subscriptionActionPath(streamId, action), {
      method: 'POST',
      body,
      transport: this.transport,
    })
  }

  private async connect(): Promise<void> {
    const stream: OpenStream = { id: undefined, controller: new AbortController() }
    this.stream = stream
    const signal = stream.controller.signal
    const wait = this.retryAt - this.now()
    if (wait > 0) await this.sleep(wait, signal)
    if (this.stream !== stream) return
    if (this.entries.size === 0) {
      this.stream = undefined
      return
    }
    try {
      const body = await openStream(WATCH_STREAM_PATH, {
        accept: WATCH_STREAM_CONTENT_TYPE,
        signal,
        transport: this.transport,
      })
      for await (const lines of readLineBatches(body)) {
        if (this.stream !== stream) return
        this.receive(stream, lines)
      }
      this.down(stream, new Error('The watch stream ended'))
    } catch (err) {
      this.down(stream, err)
    }
  }

  /** The stream is gone: every subscription is dropped, and the next connection waits (backoff). */
  private down(stream: OpenStream, error: unknown, backoff = true) {
    if (this.stream !== stream) return
    this.stream = undefined
    stream.controller.abort()
    if (backoff) this.retryAt = this.now() + backoffDelay(this.attempt++, this.random)
    const dropped = [...this.entries.values()]
    this.entries.clear()
    for (const entry of dropped) entry.handlers.onDrop(error)
  }

  private receive(stream: OpenStream, lines: string[]) {
    const pending = new Map<MuxEntry, WatchEvent<K8sObject>[]>()
    const flush = (entry: MuxEntry) => {
      const events = pending.get(entry)
      pending.delete(entry)
      if (events?.length) entry.handlers.onEvents(events)
    }
    for (const line of lines) {
      const message = parseStreamMessage(line)
      if (!message || !('sub' in message)) {
        if (message?.type === 'HELLO') {
          stream.id = message.streamId
          this.attempt = 0
          for (const entry of this.entries.values()) if (!entry.sent) void this.send(entry, stream)
          if (this.entries.size === 0) this.scheduleIdleClose()
        }
        continue // PING, or a line this client does not know
      }
      const entry = this.entries.get(message.sub)
      if (!entry) continue // lines of a subscription that was closed
      if ('event' in message) {
        const list = pending.get(entry) ?? []
        list.push(message.event as WatchEvent<K8sObject>)
        pending.set(entry, list)
      } else if (message.type === 'OPEN') {
        entry.handlers.onOpen()
      } else {
        flush(entry)
        if (this.entries.get(entry.id) !== entry) continue
        this.entries.delete(entry.id)
        entry.handlers.onEnd({
          code: message.code,
          status: isStatus(message.status) ? (message.status as K8sStatus) : undefined,
        })
      }
    }
    for (const entry of [...pending.keys()]) flush(entry)
  }

  private async send(entry: MuxEntry, stream: OpenStream) {
    if (stream.id === undefined) return
    entry.sent = true
    try {
      await this.post(stream.id, 'subscribe', { id: entry.id, path: entry.path })
    } catch (err) {
      // The dashboard server cannot be reached: the stream is as good as gone.
      if (!(err instanceof StatusError)) return this.down(stream, err)
      // An unknown stream (the server restarted, or the session changed): open a new one.
      if (err.code === 404) return this.down(stream, err)
      if (this.entries.get(entry.id) !== entry) return
      this.entries.delete(entry.id)
      entry.handlers.onEnd({ code: err.code, status: err.status })
    }
  }
}

let shared: WatchMultiplexer | undefined

/** The tab's multiplexer, created on first use. */
export function watchMultiplexer(): WatchMultiplexer {
  shared ??= new WatchMultiplexer()
  return shared
}
