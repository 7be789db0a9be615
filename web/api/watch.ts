// List + watch over the BFF's streaming `?watch=true` endpoint (newline-delimited JSON events).
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
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
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

/** Reads a body stream as batches of parsed events (one batch per received chunk). */
export async function* readEventBatches<T extends K8sObject>(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<WatchEvent<T>[]> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const lines = new LineBuffer()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      const batch = [...lines.push(text), ...(done ? lines.flush() : [])]
        .map((l) => parseWatchLine<T>(l))
        .filter((e): e is WatchEvent<T> => e !== undefined)
      if (batch.length) yield batch
      if (done) return
    }
  } finally {
    reader.releaseLock()
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
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch
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

/**
 * Lists (if needed) and then watches a collection until stopped. Resumes from the last seen
 * resourceVersion (BOOKMARK events move it forward), re-lists on 410 Gone, backs off exponentially
 * with jitter on failures (reset once a watch connects), and reports its connection state.
 */
export function startListWatch<T extends K8sObject>(opts: ListWatchOptions<T>): ListWatchHandle {
  const controller = new AbortController()
  const signal = controller.signal
  const doFetch = opts.fetch ?? ((input, init) => fetch(input, init))
  const sleep = opts.sleep ?? abortableSleep
  const random = opts.random ?? Math.random
  let state: ConnectionState | undefined
  const setState = (next: ConnectionState, error?: unknown) => {
    if (next === state && error === undefined) return
    state = next
    opts.onState?.(next, error)
  }

  const request = (query: Record<string, string | boolean | undefined>) =>
    doFetch(
      K8S_PREFIX +
        withQuery(opts.path, {
          labelSelector: opts.labelSelector || undefined,
          fieldSelector: opts.fieldSelector || undefined,
          ...query,
        }),
      {
        method: 'GET',
        headers: { Accept: 'application/json', [CSRF_HEADER]: '1' },
        credentials: 'same-origin',
        signal,
      },
    )

  async function list(): Promise<string | undefined> {
    const res = await request({})
    if (!res.ok) throw await responseError(res)
    const body = (await res.json()) as K8sList<T>
    const items = Array.isArray(body?.items) ? body.items : []
    const list: K8sList<T> = { ...body, metadata: body?.metadata ?? {}, items }
    if (!signal.aborted) opts.onList(list)
    return list.metadata.resourceVersion || undefined
  }

  async function watch(from: string): Promise<string> {
    let version = from
    const res = await request({ watch: true, resourceVersion: from, allowWatchBookmarks: true })
    if (res.status === 410) throw new GoneError()
    if (!res.ok) throw await responseError(res)
    if (!res.body) throw new Error('The watch response has no body')
    setState('live')
    attempt = 0
    for await (const batch of readEventBatches<T>(res.body)) {
      const changes: WatchEvent<T>[] = []
      for (const event of batch) {
        if (event.type === 'ERROR') {
          if (changes.length) opts.onEvents(changes)
          const status = event.object as K8sStatus
          if (status.code === 410 || status.reason === 'Expired' || status.reason === 'Gone') {
            throw new GoneError()
          }
          throw new StatusError(status, status.code ?? 500)
        }
        const rv = objectVersion(event.object)
        if (rv) version = rv
        if (event.type !== 'BOOKMARK') changes.push(event)
      }
      if (changes.length && !signal.aborted) opts.onEvents(changes)
    }
    return version
  }

  let attempt = 0

  async function run(): Promise<void> {
    let version = opts.resourceVersion || undefined
    setState('connecting')
    while (!signal.aborted) {
      try {
        if (!version) version = await list()
        if (!version) throw new Error('The list has no resourceVersion')
        // A stream that ends normally (server-side timeout) is simply reopened from where it was.
        version = await watch(version)
      } catch (err) {
        if (signal.aborted) return
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
