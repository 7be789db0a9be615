// Page benchmarks in headless Chromium against the BFF serving the built SPA:
//  - first load: cold cache → API Rules list with 100 rules rendered; JS bytes loaded until then;
//    no Monaco on the list nor on the editor's Form view; a not-found route and /healthz as the
//    machine-speed reference;
//  - big list: 2,000 (and 10,000) APIRules → render time after the list response arrived, frame
//    times while scrolling the virtualized table with the mouse wheel (idle frames as the
//    reference), sort and filter times, and keystrokes lost when typing at 30 ms per key.
import type { Browser, Page } from 'playwright-core'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import {
  MONACO_RE,
  coldContext,
  gzipSize,
  isJs,
  resources,
  startFrameRecorder,
  stopFrameRecorder,
  waitForList,
  waitForNotFound,
} from './lib/browser.ts'
import { namespaceWithApiRules } from './lib/fixtures.ts'
import { timeFilter, timeSort, typeIntoSearch, type TypingTry } from './list-interaction.ts'
import { sleep } from './lib/processes.ts'
import { type Metric, metric } from './lib/report.ts'
import { median, round, roundSummary, summarize } from './lib/stats.ts'

export interface PageEnv {
  info: TestClusterInfo
  browser: Browser
  /** BFF origin serving `staticDir`. */
  origin: string
  staticDir: string
  log?: (m: string) => void
}

interface ListLoad {
  readyMs: number
  /** responseEnd of the APIRule list response (ms since navigation start). */
  dataMs: number
  jsRawBytes: number
  jsGzipBytes: number
  jsFiles: number
  monacoRequests: string[]
  contentEncodings: string[]
}

/** One cold navigation to a namespace's API Rule list, until `count` rules are rendered. */
async function loadList(env: PageEnv, ns: string, count: number): Promise<ListLoad> {
  const ctx = await coldContext(env.browser)
  const requested: string[] = []
  const encodings = new Set<string>()
  ctx.on('request', (r) => requested.push(r.url()))
  ctx.on('response', (r) => {
    if (isJs(r.url())) encodings.add(r.headers()['content-encoding'] ?? 'none')
  })
  try {
    const page = await ctx.newPage()
    await page.goto(`${env.origin}/namespaces/${ns}/apirules`, { waitUntil: 'commit' })
    const readyMs = await waitForList(page, count)
    const entries = await resources(page)
    const listPath = `/namespaces/${ns}/apirules`
    const data = entries.find(
      (e) =>
        e.initiatorType === 'fetch' &&
        new URL(e.name).pathname.endsWith(listPath) &&
        !e.name.includes('watch='),
    )
    const js = entries.filter((e) => isJs(e.name) && e.responseEnd <= readyMs)
    let gz = 0
    for (const e of js) gz += await gzipSize(env.staticDir, e.name)
    return {
      readyMs,
      dataMs: data?.responseEnd ?? Number.NaN,
      jsRawBytes: js.reduce((n, e) => n + e.encodedBodySize, 0),
      jsGzipBytes: gz,
      jsFiles: js.length,
      monacoRequests: requested.filter((u) => MONACO_RE.test(new URL(u).pathname)),
      contentEncodings: [...encodings],
    }
  } finally {
    await ctx.close()
  }
}

async function loadNotFound(env: PageEnv): Promise<number> {
  const ctx = await coldContext(env.browser)
  try {
    const page = await ctx.newPage()
    await page.goto(`${env.origin}/bench-no-such-page`, { waitUntil: 'commit' })
    return await waitForNotFound(page)
  } finally {
    await ctx.close()
  }
}

async function loadHealthz(env: PageEnv): Promise<number> {
  const ctx = await coldContext(env.browser)
  try {
    const page = await ctx.newPage()
    await page.goto(`${env.origin}/healthz`, { waitUntil: 'load' })
    return await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming
      return nav.loadEventEnd || performance.now()
    })
  } finally {
    await ctx.close()
  }
}

