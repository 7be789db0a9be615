// Remote-cluster benchmarks: Toxiproxy (cluster/toxiproxy) between the BFF and kube-apiserver adds
// a round-trip time (half each way) or limits the bandwidth, as a cluster tens to hundreds of ms
// away would. The browser talks to the BFF over loopback, as with `npm start` on a laptop.
//  - cold load → API Rules list (100 rules) rendered, and cold load → editor (Form view of one
//    rule) filled in, at 0, 50 and 150 ms round trip and at a limited bandwidth;
//  - Save (dry run → diff → write → details page) at 150 ms.
// Each page row says how many network-bound steps it waited for: the longest chain of BFF requests
// in which each starts after the one before it answered (Resource Timing), and, as a check, the
// extra time at 150 ms over 0 ms divided by 150.
import type { Browser, Page } from 'playwright-core'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { addRoundTrip } from '../cluster/toxiproxy/client.ts'
import { startFaultProxy, type FaultProxy } from '../cluster/toxiproxy/server.ts'
import { silentLog } from '../cluster/lib/progress.ts'
import { kubeconfigVia } from '../server/test/fault-bff.ts'
import { ApiRuleEditorPage } from '../e2e/pages/ApiRuleEditorPage.ts'
import { coldContext, waitForList } from './lib/browser.ts'
import { namespaceWithApiRules } from './lib/fixtures.ts'
import { sleep, startBff } from './lib/processes.ts'
import { type Metric, metric } from './lib/report.ts'
import { median, round } from './lib/stats.ts'

export interface RemoteEnv {
  info: TestClusterInfo
  browser: Browser
  staticDir: string
  log?: (m: string) => void
}

/** A network condition on the BFF → API server link. */
interface Link {
  label: string
  rttMs: number
  /** KB/s each way, if limited. */
  rateKBps?: number
}

/**
 * The measured BFF's upstream timeout: short, so the half-open row (detected within the timeout
 * + 5 s) does not wait 35 s; the page loads never come near it.
 */
const BENCH_UPSTREAM_TIMEOUT_S = 5

const LINKS: Link[] = [
  { label: '0 ms', rttMs: 0 },
  { label: '50 ms RTT', rttMs: 50 },
  { label: '150 ms RTT', rttMs: 150 },
  { label: '50 ms RTT, 256 KB/s', rttMs: 50, rateKBps: 256 },
]

interface Load {
  ms: number
  /**
   * Network-bound steps before the data the page waited for: the chain of BFF requests, each
   * started after an earlier one answered, that ends with that data's request.
   */
  steps: number
  /** When the data's request answered (ms since navigation): the network's part of `ms`. */
  dataMs: number
  /** BFF requests answered before the page was ready. */
  requests: number
  /** Each of those requests: path, start and end (ms since navigation), for the JSON. */
  timeline: [string, number, number][]
}

/** The chain depth of the request matching `target`, among the fetches to the BFF before `until`. */
async function apiChain(
  page: Page,
  until: number,
  target: (path: string) => boolean,
): Promise<Omit<Load, 'ms'>> {
  const entries = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming
      return { name: r.name, start: r.startTime, end: r.responseEnd, type: r.initiatorType }
    }),
  )
  const api = entries
    .map((e) => ({ ...e, path: new URL(e.name).pathname + new URL(e.name).search }))
    .filter((e) => e.type === 'fetch' && e.path.startsWith('/api/'))
    // The watch stream is long-lived; it ends after the page is ready, if at all.
    .filter((e) => !e.path.startsWith('/api/watch-stream?') && e.path !== '/api/watch-stream')
    .filter((e) => e.end <= until)
    .sort((a, b) => a.start - b.start)
  const depth: number[] = []
  api.forEach((e, i) => {
    let before = 0
    for (let j = 0; j < i; j++) {
      const prev = api[j]
      if (prev && prev.end <= e.start) before = Math.max(before, depth[j] ?? 0)
    }
    depth.push(before + 1)
  })
  const steps = Math.max(0, ...api.map((e, i) => (target(e.path) ? (depth[i] ?? 0) : 0)))
  return {
    steps,
    dataMs: Math.max(0, ...api.filter((e) => target(e.path)).map((e) => e.end)),
    requests: api.length,
    timeline: api.map((e) => [e.path.slice(0, 120), Math.round(e.start), Math.round(e.end)]),
  }
}

async function loadList(browser: Browser, origin: string, ns: string): Promise<Load> {
  const ctx = await coldContext(browser)
  try {
    const page = await ctx.newPage()
    await page.goto(`${origin}/namespaces/${ns}/apirules`, { waitUntil: 'commit' })
    const ms = await waitForList(page, 100)
    const list = `/namespaces/${ns}/apirules`
    return { ms, ...(await apiChain(page, ms, (p) => p.split('?')[0]?.endsWith(list) ?? false)) }
  } finally {
    await ctx.close()
  }
}

