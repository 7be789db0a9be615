import { describe, expect, it } from 'vitest'
import type { K8sList, K8sObject, WatchEvent } from './k8s-types.ts'
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  LineBuffer,
  parseWatchLine,
  readLineBatches,
  startListWatch,
  WatchMultiplexer,
  type ConnectionState,
} from './watch.ts'

const enc = new TextEncoder()

function streamOf(chunks: (string | Uint8Array)[], keepOpen = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? enc.encode(c) : c)
      if (!keepOpen) controller.close()
    },
  })
}

const obj = (name: string, rv: string): K8sObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv },
})
const line = (type: string, object: unknown) => JSON.stringify({ type, object }) + '\n'

describe('LineBuffer', () => {
  it('keeps partial lines across chunks', () => {
    const b = new LineBuffer()
    expect(b.push('{"a":1}\n{"b"')).toEqual(['{"a":1}'])
    expect(b.push(':2}\n\n{"c":3}')).toEqual(['{"b":2}'])
    expect(b.flush()).toEqual(['{"c":3}'])
    expect(b.flush()).toEqual([])
  })
})

describe('parseWatchLine', () => {
  it('accepts watch events and ignores everything else', () => {
    expect(parseWatchLine('{"type":"ADDED","object":{"metadata":{}}}')?.type).toBe('ADDED')
    expect(parseWatchLine('not json')).toBeUndefined()
    expect(parseWatchLine('{"type":"WEIRD","object":{}}')).toBeUndefined()
    expect(parseWatchLine('{"type":"ADDED"}')).toBeUndefined()
  })
})

describe('readLineBatches', () => {
  it('splits lines in the middle of a line and of a multi-byte character', async () => {
    const text = line('ADDED', { metadata: { name: 'ä-rule' } }) + line('DELETED', obj('b', '2'))
    const bytes = enc.encode(text)
    const cut = text.indexOf('ä') + 1 // inside the 2-byte UTF-8 sequence
    const events: WatchEvent[] = []
    for await (const batch of readLineBatches(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))) {
      events.push(...batch.map((l) => parseWatchLine(l)).filter((e) => e !== undefined))
    }
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED'])
    expect((events[0]?.object as K8sObject).metadata.name).toBe('ä-rule')
  })

  it('returns a last line without a trailing newline', async () => {
    const lines: string[] = []
    for await (const b of readLineBatches(streamOf([line('ADDED', obj('a', '1')).trim()]))) {
      lines.push(...b)
    }
    expect(lines).toHaveLength(1)
  })
})

describe('backoffDelay', () => {
  it('grows exponentially with jitter and is capped', () => {
    expect(backoffDelay(0, () => 0)).toBe(500)
    expect(backoffDelay(0, () => 0.999)).toBeLessThanOrEqual(1000)
    expect(backoffDelay(3, () => 0)).toBe(4000)
    expect(backoffDelay(20, () => 0.999)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    expect(backoffDelay(20, () => 0)).toBe(BACKOFF_CAP_MS / 2)
  })
})

// ---------------------------------------------------------------------------------------------
// A fake BFF behind an injected fetch: scripted lists, watch streams the test writes to, and a
// record of every subscribe/unsubscribe.

interface FakeStream {
  id: string
  closed: boolean
  write(message: unknown): void
  /** The server ends the stream (restart, shutdown). */
  end(): void
}

interface Subscribe {
  stream: string
  id: string
  path: string
}

type ListReply = Response | Error

class FakeBff {
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

  events(sub: Subscribe, ...events: [string, unknown][]) {
    for (const [type, object] of events) this.stream.write({ sub: sub.id, event: { type, object } })
  }

  end(sub: Subscribe, extra: Record<string, unknown> = {}) {
    this.stream.write({ sub: sub.id, type: 'END', ...extra })
  }
}

/** Fake sleeps still yield to timers, so a runaway retry loop cannot starve the test. */
const tick = () => new Promise((r) => setTimeout(r, 0))

function hang(signal: AbortSignal | undefined): Promise<Response> {
  return new Promise((_, reject) =>
    signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
  )
}

const listResponse = (rv: string, items: K8sObject[]) =>
  new Response(JSON.stringify({ metadata: { resourceVersion: rv }, items } satisfies K8sList))
const statusResponse = (code: number) =>
  new Response(JSON.stringify({ kind: 'Status', code, message: `HTTP ${code}` }), { status: code })

async function until(cond: () => boolean, ms = 1000) {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 1))
  }
}

