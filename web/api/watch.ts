// List + watch, with every watch of the tab multiplexed over ONE stream from the BFF.
//
// Browsers allow 6 HTTP/1.1 connections per origin and a watch holds one for its lifetime, so a page
// with many watches would stall every further request of the tab. Instead the WatchMultiplexer (one
// per tab) opens `GET /api/watch-stream` lazily on the first subscription; its first line is
// `{type:'HELLO', streamId}`. Each watch is `POST /api/watch-stream/<streamId>/subscribe {id, path}`
// (path: the Kubernetes watch path with query); its lines then arrive on the stream as
// `{sub:id, type:'OPEN'}`, `{sub:id, event:<watch event>}` and finally `{sub:id, type:'END', code?,
// status?}` (no code: ended normally; 410: re-list; other codes: back off and resume). Closing a watch
// is `POST …/unsubscribe {id}`. When the stream drops, every subscription is told (`onDrop`) and
// resubscribes from its last resourceVersion; the multiplexer reconnects with backoff. With no
// subscription left the stream is closed after a short delay.
// Pure logic: no React. The fetch, the clock and the random source are injectable for tests.
import { CSRF_HEADER, K8S_PREFIX, StatusError, isStatus, withQuery } from './client.ts'
import type { K8sList, K8sObject, K8sStatus, WatchEvent } from './k8s-types.ts'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting'

// ---------------------------------------------------------------------------------------------
// Newline-delimited JSON parsing

/**
 * Splits a stream of text chunks into complete lines. A chunk may end in the middle of a line (or
 * of a multi-byte character, which the TextDecoder in `readLines` handles); the rest is kept for the
 * next chunk.
 */
export class LineBuffer {
  private rest = ''

  push(chunk: string): string[] {
    const text = this.rest + chunk
    const lines = text.split('\n')
    this.rest = lines.pop() ?? ''
    return lines.map((l) => l.trim()).filter((l) => l !== '')
  }

  /** What is left when the stream ends (a last line without a newline). */
  flush(): string[] {
    const last = this.rest.trim()
    this.rest = ''
    return last ? [last] : []
  }
}

/** Parses one watch line. Returns undefined for lines that are not a watch event. */
export function parseWatchLine<T extends K8sObject>(line: string): WatchEvent<T> | undefined {
  try {
    return asWatchEvent<T>(JSON.parse(line))
  } catch {
    return undefined
  }
}

/** Reads a body stream as batches of complete lines (one batch per received chunk). */
export async function* readLineBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const lines = new LineBuffer()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      const batch = [...lines.push(text), ...(done ? lines.flush() : [])]
      if (batch.length) yield batch
      if (done) return
    }
  } finally {
    reader.releaseLock()
  }
}

/** Checks the event part of a multiplexed line (`{sub, event}`); undefined if it is not one. */
export function asWatchEvent<T extends K8sObject>(value: unknown): WatchEvent<T> | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { type, object } = value as { type?: unknown; object?: unknown }
  if (typeof object !== 'object' || object === null) return undefined
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED':
    case 'BOOKMARK':
    case 'ERROR':
      return { type, object: object as T | K8sStatus }
    default:
      return undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Backoff

export const BACKOFF_BASE_MS = 1000
export const BACKOFF_CAP_MS = 30_000

