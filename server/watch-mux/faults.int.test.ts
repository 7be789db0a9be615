// Network faults between the BFF and the real local kube-apiserver, made with Toxiproxy, while the
// SPA's own data layer (web/api: list + watch through the tab's watch multiplexer) runs against
// the BFF as in the browser. Stated limits (WATCH_SILENCE_GRACE_MS, the watch window = the
// upstream timeout, here 2 s):
//  - connection reset mid-watch: every event arrives exactly once (resume from the last version);
//  - a too-old version (410): one re-list, then live;
//  - half-open connection (no data, no FIN/RST): "reconnecting" within window + grace (7 s here);
//  - API server slower than the upstream timeout: 504 with a clear message, retried until it answers;
//  - API server unreachable (proxy down: connections cut, new ones refused), then back: nothing lost.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  apiRulesPath,
  closeClients,
  createTestNamespace,
  kubeRequest,
  testApiRule,
} from '../../cluster/test/helpers.ts'
import { startListWatch, type ConnectionState } from '../../web/api/list-watch.ts'
import type { K8sObject, WatchEvent } from '../../web/api/k8s-types.ts'
import { WatchMultiplexer } from '../../web/api/watch-multiplexer.ts'
import { startFaultBff, type FaultBff } from '../test/fault-bff.ts'
import { WATCH_SILENCE_GRACE_MS } from './upstream-watch.ts'

const cluster = inject('cluster')
const WINDOW_MS = 2000
let f: FaultBff
let ns: string

beforeAll(async () => {
  f = await startFaultBff(cluster, WINDOW_MS)
  ns = await createTestNamespace(cluster, 'faults')
})

// A failed test must not leave its fault behind for the next one.
afterEach(() => f.proxy.client.reset())

afterAll(async () => {
  await f?.close()
  await closeClients()
})

const servicePath = () => `/api/v1/namespaces/${ns}/services`

function service(name: string, labels: Record<string, string>) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels },
    spec: { ports: [{ port: 80, targetPort: 8080 }], selector: { app: name } },
  }
}

