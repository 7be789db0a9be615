// Watch streams and optimistic concurrency, which the dashboard's live list and editor rely on.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  closeClients,
  clientFor,
  createTestNamespace,
  kubeRequest,
  apiRulesPath,
  testApiRule as apiRule,
} from './test/helpers.ts'

const info = inject('cluster')
let ns = ''
const collection = () => apiRulesPath(ns)

interface WatchEvent {
  type: string
  object: { metadata: { name: string; resourceVersion: string } }
}
interface Obj {
  metadata: { resourceVersion: string }
  spec: Record<string, unknown>
}

beforeAll(async () => {
  ns = await createTestNamespace(info, 'watch')
})
afterAll(closeClients)

/** Collects watch events (newline-delimited JSON) until `until` says stop. */
async function collect(path: string, signal: AbortSignal, until: (e: WatchEvent[]) => boolean) {
  const res = await clientFor(info, 'viewer').stream(path, signal)
  expect(res.status).toBe(200)
  const events: WatchEvent[] = []
  const decoder = new TextDecoder()
  let buf = ''
  if (!res.body) throw new Error('watch response has no body')
  for await (const chunk of res.body) {
    buf += decoder.decode(chunk as Uint8Array, { stream: true })
    let nl: number
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).trim()
      buf = buf.slice(nl + 1)
      if (line) events.push(JSON.parse(line) as WatchEvent)
    }
    if (until(events)) break
  }
  return events
}

describe('APIRule watch', () => {
  it('delivers ADDED, MODIFIED and DELETED', async () => {
    // Start from the list's resourceVersion, so no event is missed however late the watch connects.
    const list = await kubeRequest<{ metadata: { resourceVersion: string } }>(
      info,
      'viewer',
      'GET',
      collection(),
    )
    const rv = list.body.metadata.resourceVersion
    const ctrl = new AbortController()
    const timer = setTimeout(() => ctrl.abort(), 15_000)
    const watching = collect(`${collection()}?watch=1&resourceVersion=${rv}`, ctrl.signal, (e) =>
      e.some((x) => x.type === 'DELETED'),
    )
    const name = 'watched'
    expect((await kubeRequest(info, 'admin', 'POST', collection(), apiRule(name))).status).toBe(201)
    const patch = await kubeRequest(
      info,
      'admin',
      'PATCH',
      `${collection()}/${name}`,
      { spec: { timeout: 42 } },
      {
        'content-type': 'application/merge-patch+json',
      },
    )
    expect(patch.status).toBe(200)
    expect((await kubeRequest(info, 'admin', 'DELETE', `${collection()}/${name}`)).status).toBe(200)
    const events = await watching
    clearTimeout(timer)
    ctrl.abort()
    // The API Gateway controller adds its finalizer and writes the status (more MODIFIED events),
    // and removes the finalizer before the object is really gone (DELETED).
    const types = events.map((e) => e.type)
    expect(types[0]).toBe('ADDED')
    expect(types.at(-1)).toBe('DELETED')
    expect(types.slice(1, -1)).toContain('MODIFIED')
    expect(types.slice(1, -1).every((t) => t === 'MODIFIED')).toBe(true)
    expect(events.every((e) => e.object.metadata.name === name)).toBe(true)
  })
})

describe('optimistic concurrency', () => {
  it('rejects an update with a stale resourceVersion with 409', async () => {
    const created = await kubeRequest<Obj>(info, 'admin', 'POST', collection(), apiRule('conflict'))
    expect(created.status).toBe(201)
    const stale = created.body
    // One successful write from a fresh read (the controller writes too: retry on its conflicts).
    await expect
      .poll(async () => {
        const cur = await kubeRequest<Obj>(info, 'admin', 'GET', `${collection()}/conflict`)
        const put = await kubeRequest<Obj>(info, 'admin', 'PUT', `${collection()}/conflict`, {
          ...cur.body,
          spec: { ...cur.body.spec, timeout: 10 },
        })
        return put.status
      })
      .toBe(200)
    const second = await kubeRequest<{ reason: string }>(
      info,
      'admin',
      'PUT',
      `${collection()}/conflict`,
      {
        ...stale,
        spec: { ...stale.spec, timeout: 20 },
      },
    )
    expect(second.status).toBe(409)
    expect(second.body.reason).toBe('Conflict')
  })
})
