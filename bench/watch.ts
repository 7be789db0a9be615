// Watch fan-out: W concurrent watch streams on APIRules through the BFF (each its own HTTP
// connection from this process), plus a few watches directly against kube-apiserver as the
// reference. Then N writes (merge-patch of an annotation carrying a sequence number) go straight to
// the API server; each event's latency is its arrival at a watcher minus the write's response time.
// Meanwhile the BFF process's RSS is sampled from /proc (and VmHWM read at the end).
import { Worker } from 'node:worker_threads'
import { kubeRequest } from '../cluster/test/helpers.ts'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { apiRulesPath, namespaceWithApiRules } from './lib/fixtures.ts'
import type { WatchGroup, WorkerMessage } from './lib/watch-worker.ts'
import { type BffAuthMode, processMemory, sampleRss, sleep, startBff } from './lib/processes.ts'
import { type Metric, metric } from './lib/report.ts'
import { round, roundSummary, summarize } from './lib/stats.ts'

export interface WatchOptions {
  watchers: number
  /** Direct (reference) watchers. */
  reference: number
  writes: number
  /** Pause between writes, ms. */
  spacingMs: number
  /**
   * The BFF's credential mode. Default: $BENCH_BFF_AUTH_MODE, else kubeconfig. in-cluster mode never
   * loads @kubernetes/client-node, so comparing the two shows that library's share of the RSS.
   */
  authMode?: BffAuthMode
  log?: (m: string) => void
}

const SEQ_KEY = 'bench.kyma-project.io/seq'
const now = () => performance.timeOrigin + performance.now()

/** Talks to the watch worker: waits for one message of `type`. */
function next<T extends WorkerMessage['type']>(
  worker: Worker,
  type: T,
  timeoutMs: number,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage)
      reject(new Error(`watch worker: no '${type}' within ${timeoutMs} ms`))
    }, timeoutMs)
    const onMessage = (msg: WorkerMessage) => {
      if (msg.type === 'error') {
        clearTimeout(timer)
        worker.off('message', onMessage)
        reject(new Error(msg.message))
      } else if (msg.type === type) {
        clearTimeout(timer)
        worker.off('message', onMessage)
        resolve(msg as Extract<WorkerMessage, { type: T }>)
      }
    }
    worker.on('message', onMessage)
  })
}