async function loadEditor(browser: Browser, origin: string, ns: string): Promise<Load> {
  const ctx = await coldContext(browser)
  try {
    const page = await ctx.newPage()
    await page.goto(`${origin}/namespaces/${ns}/apirules/api-0000/edit?view=form`, {
      waitUntil: 'commit',
    })
    const handle = await page.waitForFunction(
      () => {
        const input = document.getElementById('f-spec-rules-0-path') as HTMLInputElement | null
        return input && input.value ? performance.now() : false
      },
      undefined,
      { polling: 'raf', timeout: 60_000 },
    )
    const ms = (await handle.jsonValue()) as number
    const object = `/namespaces/${ns}/apirules/api-0000`
    return { ms, ...(await apiChain(page, ms, (p) => p.split('?')[0]?.endsWith(object) ?? false)) }
  } finally {
    await ctx.close()
  }
}

/** The list page's connection indicator state (`data-connection`), polled every frame. */
async function waitForConnection(page: Page, state: string, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(
    (want) => document.querySelector(`[data-connection="${want}"]`) !== null,
    state,
    { polling: 'raf', timeout: timeoutMs },
  )
  return performance.now()
}

interface Recovery {
  fault: string
  /** Fault made → the page says "Reconnecting… may be out of date". */
  detectedMs: number
  /** Fault over → the page says "Live" again. */
  recoveredMs: number
}

/**
 * Faults on the BFF → API server link while the list is open: how long until the page says the
 * data may be stale, and how long after the fault until it is live again.
 */
async function recoveries(
  browser: Browser,
  origin: string,
  ns: string,
  proxy: FaultProxy,
): Promise<Recovery[]> {
  const ctx = await coldContext(browser)
  const out: Recovery[] = []
  try {
    const page = await ctx.newPage()
    await page.goto(`${origin}/namespaces/${ns}/apirules`)
    await waitForConnection(page, 'live')
    const faults: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
      [
        'connection reset (RST)',
        () => proxy.client.addToxic(proxy.name, { type: 'reset_peer', attributes: { timeout: 0 } }),
        () => proxy.client.removeToxic(proxy.name, 'reset_peer_downstream'),
      ],
      [
        'API server unreachable (connections cut, refused)',
        () => proxy.client.setEnabled(proxy.name, false),
        () => proxy.client.setEnabled(proxy.name, true),
      ],
      [
        `half-open connection (nothing passes, nothing closes; window ${BENCH_UPSTREAM_TIMEOUT_S} s)`,
        () => proxy.client.addToxic(proxy.name, { type: 'timeout', attributes: { timeout: 0 } }),
        () => proxy.client.removeToxic(proxy.name, 'timeout_downstream'),
      ],
    ]
    for (const [fault, start, end] of faults) {
      await sleep(1000)
      const t0 = performance.now()
      await start()
      const detected = await waitForConnection(page, 'reconnecting')
      await sleep(500)
      await end()
      const t1 = performance.now()
      const live = await waitForConnection(page, 'live')
      out.push({ fault, detectedMs: detected - t0, recoveredMs: live - t1 })
    }
  } finally {
    await proxy.client.reset()
    await ctx.close()
  }
  return out
}

/** Save in the editor: Save → dry run → diff shown; confirm → write → details page. */
async function save(
  browser: Browser,
  origin: string,
  ns: string,
  i: number,
): Promise<{ dryRunMs: number; writeMs: number }> {
  const ctx = await coldContext(browser)
  try {
    const page = await ctx.newPage()
    await page.goto(`${origin}/namespaces/${ns}/apirules/api-0001/edit?view=form`)
    const editor = new ApiRuleEditorPage(page)
    await editor.ready()
    await editor.rule(1).setPath(`/saved-${i}`)
    const t0 = performance.now()
    await editor.openDiff()
    const t1 = performance.now()
    await editor.confirmDiff()
    await page.waitForURL(new RegExp(`/namespaces/${ns}/apirules/api-0001$`), { timeout: 60_000 })
    return { dryRunMs: t1 - t0, writeMs: performance.now() - t1 }
  } finally {
    await ctx.close()
  }
}

