import { describe, expect, it } from 'vitest'
import type { K8sList, K8sObject, WatchEvent } from './k8s-types.ts'
import {
  backoffDelay,
  BACKOFF_CAP_MS,
  LineBuffer,
  parseWatchLine,
  readEventBatches,
  startListWatch,
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

describe('readEventBatches', () => {
  it('parses events split in the middle of a line and of a multi-byte character', async () => {
    const text = line('ADDED', { metadata: { name: 'ä-rule' } }) + line('DELETED', obj('b', '2'))
    const bytes = enc.encode(text)
    const cut = text.indexOf('ä') + 1 // inside the 2-byte UTF-8 sequence
    const events: WatchEvent[] = []
    for await (const batch of readEventBatches(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))) {
      events.push(...batch)
    }
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED'])
    expect((events[0]?.object as K8sObject).metadata.name).toBe('ä-rule')
  })

  it('parses a last line without a trailing newline', async () => {
    const events: WatchEvent[] = []
    for await (const b of readEventBatches(streamOf([line('ADDED', obj('a', '1')).trim()]))) {
      events.push(...b)
    }
    expect(events).toHaveLength(1)
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

type Reply = Response | Error | ((url: string) => Response)

/** A scripted fetch: answers in order; when the script is exhausted, hangs until aborted. */
function fakeFetch(replies: Reply[]) {
  const urls: string[] = []
  const fn = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input)
    urls.push(url)
    const next = replies.shift()
    if (!next) {
      return new Promise((_, reject) =>
        init?.signal?.addEventListener('abort', () =>
          reject(new DOMException('aborted', 'AbortError')),
        ),
      )
    }
    if (next instanceof Error) return Promise.reject(next)
    return Promise.resolve(typeof next === 'function' ? next(url) : next)
  }
  return { fetch: fn as typeof fetch, urls }
}

const listResponse = (rv: string, items: K8sObject[]) =>
  new Response(JSON.stringify({ metadata: { resourceVersion: rv }, items } satisfies K8sList))
const watchResponse = (chunks: string[]) => new Response(streamOf(chunks))
const statusResponse = (code: number) =>
  new Response(JSON.stringify({ kind: 'Status', code, message: `HTTP ${code}` }), { status: code })

async function until(cond: () => boolean, ms = 1000) {
  const start = Date.now()
  while (!cond()) {
    if (Date.now() - start > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 1))
  }
}

function harness(replies: Reply[], resourceVersion?: string) {
  const f = fakeFetch(replies)
  const lists: K8sList[] = []
  const events: WatchEvent[] = []
  const states: ConnectionState[] = []
  const sleeps: number[] = []
  const handle = startListWatch({
    path: '/apis/g/v1/namespaces/ns/things',
    labelSelector: 'a=b',
    resourceVersion,
    fetch: f.fetch,
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    onList: (l) => lists.push(l),
    onEvents: (e) => events.push(...e),
    onState: (s) => states.push(s),
  })
  return { ...f, lists, events, states, sleeps, handle }
}

const params = (url: string) => new URL(url, 'http://x').searchParams

describe('startListWatch', () => {
  it('lists, then watches from the list version with bookmarks, and applies events', async () => {
    const h = harness([
      listResponse('100', [obj('a', '90')]),
      watchResponse([line('ADDED', obj('b', '101')) + line('MODIFIED', obj('a', '102'))]),
    ])
    await until(() => h.events.length === 2)
    expect(h.lists).toHaveLength(1)
    expect(h.urls[0]).toBe('/api/k8s/apis/g/v1/namespaces/ns/things?labelSelector=a%3Db')
    const w = params(h.urls[1] ?? '')
    expect(w.get('watch')).toBe('true')
    expect(w.get('resourceVersion')).toBe('100')
    expect(w.get('allowWatchBookmarks')).toBe('true')
    expect(w.get('labelSelector')).toBe('a=b')
    expect(h.states).toContain('live')
    h.handle.stop()
    await h.handle.done
  })

  it('resumes from the last seen version (bookmarks included) when the stream ends', async () => {
    const h = harness(
      [
        watchResponse([
          line('ADDED', obj('a', '201')),
          line('BOOKMARK', { metadata: { resourceVersion: '250' } }),
        ]),
        watchResponse([]),
      ],
      '200',
    )
    await until(() => h.urls.length >= 3)
    expect(h.lists).toHaveLength(0) // started from the given version: no list
    expect(params(h.urls[0] ?? '').get('resourceVersion')).toBe('200')
    expect(params(h.urls[1] ?? '').get('resourceVersion')).toBe('250')
    expect(h.events.map((e) => e.type)).toEqual(['ADDED']) // bookmarks are not passed on
    h.handle.stop()
    await h.handle.done
  })

  it('re-lists on an ERROR event with code 410', async () => {
    const h = harness(
      [
        watchResponse([
          line('ADDED', obj('a', '301')),
          line('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' }),
        ]),
        listResponse('400', [obj('a', '301')]),
      ],
      '300',
    )
    await until(() => h.urls.length >= 3)
    expect(h.events).toHaveLength(1)
    expect(h.lists).toHaveLength(1)
    expect(h.urls[1]).not.toContain('watch=true')
    expect(params(h.urls[2] ?? '').get('resourceVersion')).toBe('400')
    expect(h.sleeps).toEqual([]) // the first 410 re-lists at once
    h.handle.stop()
    await h.handle.done
  })

  it('re-lists on HTTP 410', async () => {
    const h = harness([statusResponse(410), listResponse('500', [])], '1')
    await until(() => h.urls.length >= 3)
    expect(h.lists).toHaveLength(1)
    expect(params(h.urls[2] ?? '').get('resourceVersion')).toBe('500')
    h.handle.stop()
    await h.handle.done
  })

  it('backs off exponentially on failures, reports reconnecting, and resets once live', async () => {
    const h = harness(
      [
        new TypeError('network down'),
        statusResponse(503),
        new TypeError('still down'),
        watchResponse([line('ADDED', obj('a', '11'))]),
        new TypeError('down again'),
      ],
      '10',
    )
    await until(() => h.urls.length >= 6)
    // 0.5 s, 1 s, 2 s (random = 0 → half of 1 s, 2 s, 4 s); then reset to 0.5 s after going live
    expect(h.sleeps).toEqual([500, 1000, 2000, 500])
    // (each failure is reported, with its error, so consecutive duplicates are expected)
    const transitions = h.states.filter((s, i) => s !== h.states[i - 1])
    expect(transitions).toEqual(['connecting', 'reconnecting', 'live', 'reconnecting'])
    // every retry resumes from the last version
    expect(params(h.urls[5] ?? '').get('resourceVersion')).toBe('11')
    h.handle.stop()
    await h.handle.done
  })

  it('stops cleanly while a request hangs', async () => {
    const h = harness([], '1')
    await until(() => h.urls.length === 1)
    h.handle.stop()
    await h.handle.done
    expect(h.states).toEqual(['connecting'])
  })

  it('retries a failed list with backoff', async () => {
    const h = harness([statusResponse(500), listResponse('7', [obj('a', '7')])])
    await until(() => h.lists.length === 1 && h.urls.length >= 3)
    expect(h.sleeps).toEqual([500])
    h.handle.stop()
    await h.handle.done
  })
})
