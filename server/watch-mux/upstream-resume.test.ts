// The BFF's own resume of an upstream watch: each watch is asked to end after the watch window
// (timeoutSeconds), and when the API server ends it normally the BFF opens it again from the last
// resourceVersion it forwarded, without the client seeing an END or a second OPEN. Against a fake
// API server, so the exact upstream requests can be checked; the same over a real API server with
// connection faults is in server/watch-mux/faults.int.test.ts.
import type { ServerResponse } from 'node:http'
import { afterAll, describe, expect, it } from 'vitest'
import { startBff } from '../test/bff.ts'
import { fakeUpstream, startFakeApiServer } from '../test/fake-upstream.ts'
import { ofSub, openStream, subscribe } from './test-support.ts'

const cleanups: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

const APIRULES = '/apis/gateway.kyma-project.io/v2/namespaces/demo/apirules'
const line = (type: string, name: string, rv: string) =>
  JSON.stringify({ type, object: { metadata: { name, resourceVersion: rv } } }) + '\n'

describe('upstream watch window and resume', () => {
  it('re-opens a watch the API server ended from the last version, unseen by the client', async () => {
    const urls: string[] = []
    const open: ServerResponse[] = []
    const server = await startFakeApiServer((req, res) => {
      urls.push(req.url ?? '')
      res.writeHead(200, { 'content-type': 'application/json' })
      res.flushHeaders()
      open.push(res)
    })
    cleanups.push(() => server.close())
    const bff = await startBff({ upstreamTimeoutMs: 7000 }, { upstream: fakeUpstream(server.url) })
    cleanups.push(() => bff.close())
    const stream = await openStream(bff.origin)
    const o = { origin: bff.origin, port: bff.port }
    await subscribe(o, stream.id, 'a', `${APIRULES}?watch=true&resourceVersion=1`)
    await stream.next((v) => v.sub === 'a' && v.type === 'OPEN')
    expect(urls[0]).toBe(`${APIRULES}?watch=true&resourceVersion=1&timeoutSeconds=7`)

    // The API server's window ends after two events and a bookmark.
    open[0]?.write(line('ADDED', 'x', '2') + line('MODIFIED', 'x', '3'))
    open[0]?.end(line('BOOKMARK', '', '5'))
    const deadline = Date.now() + 3000
    while (urls.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10))
    expect(urls[1]).toBe(`${APIRULES}?watch=true&resourceVersion=5&timeoutSeconds=7`)

    // The resumed watch carries on over the same subscription.
    open[1]?.write(line('DELETED', 'x', '6'))
    await stream.next(
      (v) => v.sub === 'a' && (v.event as { type?: string } | undefined)?.type === 'DELETED',
    )
    const a = stream.lines.filter((l) => ofSub('a')(l.value)).map((l) => l.value)
    expect(a.filter((v) => v.type === 'OPEN')).toHaveLength(1)
    expect(a.filter((v) => v.type === 'END')).toHaveLength(0)
    expect(a.map((v) => (v.event as { type?: string } | undefined)?.type)).toEqual([
      undefined, // OPEN
      'ADDED',
      'MODIFIED',
      'BOOKMARK',
      'DELETED',
    ])
    stream.close()
  })
})
