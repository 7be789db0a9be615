// Test harness of the watch client: a fake BFF behind an injected fetch (scripted lists, watch
// streams the test writes protocol messages to, a record of every subscribe/unsubscribe), a
// multiplexer on a fake clock, and a list + watch loop recording what it reports.
import type { StreamMessage, WatchEventType } from '../../../protocol/watch-stream.ts'
import type { K8sList, K8sObject, WatchEvent } from '../k8s-types.ts'
import { startListWatch, type ConnectionState } from '../list-watch.ts'
import { WatchMultiplexer } from '../watch-multiplexer.ts'

const enc = new TextEncoder()

export const obj = (name: string, rv: string): K8sObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv },
})

export interface FakeStream {
  id: string
  closed: boolean
  write(message: StreamMessage): void
  /** The server ends the stream (restart, shutdown). */
  end(): void
}

export interface Subscribe {
  stream: string
  id: string
  path: string
}

export type ListReply = Response | Error

export class FakeBff {
  readonly streams: FakeStream[] = []
  readonly subscribes: Subscribe[] = []
  readonly unsubscribes: string[] = []
  readonly listUrls: string[] = []
  /** Answers to list requests, in order; when exhausted, lists hang until aborted. */
  readonly lists: ListReply[] = []
  /** Answers to stream requests before the normal one (errors, refusals). */
  readonly streamReplies: (Response | Error)[] = []
  /** Answer to a subscribe; default 202. */
  subscribeReply: (s: Subscribe) => Response = () => new Response('{}', { status: 202 })

  readonly fetch = ((input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    const signal = init?.signal ?? undefined
    if (url === '/api/watch-stream') return this.openStream(signal)
    const action = /^\/api\/watch-stream\/([^/]+)\/(subscribe|unsubscribe)$/.exec(url)
    if (action) {
      const body = JSON.parse(String(init?.body)) as { id: string; path: string }
      if (action[2] === 'unsubscribe') {
        this.unsubscribes.push(body.id)
        return Promise.resolve(new Response('{}'))
      }
      const sub = { stream: action[1] ?? '', id: body.id, path: body.path }
      this.subscribes.push(sub)
      return Promise.resolve(this.subscribeReply(sub))
    }
    this.listUrls.push(url)
    const next = this.lists.shift()
    if (!next) return hang(signal)
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next)
  }) as typeof fetch

  private openStream(signal: AbortSignal | undefined): Promise<Response> {
    const scripted = this.streamReplies.shift()
    if (scripted instanceof Error) return Promise.reject(scripted)
    if (scripted) return Promise.resolve(scripted)
    const id = `stream${this.streams.length}`
    let controller!: ReadableStreamDefaultController<Uint8Array>
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) })
    const stream: FakeStream = {
      id,
      closed: false,
      write: (message) => {
        if (!stream.closed) controller.enqueue(enc.encode(JSON.stringify(message) + '\n'))
      },
      end: () => {
        if (stream.closed) return
        stream.closed = true
        controller.close()
      },
    }
    signal?.addEventListener('abort', () => {
      if (stream.closed) return
      stream.closed = true
      controller.error(new DOMException('aborted', 'AbortError'))
    })
    this.streams.push(stream)
    stream.write({ type: 'HELLO', streamId: id })
    return Promise.resolve(new Response(body))
  }

  get stream(): FakeStream {
    const last = this.streams.at(-1)
    if (!last) throw new Error('no stream')
    return last
  }

  /** The latest subscription whose path contains `fragment`. */
  sub(fragment = ''): Subscribe {
    const found = this.subscribes.filter((s) => s.path.includes(fragment)).at(-1)
    if (!found) throw new Error(`no subscription for ${fragment}`)
    return found
  }

  open(sub: Subscribe) {
    this.stream.write({ sub: sub.id, type: 'OPEN' })
  }

  events(sub: Subscribe, ...events: [WatchEventType, object][]) {
    for (const [type, object] of events) this.stream.write({ sub: sub.id, event: { type, object } })
  }

  end(
    sub: Subscribe,
    extra: Partial<Pick<Extract<StreamMessage, { type: 'END' }>, 'code' | 'status'>> = {},
  ) {
    this.stream.write({ sub: sub.id, type: 'END', ...extra })
  }
}

/** Fake sleeps still yield to timers, so a runaway retry loop cannot starve the test. */
export const tick = () => new Promise((r) => setTimeout(r, 0))

export function hang(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  )
}

export const listResponse = (rv: string, items: K8sObject[]) =>
  new Response(JSON.stringify({ metadata: { resourceVersion: rv }, items } satisfies K8sList))
export const statusResponse = (code: number) =>
  new Response(JSON.stringify({ kind: 'Status', code, message: `HTTP ${code}` }), { status: code })

export async function until(cond: () => boolean, ms = 1000) {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 1))
  }
}

export function setup() {
  const bff = new FakeBff()
  const muxSleeps: number[] = []
  const mux = new WatchMultiplexer({
    fetch: bff.fetch,
    random: () => 0,
    sleep: async (ms) => {
      muxSleeps.push(ms)
      await tick()
    },
    // the clock only moves when the multiplexer "sleeps"
    now: () => muxSleeps.reduce((a, b) => a + b, 0),
    idleCloseMs: 0,
  })
  return { bff, mux, muxSleeps }
}

export function harness(
  resourceVersion?: string,
  env = setup(),
  path = '/apis/g/v1/namespaces/ns/things',
) {
  const lists: K8sList[] = []
  const events: WatchEvent[] = []
  const states: ConnectionState[] = []
  const errors: unknown[] = []
  const sleeps: number[] = []
  const handle = startListWatch({
    path,
    labelSelector: 'a=b',
    resourceVersion,
    fetch: env.bff.fetch,
    mux: env.mux,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms)
      await tick()
    },
    onList: (l) => lists.push(l),
    onEvents: (e) => events.push(...e),
    onState: (s, e) => {
      states.push(s)
      if (e !== undefined) errors.push(e)
    },
  })
  return { ...env, lists, events, states, errors, sleeps, handle }
}

export const params = (path: string) => new URL(path, 'http://x').searchParams
export const transitions = (states: ConnectionState[]) =>
  states.filter((s, i) => s !== states[i - 1])