/** Opens the editor's Form view (create) and returns the Monaco URLs requested by then. */
async function formViewMonaco(env: PageEnv, ns: string): Promise<string[]> {
  const ctx = await coldContext(env.browser)
  const requested: string[] = []
  ctx.on('request', (r) => requested.push(r.url()))
  try {
    const page = await ctx.newPage()
    await page.goto(`${env.origin}/namespaces/${ns}/apirules/-create-?view=form`)
    await page.waitForFunction(() => !!document.getElementById('f-spec-rules-0-path'), undefined, {
      polling: 'raf',
      timeout: 60_000,
    })
    // Give lazy imports a moment to show up.
    await page.waitForLoadState('networkidle').catch(() => {})
    await sleep(500)
    return requested.filter((u) => MONACO_RE.test(new URL(u).pathname))
  } finally {
    await ctx.close()
  }
}

export async function runFirstLoadBench(
  env: PageEnv,
  opts: { runs: number },
): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const log = env.log ?? (() => {})
  log('creating 100 APIRules…')
  const ns = await namespaceWithApiRules(env.info, 'bench-load', 100)
  // One untimed load warms the BFF and the API server (not the browser: every load is cold).
  await loadList(env, ns, 100)
  const list: ListLoad[] = []
  const notFound: number[] = []
  const healthz: number[] = []
  for (let i = 0; i < opts.runs; i++) {
    log(`cold loads, run ${i + 1}/${opts.runs}`)
    healthz.push(await loadHealthz(env))
    notFound.push(await loadNotFound(env))
    list.push(await loadList(env, ns, 100))
  }
  const monacoForm = await formViewMonaco(env, ns)
  const ready = summarize(list.map((l) => l.readyMs))
  const nf = summarize(notFound)
  const hz = summarize(healthz)
  const renderAfterData = summarize(list.map((l) => l.readyMs - l.dataMs))
  const last = list[list.length - 1] as ListLoad
  const monacoList = [...new Set(list.flatMap((l) => l.monacoRequests))]
  const encodings = [...new Set(list.flatMap((l) => l.contentEncodings))]
  const details = {
    namespace: ns,
    runs: opts.runs,
    listReadyMs: roundSummary(ready),
    notFoundReadyMs: roundSummary(nf),
    healthzLoadMs: roundSummary(hz),
    renderAfterDataMs: roundSummary(renderAfterData),
    perRun: list.map((l) => ({ ...l, readyMs: round(l.readyMs, 1), dataMs: round(l.dataMs, 1) })),
    jsContentEncodingServed: encodings,
    monacoOnList: monacoList,
    monacoOnFormView: monacoForm,
  }
  const metrics = [
    metric('list of 100: cold load → rendered', round(ready.median, 0), 'ms', {
      detail: `p95 ${ready.p95.toFixed(0)} ms, n=${ready.n}; ${(ready.median / nf.median).toFixed(2)}× the not-found route (${nf.median.toFixed(0)} ms, same shell), ${(ready.median / hz.median).toFixed(1)}× /healthz (${hz.median.toFixed(0)} ms); render after data ${renderAfterData.median.toFixed(0)} ms`,
    }),
    metric('first-load JS (gzip -6)', round(last.jsGzipBytes / 1024, 1), 'KB', {
      detail: `${last.jsFiles} files; served ${(last.jsRawBytes / 1024).toFixed(0)} KB as is — the BFF's static server sends JS with Content-Encoding: ${encodings.join(', ')}, so gzip is what a compressing proxy would send`,
      target: { op: '<=', value: 300 },
    }),
    metric('Monaco requests on the list page', monacoList.length, 'requests', {
      detail: monacoList.length ? monacoList.join(', ') : 'none',
      target: { op: '<=', value: 0 },
    }),
    metric('Monaco requests on the editor Form view', monacoForm.length, 'requests', {
      detail: monacoForm.length ? monacoForm.map((u) => new URL(u).pathname).join(', ') : 'none',
      target: { op: '<=', value: 0 },
    }),
  ]
  return { metrics, details }
}