/**
 * Exponential backoff with "equal jitter": attempt 0 waits 0.5–1 s, then 1–2 s, 2–4 s, …, capped at
 * 15–30 s. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

// ---------------------------------------------------------------------------------------------
// The multiplexed watch stream

export const WATCH_STREAM_PATH = '/api/watch-stream'

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
  private readonly fetch: typeof fetch
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
    this.fetch = opts.fetch ?? ((input, init) => fetch(input, init))
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
      void this.post(stream.id, 'unsubscribe', { id: entry.id }).catch(() => undefined)
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

  private post(streamId: string, action: 'subscribe' | 'unsubscribe', body: unknown) {
    return this.fetch(`${WATCH_STREAM_PATH}/${encodeURIComponent(streamId)}/${action}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        [CSRF_HEADER]: '1',
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
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
      const res = await this.fetch(WATCH_STREAM_PATH, {
        method: 'GET',
        headers: { Accept: 'application/x-ndjson', [CSRF_HEADER]: '1' },
        credentials: 'same-origin',
        signal,
      })
      if (!res.ok) throw await responseError(res)
      if (!res.body) throw new Error('The watch stream has no body')
      for await (const lines of readLineBatches(res.body)) {
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
      let message: { type?: unknown; sub?: unknown; streamId?: unknown; event?: unknown }
      try {
        message = JSON.parse(line) as typeof message
      } catch {
        continue
      }
      if (typeof message !== 'object' || message === null) continue
      if (message.type === 'HELLO' && typeof message.streamId === 'string') {
        stream.id = message.streamId
        this.attempt = 0
        for (const entry of this.entries.values()) if (!entry.sent) void this.send(entry, stream)
        if (this.entries.size === 0) this.scheduleIdleClose()
        continue
      }
      const entry = typeof message.sub === 'string' ? this.entries.get(message.sub) : undefined
      if (!entry) continue // PING, or lines of a subscription that was closed
      if (message.event !== undefined) {
        const event = asWatchEvent<K8sObject>(message.event)
        if (!event) continue
        const list = pending.get(entry) ?? []
        list.push(event)
        pending.set(entry, list)
      } else if (message.type === 'OPEN') {
        entry.handlers.onOpen()
      } else if (message.type === 'END') {
        flush(entry)
        if (this.entries.get(entry.id) !== entry) continue
        this.entries.delete(entry.id)
        const { code, status } = message as { code?: unknown; status?: unknown }
        entry.handlers.onEnd({
          code: typeof code === 'number' ? code : undefined,
          status: isStatus(status) ? status : undefined,
        })
      }
    }
    for (const entry of [...pending.keys()]) flush(entry)
  }

  private async send(entry: MuxEntry, stream: OpenStream) {
    if (stream.id === undefined) return
    entry.sent = true
    let res: Response
    try {
      res = await this.post(stream.id, 'subscribe', { id: entry.id, path: entry.path })
    } catch (err) {
      // The dashboard server cannot be reached: the stream is as good as gone.
      return this.down(stream, err)
    }
    if (res.ok) return
    const error = await responseError(res)
    // An unknown stream (the server restarted, or the session changed): open a new one.
    if (res.status === 404) return this.down(stream, error)
    if (this.entries.get(entry.id) !== entry) return
    this.entries.delete(entry.id)
    entry.handlers.onEnd({ code: res.status, status: error.status })
  }
}

let shared: WatchMultiplexer | undefined

/** The tab's multiplexer, created on first use. */
export function watchMultiplexer(): WatchMultiplexer {
  shared ??= new WatchMultiplexer()
  return shared
}

// ---------------------------------------------------------------------------------------------
// List + watch loop

export interface ListWatchOptions<T extends K8sObject> {
  /** Collection path of the Kubernetes API (`/apis/…/apirules`), without query. */
  path: string
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
  /**
   * Resource version to start watching from (the caller already has a list). Without it, the loop
   * lists first.
   */
  resourceVersion?: string | undefined
  /** A fresh list: replace everything the caller holds. Called on start (without a version) and after 410 Gone. */
  onList: (list: K8sList<T>) => void
  /** ADDED / MODIFIED / DELETED events, in order, one call per received chunk. */
  onEvents: (events: WatchEvent<T>[]) => void
  onState?: (state: ConnectionState, error?: unknown) => void
  /** Injected for tests; defaults to the global fetch (used for the list). */
  fetch?: typeof fetch
  /** Injected for tests; defaults to the tab's multiplexer. */
  mux?: WatchMultiplexer
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
  random?: () => number
}

export interface ListWatchHandle {
  stop(): void
  /** Resolves when the loop has ended (after stop()). */
  done: Promise<void>
}