function setup() {
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

function harness(
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

const params = (path: string) => new URL(path, 'http://x').searchParams
const transitions = (states: ConnectionState[]) => states.filter((s, i) => s !== states[i - 1])

describe('startListWatch over the multiplexer', () => {
  it('lists, then subscribes from the list version with bookmarks, and applies events', async () => {
    const env = setup()
    env.bff.lists.push(listResponse('100', [obj('a', '90')]))
    const h = harness(undefined, env)
    await until(() => h.bff.subscribes.length === 1)
    expect(h.lists).toHaveLength(1)
    expect(h.bff.listUrls[0]).toBe('/api/k8s/apis/g/v1/namespaces/ns/things?labelSelector=a%3Db')
    const sub = h.bff.sub()
    expect(sub.path.startsWith('/apis/g/v1/namespaces/ns/things?')).toBe(true)
    const w = params(sub.path)
    expect(w.get('watch')).toBe('true')
    expect(w.get('resourceVersion')).toBe('100')
    expect(w.get('allowWatchBookmarks')).toBe('true')
    expect(w.get('labelSelector')).toBe('a=b')
    expect(h.states).toEqual(['connecting'])
    h.bff.open(sub)
    h.bff.events(sub, ['ADDED', obj('b', '101')], ['MODIFIED', obj('a', '102')])
    await until(() => h.events.length === 2)
    expect(h.states).toEqual(['connecting', 'live'])
    h.handle.stop()
    await h.handle.done
    expect(h.bff.unsubscribes).toEqual([sub.id])
  })

  it('resumes from the last seen version (bookmarks included) when the watch ends', async () => {
    const h = harness('200')
    await until(() => h.bff.subscribes.length === 1)
    expect(h.lists).toHaveLength(0) // started from the given version: no list
    const first = h.bff.sub()
    expect(params(first.path).get('resourceVersion')).toBe('200')
    h.bff.open(first)
    h.bff.events(
      first,
      ['ADDED', obj('a', '201')],
      ['BOOKMARK', { metadata: { resourceVersion: '250' } }],
    )
    h.bff.end(first)
    await until(() => h.bff.subscribes.length === 2)
    expect(params(h.bff.sub().path).get('resourceVersion')).toBe('250')
    expect(h.events.map((e) => e.type)).toEqual(['ADDED']) // bookmarks are not passed on
    expect(h.sleeps).toEqual([])
    h.handle.stop()
    await h.handle.done
  })

  it('re-lists on an ERROR event with code 410', async () => {
    const h = harness('300')
    await until(() => h.bff.subscribes.length === 1)
    const sub = h.bff.sub()
    h.bff.lists.push(listResponse('400', [obj('a', '301')]))
    h.bff.open(sub)
    h.bff.events(
      sub,
      ['ADDED', obj('a', '301')],
      ['ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' }],
    )
    h.bff.end(sub, { code: 410 })
    await until(() => h.bff.subscribes.length === 2)
    expect(h.events).toHaveLength(1)
    expect(h.lists).toHaveLength(1)
    expect(params(h.bff.sub().path).get('resourceVersion')).toBe('400')
    expect(h.sleeps).toEqual([]) // the first 410 re-lists at once
    h.handle.stop()
    await h.handle.done
  })

  it('re-lists on END with code 410', async () => {
    const h = harness('1')
    await until(() => h.bff.subscribes.length === 1)
    h.bff.lists.push(listResponse('500', []))
    h.bff.end(h.bff.sub(), { code: 410, status: { kind: 'Status', code: 410, reason: 'Gone' } })
    await until(() => h.bff.subscribes.length === 2)
    expect(h.lists).toHaveLength(1)
    expect(params(h.bff.sub().path).get('resourceVersion')).toBe('500')
    h.handle.stop()
    await h.handle.done
  })

  it('backs off exponentially on failed watches, reports reconnecting, and resets once open', async () => {
    const h = harness('10')
    let subs = 0
    const next = async () => {
      subs++
      await until(() => h.bff.subscribes.length === subs)
      return h.bff.sub()
    }
    h.bff.end(await next(), { code: 503 })
    h.bff.end(await next(), { code: 500 })
    h.bff.end(await next(), { code: 502 })
    const live = await next()
    h.bff.open(live)
    h.bff.events(live, ['ADDED', obj('a', '11')])
    h.bff.end(live, { code: 502 })
    const last = await next()
    // 0.5 s, 1 s, 2 s (random = 0 → half of 1 s, 2 s, 4 s); then reset to 0.5 s after going live
    expect(h.sleeps).toEqual([500, 1000, 2000, 500])
    expect(transitions(h.states)).toEqual(['connecting', 'reconnecting', 'live', 'reconnecting'])
    // every retry resumes from the last version
    expect(params(last.path).get('resourceVersion')).toBe('11')
    expect((h.errors[0] as { code?: number }).code).toBe(503)
    h.handle.stop()
    await h.handle.done
  })

  it('treats a subscription refused by the dashboard as a failed watch', async () => {
    const env = setup()
    let refused = false
    env.bff.subscribeReply = () => {
      if (refused) return new Response('{}', { status: 202 })
      refused = true
      return statusResponse(403)
    }
    const h = harness('1', env)
    await until(() => h.bff.subscribes.length === 2)
    expect(h.sleeps).toEqual([500])
    expect((h.errors[0] as { code?: number }).code).toBe(403)
    expect(h.bff.streams).toHaveLength(1)
    h.handle.stop()
    await h.handle.done
  })

  it('stops cleanly while the subscription waits', async () => {
    const h = harness('1')
    await until(() => h.bff.subscribes.length === 1)
    h.handle.stop()
    await h.handle.done
    expect(h.states).toEqual(['connecting'])
    expect(h.bff.unsubscribes).toHaveLength(1)
  })

  it('retries a failed list with backoff', async () => {
    const env = setup()
    env.bff.lists.push(statusResponse(500), listResponse('7', [obj('a', '7')]))
    const h = harness(undefined, env)
    await until(() => h.lists.length === 1 && h.bff.subscribes.length === 1)
    expect(h.sleeps).toEqual([500])
    h.handle.stop()
    await h.handle.done
  })
})

describe('WatchMultiplexer', () => {
  it('carries all watches on one stream and routes each event to its subscriber', async () => {
    const env = setup()
    const a = harness('1', env, '/apis/g/v1/namespaces/ns/alphas')
    const b = harness('1', env, '/api/v1/namespaces/ns/betas')
    await until(() => env.bff.subscribes.length === 2)
    expect(env.bff.streams).toHaveLength(1)
    expect(env.bff.subscribes.map((s) => s.stream)).toEqual(['stream0', 'stream0'])
    const sa = env.bff.sub('alphas')
    const sb = env.bff.sub('betas')
    expect(sa.id).not.toBe(sb.id)
    env.bff.open(sa)
    env.bff.open(sb)
    env.bff.events(sb, ['ADDED', obj('b1', '2')])
    env.bff.events(sa, ['ADDED', obj('a1', '3')], ['DELETED', obj('a1', '4')])
    env.bff.stream.write({ type: 'PING' })
    env.bff.stream.write({ sub: 'unknown', event: { type: 'ADDED', object: obj('x', '9') } })
    await until(() => a.events.length === 2 && b.events.length === 1)
    expect(a.events.map((e) => (e.object as K8sObject).metadata.name)).toEqual(['a1', 'a1'])
    expect(b.events.map((e) => (e.object as K8sObject).metadata.name)).toEqual(['b1'])
    expect(a.states.at(-1)).toBe('live')
    expect(b.states.at(-1)).toBe('live')
    a.handle.stop()
    b.handle.stop()
    await Promise.all([a.handle.done, b.handle.done])
  })

  it('reconnects with backoff after a drop and resubscribes everything from its last version', async () => {
    const env = setup()
    const a = harness('1', env, '/apis/g/v1/namespaces/ns/alphas')
    const b = harness('1', env, '/api/v1/namespaces/ns/betas')
    await until(() => env.bff.subscribes.length === 2)
    const sa = env.bff.sub('alphas')
    const sb = env.bff.sub('betas')
    env.bff.open(sa)
    env.bff.open(sb)
    env.bff.events(sa, ['MODIFIED', obj('a1', '20')])
    env.bff.events(sb, ['BOOKMARK', { metadata: { resourceVersion: '30' } }])
    await until(() => a.events.length === 1)
    env.bff.stream.end() // the BFF restarts
    await until(() => env.bff.subscribes.length === 4)
    expect(env.bff.streams).toHaveLength(2)
    expect(env.muxSleeps).toEqual([500]) // one backoff for the stream, none per watch
    expect(a.sleeps).toEqual([])
    expect(env.bff.subscribes.slice(2).every((s) => s.stream === 'stream1')).toBe(true)
    expect(params(env.bff.sub('alphas').path).get('resourceVersion')).toBe('20')
    expect(params(env.bff.sub('betas').path).get('resourceVersion')).toBe('30')
    expect(transitions(a.states)).toEqual(['connecting', 'live', 'reconnecting'])
    env.bff.open(env.bff.sub('alphas'))
    await until(() => a.states.at(-1) === 'live')
    expect(a.lists).toHaveLength(0) // no re-list needed: resumed from the version
    a.handle.stop()
    b.handle.stop()
    await Promise.all([a.handle.done, b.handle.done])
  })

  it('keeps backing off while the stream cannot be opened, reporting why', async () => {
    const env = setup()
    env.bff.streamReplies.push(new TypeError('connection refused'), statusResponse(503))
    const h = harness('5', env)
    await until(() => env.bff.subscribes.length === 1)
    expect(env.bff.streams).toHaveLength(1)
    expect(env.muxSleeps).toEqual([500, 1000])
    expect(transitions(h.states)).toEqual(['connecting', 'reconnecting'])
    expect(h.errors[0]).toBeInstanceOf(TypeError)
    expect((h.errors[1] as { code?: number }).code).toBe(503)
    h.bff.open(h.bff.sub())
    await until(() => h.states.at(-1) === 'live')
    h.handle.stop()
    await h.handle.done
  })

  it('opens a new stream when the server no longer knows the current one (404)', async () => {
    const env = setup()
    let refused = false
    env.bff.subscribeReply = () => {
      if (refused) return new Response('{}', { status: 202 })
      refused = true
      return statusResponse(404)
    }
    const h = harness('5', env)
    await until(() => env.bff.subscribes.length === 2)
    expect(env.bff.subscribes.map((s) => s.stream)).toEqual(['stream0', 'stream1'])
    expect(env.bff.streams[0]?.closed).toBe(true)
    h.handle.stop()
    await h.handle.done
  })

  it('unsubscribes the last listener and then closes the stream', async () => {
    const env = setup()
    const a = harness('1', env, '/apis/g/v1/namespaces/ns/alphas')
    const b = harness('1', env, '/api/v1/namespaces/ns/betas')
    await until(() => env.bff.subscribes.length === 2)
    a.handle.stop()
    await a.handle.done
    expect(env.bff.unsubscribes).toEqual([env.bff.sub('alphas').id])
    expect(env.bff.stream.closed).toBe(false)
    // lines of an unsubscribed watch that were already on their way are ignored
    env.bff.events(env.bff.sub('alphas'), ['ADDED', obj('late', '9')])
    b.handle.stop()
    await b.handle.done
    expect(env.bff.unsubscribes).toHaveLength(2)
    await until(() => env.bff.stream.closed)
    expect(env.mux.size).toBe(0)
    expect(env.mux.connected).toBe(false)
    expect(a.events).toEqual([])
    // a later subscription opens a fresh stream
    const c = harness('1', env)
    await until(() => env.bff.subscribes.length === 3)
    expect(env.bff.streams).toHaveLength(2)
    c.handle.stop()
    await c.handle.done
  })
})
