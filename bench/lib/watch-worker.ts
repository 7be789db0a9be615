// Worker thread holding the watch clients of the watch benchmark, so the writer (main thread)
// is not delayed by 200 streams' parsing, and arrival times are not delayed by the writer. Times are
// absolute (performance.timeOrigin + now()), comparable across threads.
import { parentPort, workerData } from 'node:worker_threads'
import { Pool } from 'undici'

export interface WatchGroup {
  name: string
  origin: string
  path: string
  headers: Record<string, string>
  count: number
  ca?: string
}

export type WorkerMessage =
  | { type: 'connected'; total: number }
  | { type: 'error'; message: string }
  /** events received so far, over all watchers */
  | { type: 'count'; received: number }
  /** group → per watcher: [seq, absolute arrival ms][] */
  | { type: 'arrivals'; groups: Record<string, [number, number][][]> }

const SEQ_RE = /"bench\.kyma-project\.io\/seq":"(\d+)"/
const now = () => performance.timeOrigin + performance.now()

const groups = (workerData as { groups: WatchGroup[] }).groups
const port = parentPort
if (!port) throw new Error('watch-worker must run as a worker thread')

const abort = new AbortController()
const pools: Pool[] = []
const arrivals: Record<string, Map<number, number>[]> = {}
let connected = 0
const total = groups.reduce((n, g) => n + g.count, 0)

for (const g of groups) {
  const pool = new Pool(g.origin, {
    connections: g.count + 2,
    pipelining: 1,
    ...(g.ca ? { connect: { ca: g.ca } } : {}),
  })
  pools.push(pool)
  arrivals[g.name] = []
  for (let i = 0; i < g.count; i++) {
    const seen = new Map<number, number>()
    arrivals[g.name]?.push(seen)
    void (async () => {
      try {
        const res = await pool.request({
          method: 'GET',
          path: g.path,
          headers: g.headers,
          signal: abort.signal,
        })
        if (res.statusCode !== 200) throw new Error(`${g.name} watch: HTTP ${res.statusCode}`)
        connected++
        if (connected === total) port.postMessage({ type: 'connected', total })
        let pending = ''
        for await (const chunk of res.body) {
          const at = now()
          pending += (chunk as Buffer).toString('utf8')
          let nl = pending.indexOf('\n')
          while (nl >= 0) {
            const m = SEQ_RE.exec(pending.slice(0, nl))
            if (m && !seen.has(Number(m[1]))) seen.set(Number(m[1]), at)
            pending = pending.slice(nl + 1)
            nl = pending.indexOf('\n')
          }
        }
      } catch (error) {
        if (!abort.signal.aborted) port.postMessage({ type: 'error', message: String(error) })
      }
    })()
  }
}

port.on('message', (msg: { type: 'collect' | 'count' }) => {
  if (msg.type === 'count') {
    let received = 0
    for (const list of Object.values(arrivals)) for (const m of list) received += m.size
    port.postMessage({ type: 'count', received })
    return
  }
  if (msg.type !== 'collect') return
  const out: Record<string, [number, number][][]> = {}
  for (const [name, list] of Object.entries(arrivals)) out[name] = list.map((m) => [...m])
  port.postMessage({ type: 'arrivals', groups: out })
  abort.abort()
  void Promise.allSettled(pools.map((p) => p.destroy())).then(() => port.close())
})