export async function runWatchBench(
  info: TestClusterInfo,
  opts: WatchOptions,
): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const log = opts.log ?? (() => {})
  const ns = await namespaceWithApiRules(info, 'bench-watch', 5)
  const list = apiRulesPath(ns)
  const authMode: BffAuthMode =
    opts.authMode ??
    (process.env.BENCH_BFF_AUTH_MODE === 'in-cluster' ? 'in-cluster' : 'kubeconfig')
  const bff = await startBff(info, [], authMode)
  const rss = sampleRss(bff.pid, 25)
  let worker: Worker | undefined
  try {
    // One list through the BFF warms it up; its RSS then is the baseline.
    const listed = await kubeRequest<{ metadata: { resourceVersion: string } }>(
      info,
      'admin',
      'GET',
      list,
    )
    const rv = listed.body.metadata.resourceVersion
    await fetch(`${bff.origin}/api/k8s${list}`).then((r) => r.arrayBuffer())
    await sleep(300)
    const baseline = processMemory(bff.pid)

    const query = `?watch=1&resourceVersion=${rv}`
    log(`opening ${opts.watchers} watches through the BFF and ${opts.reference} direct…`)
    const groups: WatchGroup[] = [
      {
        name: 'bff',
        origin: bff.origin,
        path: `/api/k8s${list}${query}`,
        headers: { accept: 'application/json' },
        count: opts.watchers,
      },
      {
        name: 'direct',
        origin: info.server,
        path: `${list}${query}`,
        headers: { accept: 'application/json', authorization: `Bearer ${info.tokens.admin}` },
        count: opts.reference,
        ca: info.caData,
      },
    ]
    worker = new Worker(new URL('./lib/watch-worker.ts', import.meta.url), {
      workerData: { groups },
    })
    await next(worker, 'connected', 30_000)
    await sleep(500)
    const connectedRss = processMemory(bff.pid)

    log(`${opts.writes} writes…`)
    const written = new Map<number, { start: number; end: number }>()
    for (let seq = 0; seq < opts.writes; seq++) {
      const name = `api-${String(seq % 5).padStart(4, '0')}`
      const start = now()
      const res = await kubeRequest(
        info,
        'admin',
        'PATCH',
        `${list}/${name}`,
        { metadata: { annotations: { [SEQ_KEY]: String(seq) } } },
        { 'content-type': 'application/merge-patch+json' },
      )
      const end = now()
      if (res.status !== 200) throw new Error(`patch ${name}: HTTP ${res.status}`)
      written.set(seq, { start, end })
      await sleep(opts.spacingMs)
    }
    const expectedAll = opts.writes * (opts.watchers + opts.reference)
    const waitUntil = Date.now() + 10_000
    while (Date.now() < waitUntil) {
      worker.postMessage({ type: 'count' })
      if ((await next(worker, 'count', 5000)).received >= expectedAll) break
      await sleep(100)
    }
    const peak = rss.stop()
    const hwm = processMemory(bff.pid)
    worker.postMessage({ type: 'collect' })
    const arrivals = (await next(worker, 'arrivals', 10_000)).groups

    const latencies = (group: string, from: 'start' | 'end') => {
      const xs: number[] = []
      for (const w of arrivals[group] ?? [])
        for (const [seq, at] of w) {
          const t = written.get(seq)
          if (t) xs.push(at - t[from])
        }
      return xs
    }
    const bffLat = summarize(latencies('bff', 'end'))
    const directLat = summarize(latencies('direct', 'end'))
    const bffFromStart = summarize(latencies('bff', 'start'))
    const expected = opts.writes * opts.watchers
    const delivered = (arrivals.bff ?? []).reduce((n, w) => n + w.length, 0)

    const details = {
      authMode,
      watchers: opts.watchers,
      reference: opts.reference,
      writes: opts.writes,
      spacingMs: opts.spacingMs,
      latencyFromWriteResponseMs: { bff: roundSummary(bffLat), direct: roundSummary(directLat) },
      latencyFromWriteStartMs: { bff: roundSummary(bffFromStart) },
      delivered,
      expected,
      rssMb: {
        baseline: round(baseline?.rssMb ?? NaN, 1),
        withWatches: round(connectedRss?.rssMb ?? NaN, 1),
        peakSampled: round(peak.peakMb, 1),
        vmHwm: round(hwm?.hwmMb ?? NaN, 1),
        samples: peak.samples,
      },
    }
    const peakMb = Math.max(peak.peakMb, connectedRss?.rssMb ?? 0)
    const perWatchKb =
      baseline && connectedRss
        ? ((connectedRss.rssMb - baseline.rssMb) * 1024) / opts.watchers
        : NaN
    const metrics = [
      metric(`${opts.watchers} watches: event latency p50`, round(bffLat.median, 2), 'ms', {
        detail: `write response → arrival, ${bffLat.n} events; direct reference (${opts.reference} watches) p50 ${directLat.median.toFixed(2)} ms`,
      }),
      metric(`${opts.watchers} watches: event latency p99`, round(bffLat.p99, 2), 'ms', {
        detail: `max ${bffLat.max.toFixed(1)} ms; direct reference p99 ${directLat.p99.toFixed(2)} ms; from write start p99 ${bffFromStart.p99.toFixed(2)} ms`,
        target: { op: '<=', value: 100 },
      }),
      metric(`${opts.watchers} watches: BFF peak RSS`, round(peakMb, 1), 'MB', {
        detail: `${authMode} mode; sampled VmRSS every 25 ms; idle after one list ${baseline?.rssMb.toFixed(1)} MB, with watches open ${connectedRss?.rssMb.toFixed(1)} MB (≈ ${perWatchKb.toFixed(0)} KB per watch); VmHWM ${hwm?.hwmMb.toFixed(1)} MB`,
        target: { op: '<=', value: 150 },
      }),
      metric(
        `${opts.watchers} watches: events delivered`,
        round((100 * delivered) / expected, 2),
        '%',
        {
          detail: `${delivered} of ${expected}`,
          target: { op: '>=', value: 100 },
        },
      ),
    ]
    return { metrics, details }
  } finally {
    rss.stop()
    await worker?.terminate()
    await bff.stop()
  }
}