async function createService(name: string, labels: Record<string, string>) {
  const res = await kubeRequest(cluster, 'admin', 'POST', servicePath(), service(name, labels))
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status}`)
}

async function createApiRule(name: string, labels: Record<string, string>) {
  const rule = testApiRule(name)
  const body = { ...rule, metadata: { ...rule.metadata, labels } }
  const res = await kubeRequest(cluster, 'admin', 'POST', apiRulesPath(ns), body)
  if (res.status !== 201) throw new Error(`create ${name}: ${res.status}`)
}

/** The SPA's list + watch of one label's Services, recording everything it is told. */
function watchServices(label: string, resourceVersion?: string, path = servicePath()) {
  const mux = new WatchMultiplexer({ fetch: f.fetch })
  const lists: K8sObject[][] = []
  const events: WatchEvent<K8sObject>[] = []
  const states: { state: ConnectionState; at: number; error?: unknown }[] = []
  const handle = startListWatch<K8sObject>({
    path,
    labelSelector: `run=${label}`,
    resourceVersion,
    fetch: f.fetch,
    mux,
    onList: (list) => lists.push(list.items),
    onEvents: (batch) => events.push(...batch),
    onState: (state, error) => states.push({ state, at: performance.now(), error }),
  })
  const last = () => states.at(-1)?.state
  return {
    lists,
    events,
    states,
    last,
    added: (name: string) =>
      events.filter((e) => e.type === 'ADDED' && (e.object as K8sObject).metadata.name === name)
        .length,
    stop: async () => {
      handle.stop()
      await handle.done
      mux.close()
    },
  }
}

async function until(what: string, cond: () => boolean, ms = 20_000): Promise<number> {
  const start = performance.now()
  while (!cond()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 25))
  }
  return performance.now() - start
}

describe('faults between the BFF and the API server (Toxiproxy)', () => {
  it('a reset mid-watch: resumed from the last version, every event exactly once', async () => {
    const w = watchServices('reset')
    await until('live', () => w.last() === 'live')
    const names = Array.from({ length: 24 }, (_, i) => `reset-${i}`)
    for (const [i, name] of names.entries()) {
      if (i === 8 || i === 16) {
        // Every connection through the proxy is reset (RST) while the writes go on directly.
        await f.proxy.client.addToxic(f.proxy.name, {
          type: 'reset_peer',
          attributes: { timeout: 0 },
        })
        await until('reconnecting', () => w.last() === 'reconnecting', 10_000)
        await createService(name, { run: 'reset' })
        await f.proxy.client.removeToxic(f.proxy.name, 'reset_peer_downstream')
        continue
      }
      await createService(name, { run: 'reset' })
      await new Promise((r) => setTimeout(r, 150))
    }
    await until('all events', () => names.every((n) => w.added(n) >= 1), 30_000)
    // Past a few watch windows without faults: the BFF's own resumes (from its last version).
    await new Promise((r) => setTimeout(r, 2.5 * WINDOW_MS))
    names.push('reset-late')
    await createService('reset-late', { run: 'reset' })
    await until('the late event', () => w.added('reset-late') >= 1)
    await new Promise((r) => setTimeout(r, 500))
    expect(w.states.some((s) => s.state === 'reconnecting')).toBe(true)
    expect(w.lists).toHaveLength(1) // no re-list: the watch resumed from its version
    expect(names.filter((n) => w.added(n) !== 1)).toEqual([])
    expect(w.last()).toBe('live')
    await w.stop()
  }, 90_000)

  it('a version too old for the API server (410): one re-list, then live', async () => {
    await createApiRule('gone-0', { run: 'gone' })
    // APIRules: their watch cache answers version 1 with 410 (a core kind's fresh cache would
    // replay its state instead).
    const w = watchServices('gone', '1', apiRulesPath(ns))
    await until('live after the re-list', () => w.lists.length === 1 && w.last() === 'live')
    expect(w.lists[0]?.map((o) => o.metadata?.name)).toEqual(['gone-0'])
    await createApiRule('gone-1', { run: 'gone' })
    await until('the next event', () => w.added('gone-1') === 1)
    expect(w.lists).toHaveLength(1)
    await w.stop()
  }, 30_000)

  it(`a half-open connection: reconnecting within the window + ${WATCH_SILENCE_GRACE_MS} ms`, async () => {
    const w = watchServices('silent')
    await until('live', () => w.last() === 'live')
    // Let a window pass so the watch is in its steady state, then stop all data without closing.
    await new Promise((r) => setTimeout(r, WINDOW_MS + 500))
    const cut = performance.now()
    await f.proxy.client.addToxic(f.proxy.name, { type: 'timeout', attributes: { timeout: 0 } })
    await createService('silent-0', { run: 'silent' })
    await until('reconnecting', () => w.last() === 'reconnecting', 30_000)
    const detected = performance.now() - cut
    const reconnecting = w.states.findLast((s) => s.state === 'reconnecting')
    expect(String((reconnecting?.error as Error | undefined)?.message)).toMatch(
      /silent|did not answer in time/,
    )
    expect(detected).toBeLessThan(WINDOW_MS + WATCH_SILENCE_GRACE_MS + 1000)
    await f.proxy.client.removeToxic(f.proxy.name, 'timeout_downstream')
    const recovered = await until('live again', () => w.last() === 'live', 30_000)
    await until('the event made during the outage', () => w.added('silent-0') === 1)
    console.info(
      `half-open: detected after ${Math.round(detected)} ms, live again ${Math.round(recovered)} ms after the fault ended`,
    )
    await w.stop()
  }, 90_000)

  it('an API server slower than the upstream timeout: a clear 504, retried until it answers', async () => {
    await createService('slow-0', { run: 'slow' })
    await f.proxy.client.addToxic(f.proxy.name, {
      type: 'latency',
      attributes: { latency: WINDOW_MS + 1500 },
    })
    const w = watchServices('slow')
    try {
      await until('an error', () => w.states.some((s) => s.state === 'reconnecting'), 15_000)
      const error = w.states.find((s) => s.state === 'reconnecting')?.error as
        { code?: number; message?: string } | undefined
      expect(error?.code).toBe(504)
      expect(error?.message).toMatch(/did not answer in time/)
    } finally {
      await f.proxy.client.removeToxic(f.proxy.name, 'latency_downstream')
    }
    await until(
      'the list after the retry',
      () => w.lists.length === 1 && w.last() === 'live',
      30_000,
    )
    expect(w.lists[0]?.map((o) => o.metadata?.name)).toEqual(['slow-0'])
    await w.stop()
  }, 60_000)

  it('the API server unreachable, then back: resumed, nothing lost', async () => {
    const w = watchServices('down')
    await until('live', () => w.last() === 'live')
    await f.proxy.client.setEnabled(f.proxy.name, false)
    await until('reconnecting', () => w.last() === 'reconnecting', 10_000)
    await createService('down-0', { run: 'down' })
    const back = performance.now()
    await f.proxy.client.setEnabled(f.proxy.name, true)
    await until('the event made while it was down', () => w.added('down-0') === 1, 40_000)
    console.info(
      `unreachable: live again ${Math.round(performance.now() - back)} ms after it came back`,
    )
    expect(w.lists).toHaveLength(1)
    await w.stop()
  }, 60_000)
})
