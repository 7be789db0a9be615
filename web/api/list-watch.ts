// List + watch of one collection, kept going until stopped: lists (when the caller has no list
// yet), then watches through the tab's WatchMultiplexer, resuming, re-listing and backing off as
// the Kubernetes watch contract asks. Pure logic: no React; see watch-registry.ts for the caching.
import { abortableSleep, backoffDelay } from './backoff.ts'
import { k8sFetch, StatusError, withQuery } from './client.ts'
import type { K8sList, K8sObject, K8sStatus, WatchEvent } from './k8s-types.ts'
import { StreamDroppedError, watchMultiplexer, type WatchMultiplexer } from './watch-multiplexer.ts'

export type ConnectionState = 'connecting' | 'live' | 'reconnecting'

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
  /** Injected for tests; the fetch the client sends the list with. */
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
    const body = await k8sFetch<K8sList<T> | undefined>(opts.path, {
      query: selectors,
      signal,
      transport: opts.fetch,
    })
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
