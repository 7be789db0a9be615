import { describe, expect, it } from 'vitest'
import {
  harness,
  listResponse,
  obj,
  params,
  setup,
  statusResponse,
  transitions,
  until,
} from './test/watch-harness.ts'

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