class GoneError extends Error {
  constructor() {
    super('Resource version too old (410 Gone)')
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}

async function responseError(res: Response): Promise<StatusError> {
  let status: K8sStatus | undefined
  try {
    const parsed: unknown = JSON.parse(await res.text())
    if (isStatus(parsed)) status = parsed
  } catch {
    // not JSON
  }
  return new StatusError(
    status ?? { kind: 'Status', status: 'Failure', code: res.status, message: res.statusText },
    res.status,
  )
}

function objectVersion(object: unknown): string | undefined {
  const meta = (object as { metadata?: { resourceVersion?: unknown } } | null)?.metadata
  return typeof meta?.resourceVersion === 'string' && meta.resourceVersion
    ? meta.resourceVersion
    : undefined
}

function isGone(code: number | undefined, status: K8sStatus | undefined): boolean {
  return code === 410 || status?.reason === 'Expired' || status?.reason === 'Gone'
}

/**
 * Lists (if needed) and then watches a collection (through the multiplexer) until stopped. Resumes
 * from the last seen resourceVersion (BOOKMARK events move it forward), re-lists on 410 Gone, backs
 * off exponentially with jitter on failures (reset once a watch is open), and reports its connection
 * state. When the shared stream drops it resubscribes at once: the multiplexer paces reconnection.
 */
export function startListWatch<T extends K8sObject>(opts: ListWatchOptions<T>): ListWatchHandle {
  const controller = new AbortController()
  const signal = controller.signal
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init))
  const mux = opts.mux ?? watchMultiplexer()
  const sleep = opts.sleep ?? abortableSleep
  const random = opts.random ?? Math.random
  let state: ConnectionState | undefined
  const setState = (next: ConnectionState, error?: unknown) => {
    if (next === state && error === undefined) return
    state = next
    opts.onState?.(next, error)
  }
  const selectors = {
    labelSelector: opts.labelSelector || undefined,
    fieldSelector: opts.fieldSelector || undefined,
  }

  async function list(): Promise<string | undefined> {
    const res = await doFetch(K8S_PREFIX + withQuery(opts.path, selectors), {
      method: 'GET',
      headers: { Accept: 'application/json', [CSRF_HEADER]: '1' },
      credentials: 'same-origin',
      signal,
    })
    if (!res.ok) throw await responseError(res)
    const body = (await res.json()) as K8sList<T>
    const items = Array.isArray(body?.items) ? body.items : []
    const list: K8sList<T> = { ...body, metadata: body?.metadata ?? {}, items }
    if (!signal.aborted) opts.onList(list)
    return list.metadata.resourceVersion || undefined
  }

  /** The last version seen: where the next list or subscription starts (undefined: list first). */
  let version = opts.resourceVersion || undefined

  /** One subscription from `version`; resolves when it ends normally (or on stop). */
  function watch(from: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let finished = false
      const finish = (settle: () => void) => {
        if (finished) return
        finished = true
        signal.removeEventListener('abort', onAbort)
        unsubscribe()
        settle()
      }
      const onAbort = () => finish(resolve)
      const path = withQuery(opts.path, {
        ...selectors,
        watch: true,
        resourceVersion: from,
        allowWatchBookmarks: true,
      })
      const unsubscribe = mux.subscribe<T>(path, {
        onOpen: () => {
          if (finished) return
          setState('live')
          attempt = 0
        },
        onEvents: (batch) => {
          if (finished) return
          const changes: WatchEvent<T>[] = []
          for (const event of batch) {
            if (event.type === 'ERROR') {
              if (changes.length) opts.onEvents(changes)
              const status = event.object as K8sStatus
              return finish(() =>
                reject(
                  isGone(status.code, status)
                    ? new GoneError()
                    : new StatusError(status, status.code ?? 500),
                ),
              )
            }
            const rv = objectVersion(event.object)
            if (rv) version = rv
            if (event.type !== 'BOOKMARK') changes.push(event)
          }
          if (changes.length) opts.onEvents(changes)
        },
        onEnd: ({ code, status }) =>
          finish(() => {
            // A watch the API server simply closed (its timeout) is reopened from where it was.
            if (code === undefined) return resolve()
            if (isGone(code, status)) return reject(new GoneError())
            reject(
              new StatusError(
                status ?? { kind: 'Status', status: 'Failure', code, message: `HTTP ${code}` },
                code,
              ),
            )
          }),
        onDrop: (error) => finish(() => reject(new StreamDroppedError(error))),
      })
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort)
    })
  }

  let attempt = 0

  async function run(): Promise<void> {
    setState('connecting')
    while (!signal.aborted) {
      try {
        if (!version) version = await list()
        if (!version) throw new Error('The list has no resourceVersion')
        await watch(version)
      } catch (err) {
        if (signal.aborted) return
        if (err instanceof StreamDroppedError) {
          // Resubscribe from the same version; the multiplexer reconnects with backoff.
          setState('reconnecting', err.cause)
          continue
        }
        if (err instanceof GoneError) {
          // The version is too old: list again right away. Counts as a failure only if it repeats.
          version = undefined
          if (attempt === 0) {
            attempt = 1
            continue
          }
        }
        setState('reconnecting', err)
        await sleep(backoffDelay(attempt, random), signal)
        attempt++
      }
    }
  }

  const done = run()
  return {
    stop: () => controller.abort(),
    done,
  }
}