/** The scroll position of the API Rule table's scroll container. */
async function tableScrollTop(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelector('.kd-vtable')?.scrollTop ?? 0)
}

export async function runBigListBench(
  env: PageEnv,
  opts: {
    count: number
    runs: number
    wheelSteps: number
    /** Sort clicks and filter changes timed (each). */
    interactions: number
    typingTries: number
    /** Targets for scrolling, sort and filter apply (the 2,000 list); else the figures are shown. */
    targets: boolean
  },
): Promise<{ metrics: Metric[]; details: Record<string, unknown> }> {
  const log = env.log ?? (() => {})
  log(`creating ${opts.count} APIRules (40 in flight)…`)
  const t0 = performance.now()
  const ns = await namespaceWithApiRules(env.info, 'bench-big', opts.count, 40)
  const createMs = performance.now() - t0
  await loadList(env, ns, opts.count) // warm the server side
  const loads: ListLoad[] = []
  for (let i = 0; i < opts.runs; i++) {
    log(`cold load of ${opts.count}, run ${i + 1}/${opts.runs}`)
    loads.push(await loadList(env, ns, opts.count))
  }

  log('scrolling…')
  const ctx = await coldContext(env.browser)
  let idle: number[]
  let frames: number[]
  let scrolled: number
  let lastRowKey: string | null
  let sortMs: number[]
  let filterMs: number[]
  let clearMs: number[]
  let typing: TypingTry[]
  try {
    const page = await ctx.newPage()
    await page.goto(`${env.origin}/namespaces/${ns}/apirules`, { waitUntil: 'commit' })
    await waitForList(page, opts.count)
    await sleep(1000)
    // Reference: one second of frames with nothing happening.
    await startFrameRecorder(page)
    await sleep(1000)
    idle = await stopFrameRecorder(page)
    const box = await page.locator('.kd-vtable').boundingBox()
    if (!box) throw new Error('the API Rule table has no layout box')
    await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 300))
    await startFrameRecorder(page)
    for (let i = 0; i < opts.wheelSteps; i++) {
      await page.mouse.wheel(0, 240)
      await sleep(16)
    }
    await sleep(300)
    frames = await stopFrameRecorder(page)
    scrolled = await tableScrollTop(page)
    lastRowKey = await page.evaluate(() => {
      const rows = [...document.querySelectorAll('tr[data-key]')]
      return rows[rows.length - 1]?.getAttribute('data-key') ?? null
    })

    log('sorting and filtering…')
    await page.evaluate(() => document.querySelector('.kd-vtable')?.scrollTo(0, 0))
    sortMs = await timeSort(page, opts.interactions * 2)
    filterMs = []
    clearMs = []
    const all = `${opts.count} API Rules`
    for (let i = 0; i < opts.interactions; i++) {
      // "api-12" is in 100 names (api-1200 … api-1299), and in no host, label or service.
      filterMs.push(await timeFilter(page, 'api-12', `100 of ${opts.count} API Rules`))
      await sleep(400)
      clearMs.push(await timeFilter(page, '', all))
      await sleep(400)
    }
    log('typing at 30 ms per key…')
    typing = await typeIntoSearch(page, 'api-1234', opts.typingTries)
  } finally {
    await ctx.close()
  }

  const ready = summarize(loads.map((l) => l.readyMs))
  const after = summarize(loads.map((l) => l.readyMs - l.dataMs))
  const data = summarize(loads.map((l) => l.dataMs))
  const f = summarize(frames)
  const fi = summarize(idle)
  const long = frames.filter((x) => x > 17.5).length
  const dropped = frames.filter((x) => x > 25).length
  const droppedPct = frames.length ? (100 * dropped) / frames.length : Number.NaN
  const sort = summarize(sortMs)
  const filter = summarize(filterMs)
  const clear = summarize(clearMs)
  const lost = typing.reduce((n, t) => n + t.lostCharacters, 0)
  const typed = typing.reduce((n, t) => n + t.typed.length, 0)
  const exact = typing.filter((t) => t.value === t.typed).length
  const details = {
    namespace: ns,
    count: opts.count,
    createMs: round(createMs, 0),
    runs: opts.runs,
    readyMs: roundSummary(ready),
    dataArrivedMs: roundSummary(data),
    renderAfterDataMs: roundSummary(after),
    scroll: {
      wheelSteps: opts.wheelSteps,
      scrollTopPx: scrolled,
      lastRenderedRow: lastRowKey,
      frameMs: roundSummary(f),
      idleFrameMs: roundSummary(fi),
      framesOver17_5: long,
      framesOver25: dropped,
      frames: frames.map((x) => round(x, 1)),
    },
    sortMs: roundSummary(sort),
    filterMs: roundSummary(filter),
    clearFilterMs: roundSummary(clear),
    typing,
  }
  const target = <T>(t: T) => (opts.targets ? { target: t } : {})
  const metrics = [
    metric(
      `list of ${opts.count}: render after data arrived`,
      round(median(loads.map((l) => l.readyMs - l.dataMs)), 0),
      'ms',
      {
        detail: `list response end ${data.median.toFixed(0)} ms → count + first row ${ready.median.toFixed(0)} ms after navigation (median of ${ready.n}; p95 render ${after.p95.toFixed(0)} ms); creating ${opts.count} took ${(createMs / 1000).toFixed(1)} s`,
        target: { op: '<=', value: 1000 },
      },
    ),
    metric(`list of ${opts.count}: scroll frame p95`, round(f.p95, 1), 'ms', {
      detail: `p50 ${f.median.toFixed(1)} ms, max ${f.max.toFixed(0)} ms over ${f.n} frames; idle reference p50 ${fi.median.toFixed(1)} / p95 ${fi.p95.toFixed(1)} ms; scrolled ${scrolled} px`,
    }),
    metric(
      `list of ${opts.count}: frames over one vsync (> 17.5 ms) while scrolling`,
      long,
      'frames',
      {
        detail: `${f.n ? ((100 * long) / f.n).toFixed(0) : '?'} % of ${f.n}; 16.7 ms + 0.8 ms for rAF timestamp jitter`,
      },
    ),
    metric(
      `list of ${opts.count}: dropped frames (> 25 ms) while scrolling`,
      round(droppedPct, 1),
      '%',
      {
        detail: `${dropped} of ${f.n} frames${opts.targets ? '; jank target: at most 5 %' : '; no target at this size (usable: compare with the 2,000 list)'}`,
        ...target({ op: '<=' as const, value: 5 }),
      },
    ),
    metric(
      `list of ${opts.count}: sort (click → re-sorted rows painted) p50`,
      round(sort.median, 1),
      'ms',
      {
        detail: `p95 ${sort.p95.toFixed(1)} ms, n=${sort.n}; Name ascending ⇄ descending`,
        ...target({ op: '<=' as const, value: 100 }),
      },
    ),
    metric(
      `list of ${opts.count}: filter (search input → filtered rows painted) p50`,
      round(filter.median, 1),
      'ms',
      {
        detail: `p95 ${filter.p95.toFixed(1)} ms, n=${filter.n}, "api-12" → 100 rows; back to all ${opts.count}: p50 ${clear.median.toFixed(1)} / p95 ${clear.p95.toFixed(1)} ms`,
        ...target({ op: '<=' as const, value: 100 }),
      },
    ),
    metric(`list of ${opts.count}: keystrokes lost typing at 30 ms per key`, lost, 'characters', {
      detail: `${typed} keys in ${typing.length} tries of "${typing[0]?.typed ?? ''}", ${exact} of ${typing.length} exact; values: ${typing.map((t) => JSON.stringify(t.value)).join(', ')}`,
      target: { op: '<=', value: 0 },
    }),
  ]
  return { metrics, details }
}