export async function runRemoteBench(
  env: RemoteEnv,
  opts: { runs: number },
): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const log = env.log ?? (() => {})
  const proxy = await startFaultProxy(env.info.server, { log: silentLog })
  const kubeconfig = await kubeconfigVia(env.info, proxy.proxyUrl)
  const bff = await startBff({ ...env.info, kubeconfigPath: kubeconfig }, [
    '--static-dir',
    env.staticDir,
    '--upstream-timeout',
    String(BENCH_UPSTREAM_TIMEOUT_S),
  ])
  try {
    log('creating 100 APIRules…')
    const ns = await namespaceWithApiRules(env.info, 'bench-remote', 100)
    await loadList(env.browser, bff.origin, ns) // warm the BFF and the API server
    const results: Record<string, { list: Load[]; editor: Load[] }> = {}
    for (const link of LINKS) {
      await proxy.client.reset()
      await addRoundTrip(proxy.client, proxy.name, link.rttMs)
      if (link.rateKBps)
        for (const stream of ['upstream', 'downstream'] as const)
          await proxy.client.addToxic(
            proxy.name,
            { type: 'bandwidth', attributes: { rate: link.rateKBps } },
            { name: `rate_${stream}`, stream },
          )
      const r = { list: [] as Load[], editor: [] as Load[] }
      for (let i = 0; i < opts.runs; i++) {
        r.list.push(await loadList(env.browser, bff.origin, ns))
        r.editor.push(await loadEditor(env.browser, bff.origin, ns))
      }
      results[link.label] = r
      log(`${link.label}: list ${round(median(r.list.map((l) => l.ms)), 0)} ms`)
    }
    await proxy.client.reset()
    await addRoundTrip(proxy.client, proxy.name, 150)
    const saves = []
    for (let i = 0; i < opts.runs; i++) saves.push(await save(env.browser, bff.origin, ns, i))
    await proxy.client.reset()
    const recovered: Recovery[][] = []
    for (let i = 0; i < opts.runs; i++)
      recovered.push(await recoveries(env.browser, bff.origin, ns, proxy))

    const metrics: Metric[] = []
    const med = (xs: Load[], k: 'ms' | 'steps' | 'requests' | 'dataMs') =>
      round(median(xs.map((x) => x[k])), 0)
    const base = results['0 ms']
    for (const what of ['list', 'editor'] as const) {
      const title = what === 'list' ? 'Cold load → list rendered' : 'Cold load → editor filled'
      for (const link of LINKS) {
        const r = results[link.label]?.[what] ?? []
        const ms = med(r, 'ms')
        const extra = base ? ms - med(base[what], 'ms') : Number.NaN
        const fromTime = link.rttMs && !link.rateKBps ? round(extra / link.rttMs, 1) : undefined
        metrics.push(
          metric(`${title}, ${link.label}`, ms, 'ms', {
            detail:
              `${med(r, 'steps')} sequential BFF requests to the data, which arrived at ${med(r, 'dataMs')} ms ` +
              `(${med(r, 'requests')} requests before ready)` +
              (fromTime !== undefined ? `; +${extra} ms over 0 ms = ${fromTime} × RTT` : '') +
              `; n=${r.length}`,
          }),
        )
      }
      const far = results['150 ms RTT']?.[what] ?? []
      metrics.push(
        metric(`${title}: sequential BFF requests at 150 ms`, med(far, 'steps'), 'steps', {
          target: { op: '<=', value: 2 },
        }),
      )
    }
    metrics.push(
      metric(
        'Save at 150 ms RTT: dry run → diff shown',
        round(median(saves.map((s) => s.dryRunMs)), 0),
        'ms',
        {
          detail: `n=${saves.length}`,
        },
      ),
      metric(
        'Save at 150 ms RTT: confirm → written, details page',
        round(median(saves.map((s) => s.writeMs)), 0),
        'ms',
        {
          detail: `n=${saves.length}`,
        },
      ),
    )
    for (const [i, r] of (recovered[0] ?? []).entries()) {
      const detected = round(median(recovered.map((x) => x[i]?.detectedMs ?? NaN)), 0)
      const back = round(median(recovered.map((x) => x[i]?.recoveredMs ?? NaN)), 0)
      // Stated limits: refused connections at once (2 s); Toxiproxy's reset_peer resets a connection
      // when it next carries data, and an idle watch carries none until its window ends (5 s); a
      // half-open connection is cut after the window + 5 s.
      const stated = r.fault.startsWith('half-open')
        ? (BENCH_UPSTREAM_TIMEOUT_S + 5) * 1000
        : r.fault.startsWith('connection reset')
          ? BENCH_UPSTREAM_TIMEOUT_S * 1000
          : 2000
      metrics.push(
        metric(`${r.fault}: "may be out of date" shown after`, detected, 'ms', {
          target: { op: '<=', value: stated },
          detail: `n=${recovered.length}`,
        }),
        metric(`${r.fault}: "Live" again after the fault ended`, back, 'ms', {
          detail: `n=${recovered.length}; the SPA's backoff after a failure is 0.5–1 s, then 1–2 s…`,
        }),
      )
    }
    return { metrics, details: { links: LINKS, results, saves, recovered } }
  } finally {
    await bff.stop()
    await proxy.stop()
  }
}
