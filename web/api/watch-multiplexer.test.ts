import { describe, expect, it } from 'vitest'
import type { K8sObject } from './k8s-types.ts'
import {
  harness,
  obj,
  params,
  setup,
  statusResponse,
  transitions,
  until,
} from './test/watch-harness.ts'

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
