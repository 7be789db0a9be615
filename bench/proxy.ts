// Proxy overhead: GET a list of N APIRules and GET one APIRule through the BFF, directly against
// kube-apiserver (bearer token + CA) and through `kubectl proxy`, with and without gzip. One load
// generator (autocannon, in this process), the same connections and duration for every arm, arms
// interleaved round by round (their order rotating) so drift in machine load hits all of them.
// A second, unloaded probe times single sequential requests, arm after arm, for added latency below
// autocannon's 1 ms resolution. A bare Node/undici pass-through (bench/lib/bare-proxy.ts, its own
// process) is the floor: what any Node proxy reaches here, against which the BFF's own cost shows.
import { readFileSync } from 'node:fs'
import autocannon, { type Result } from 'autocannon'
import { Agent, request } from 'undici'
import type { TestClusterInfo } from '../cluster/test/cluster-info.ts'
import { apiRulesPath, namespaceWithApiRules } from './lib/fixtures.ts'
import {
  startBareProxy,
  startBff,
  startKubectlProxy,
  type BareProxy,
  type KubectlProxy,
} from './lib/processes.ts'
import { type Metric, metric } from './lib/report.ts'
import { median, round, summarize } from './lib/stats.ts'

export interface ProxyOptions {
  /** APIRules in the listed namespace. */
  count: number
  connections: number
  /** Seconds per autocannon run. */
  duration: number
  rounds: number
  /** Sequential requests per arm and case in the unloaded probe. */
  probes: number
  /** Seconds of untimed load per arm and case before the rounds (0: none). */
  warmup?: number
  /** Which Accept-Encodings to measure (default both). */
  encodings?: ('gzip' | 'identity')[]
  /** Path of kubectl; without it the kubectl-proxy arm is left out. */
  kubectl?: string
  log?: (m: string) => void
}

type ArmName = 'bff' | 'direct' | 'kubectl' | 'bare'

interface Arm {
  name: ArmName
  origin: string
  prefix: string
  headers: Record<string, string>
  dispatcher: Agent
  /** The proxy process, whose CPU time per request is recorded (the BFF and the bare proxy). */
  pid?: number
}

interface Case {
  name: string
  path: string
  gzip: boolean
}

export interface ArmRun {
  rps: number
  p50: number
  p99: number
  requests: number
  bytesPerRequest: number
  /**
   * CPU time (user + system, from /proc, 10 ms ticks) the proxy process spent per request during the
   * run: its own cost, which the machine's load does not change the way it changes req/s.
   */
  cpuMsPerRequest?: number
}

export interface ProxyDetails {
  count: number
  connections: number
  duration: number
  rounds: number
  arms: ArmName[]
  /** case → arm → one entry per round */
  loaded: Record<string, Partial<Record<ArmName, ArmRun[]>>>
  /** case → arm → latency summary (ms) of the sequential probe */
  unloaded: Record<string, Partial<Record<ArmName, ReturnType<typeof summarize>>>>
  /** case → bytes of one response body as sent (compressed when gzip was used) */
  bodyBytes: Record<string, number>
}

const GZIP = { 'accept-encoding': 'gzip' }

async function load(
  arm: Arm,
  c: Case,
  opts: ProxyOptions,
  duration: number,
  ca: string,
  warmup = false,
): Promise<ArmRun> {
  const cpuBefore = arm.pid === undefined ? undefined : cpuMs(arm.pid)
  const r: Result = await autocannon({
    url: `${arm.origin}${arm.prefix}${c.path}`,
    connections: opts.connections,
    duration,
    headers: { accept: 'application/json', ...arm.headers, ...(c.gzip ? GZIP : {}) },
    tlsOptions: { ca },
  })
  // A warm-up may end before a slow response does (a 500-item list on a loaded machine). A
  // measured run that saw no response finish gets longer runs (at a load of 15+ on 2 cores a
  // 750 KiB list took over 3 s at 10 connections), up to 4 times the duration.
  if (!warmup && !r.errors && !r.non2xx && r.requests.total === 0 && duration < 4 * opts.duration)
    return load(arm, c, opts, duration * 2, ca, warmup)
  if (r.errors || r.non2xx || r.timeouts || (r.requests.total === 0 && !warmup))
    throw new Error(
      `${arm.name} ${c.name}: ${r.errors} errors, ${r.non2xx} non-2xx, ${r.timeouts} timeouts, ${r.requests.total} requests`,
    )
  const cpuAfter = arm.pid === undefined ? undefined : cpuMs(arm.pid)
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    bytesPerRequest: Math.round(r.throughput.total / r.requests.total),
    ...(cpuBefore !== undefined && cpuAfter !== undefined && r.requests.total > 0
      ? { cpuMsPerRequest: (cpuAfter - cpuBefore) / r.requests.total }
      : {}),
  }
}

/** User + system CPU time of process `pid` so far, ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')').
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return undefined
  }
}

async function once(arm: Arm, c: Case): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now()
  const res = await request(`${arm.origin}${arm.prefix}${c.path}`, {
    headers: { accept: 'application/json', ...arm.headers, ...(c.gzip ? GZIP : {}) },
    dispatcher: arm.dispatcher,
  })
  const body = await res.body.arrayBuffer()
  const ms = performance.now() - t0
  if (res.statusCode !== 200) throw new Error(`${arm.name} ${c.name}: HTTP ${res.statusCode}`)
  return { ms, bytes: body.byteLength }
}

export async function runProxyBench(
  info: TestClusterInfo,
  opts: ProxyOptions,
): Promise<{ metrics: Metric[]; details: ProxyDetails; skipped?: string }> {
  const log = opts.log ?? (() => {})
  log(`creating ${opts.count} APIRules…`)
  const ns = await namespaceWithApiRules(info, 'bench-proxy', opts.count)
  const list = apiRulesPath(ns)
  const encodings = opts.encodings ?? ['gzip', 'identity']
  const cases: Case[] = [
    { name: `list ${opts.count} gzip`, path: list, gzip: true },
    { name: `list ${opts.count} identity`, path: list, gzip: false },
    { name: 'get one gzip', path: `${list}/api-0001`, gzip: true },
    { name: 'get one identity', path: `${list}/api-0001`, gzip: false },
  ].filter((c) => encodings.includes(c.gzip ? 'gzip' : 'identity'))

  const bff = await startBff(info)
  const bare: BareProxy = await startBareProxy(info)
  let kubectlProxy: KubectlProxy | undefined
  let skipped: string | undefined
  if (opts.kubectl) {
    try {
      kubectlProxy = await startKubectlProxy(opts.kubectl, info)
    } catch (error) {
      skipped = `kubectl proxy arm left out: ${(error as Error).message}`
    }
  } else skipped = 'kubectl proxy arm left out: no kubectl (see bench/README.md)'

  const arms: Arm[] = [
    {
      name: 'bff',
      origin: bff.origin,
      prefix: '/api/k8s',
      headers: {},
      dispatcher: new Agent({ pipelining: 1 }),
      pid: bff.pid,
    },
    {
      name: 'direct',
      origin: info.server,
      prefix: '',
      headers: { authorization: `Bearer ${info.tokens.admin}` },
      dispatcher: new Agent({ connect: { ca: info.caData }, pipelining: 1 }),
    },
  ]
  arms.push({
    name: 'bare',
    origin: bare.origin,
    prefix: '',
    headers: {},
    dispatcher: new Agent({ pipelining: 1 }),
    pid: bare.pid,
  })
  if (kubectlProxy)
    arms.push({
      name: 'kubectl',
      origin: kubectlProxy.origin,
      prefix: '',
      headers: {},
      dispatcher: new Agent({ pipelining: 1 }),
    })
  const withCa = (arm: Arm, c: Case, d: number, warmup = false) =>
    load(arm, c, opts, d, info.caData, warmup)

  const details: ProxyDetails = {
    count: opts.count,
    connections: opts.connections,
    duration: opts.duration,
    rounds: opts.rounds,
    arms: arms.map((a) => a.name),
    loaded: {},
    unloaded: {},
    bodyBytes: {},
  }
  try {
    const warmup = opts.warmup ?? 1
    if (warmup > 0) {
      log('warming up…')
      for (const c of cases) for (const arm of arms) await withCa(arm, c, warmup, true)
    }

    for (let r = 0; r < opts.rounds; r++) {
      log(`round ${r + 1}/${opts.rounds}`)
      for (const c of cases) {
        const order = arms.map((_, i) => arms[(i + r) % arms.length] as Arm)
        for (const arm of order) {
          const run = await withCa(arm, c, opts.duration)
          const byArm = (details.loaded[c.name] ??= {})
          ;(byArm[arm.name] ??= []).push(run)
        }
      }
    }

    log(`unloaded probe (${opts.probes} requests per arm and case)…`)
    for (const c of cases) {
      const samples: Partial<Record<ArmName, number[]>> = {}
      for (let i = 0; i < opts.probes; i++) {
        for (const arm of arms) {
          const { ms, bytes } = await once(arm, c)
          ;(samples[arm.name] ??= []).push(ms)
          if (arm.name === 'direct') details.bodyBytes[c.name] = bytes
        }
      }
      details.unloaded[c.name] = Object.fromEntries(
        Object.entries(samples).map(([k, v]) => [k, summarize(v)]),
      )
    }
  } finally {
    await Promise.all(arms.map((a) => a.dispatcher.close()))
    await bff.stop()
    await bare.stop()
    await kubectlProxy?.stop()
  }

  return { metrics: proxyMetrics(details), details, ...(skipped ? { skipped } : {}) }
}

function kib(bytes: number | undefined): string {
  return bytes === undefined ? '?' : `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KiB`
}

/** The table rows of a proxy run: per case, throughput ratios and added latency. */
export function proxyMetrics(d: ProxyDetails): Metric[] {
  const out: Metric[] = []
  for (const [name, byArm] of Object.entries(d.loaded)) {
    const bff = byArm.bff ?? []
    const direct = byArm.direct ?? []
    const kubectl = byArm.kubectl ?? []
    const bare = byArm.bare ?? []
    const med = (runs: ArmRun[], k: 'rps' | 'p50' | 'p99') => median(runs.map((x) => x[k]))
    const arm = (label: string, runs: ArmRun[]) =>
      `${label} ${med(runs, 'rps').toFixed(0)} req/s, p50 ${med(runs, 'p50')} ms, p99 ${med(runs, 'p99')} ms`
    const ratios = (a: ArmRun[], b: ArmRun[]) =>
      a.map((x, i) => x.rps / (b[i]?.rps ?? NaN)).filter((x) => Number.isFinite(x))
    const spread = (xs: number[]) =>
      xs.length > 1 ? `; rounds ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : ''
    const size = kib(d.bodyBytes[name])

    const rd = ratios(bff, direct)
    out.push(
      metric(`${name}: BFF / direct req/s`, round(median(rd), 3), '×', {
        detail: `${arm('BFF', bff)} · ${arm('direct', direct)}; ${size}/response${spread(rd)}`,
        target: { op: '>=', value: 0.8 },
      }),
    )
    if (kubectl.length) {
      const rk = ratios(bff, kubectl)
      out.push(
        metric(`${name}: BFF / kubectl proxy req/s`, round(median(rk), 3), '×', {
          detail: `${arm('kubectl proxy', kubectl)}${spread(rk)}`,
          target: { op: '>=', value: 1.0 },
        }),
      )
    }
    if (bare.length) {
      const rb = ratios(bare, direct)
      const rbb = ratios(bff, bare)
      out.push(
        metric(`${name}: bare Node proxy / direct req/s (the floor)`, round(median(rb), 3), '×', {
          detail: `${arm('bare Node/undici pass-through', bare)}${spread(rb)}; BFF / bare ${median(rbb).toFixed(2)}×${spread(rbb)}`,
        }),
      )
    }
    const cpu = (runs: ArmRun[]) =>
      median(runs.map((x) => x.cpuMsPerRequest).filter((x): x is number => x !== undefined))
    if (bare.length && Number.isFinite(cpu(bff)) && Number.isFinite(cpu(bare))) {
      out.push(
        metric(
          `${name}: CPU per request, BFF / bare Node proxy`,
          round(cpu(bff) / cpu(bare), 3),
          '×',
          {
            detail: `CPU time of the proxy process per request under load (median of rounds): BFF ${cpu(bff).toFixed(3)} ms, bare ${cpu(bare).toFixed(3)} ms`,
          },
        ),
      )
    }
    const added = bff.map((x, i) => x.p50 - (direct[i]?.p50 ?? NaN))
    const addedBare = bare.map((x, i) => x.p50 - (direct[i]?.p50 ?? NaN))
    out.push(
      metric(`${name}: added p50 at ${d.connections} connections`, round(median(added), 2), 'ms', {
        detail: `BFF p50 − direct p50 per round (1 ms resolution): ${added.join(', ')}${addedBare.length ? `; bare Node proxy: ${addedBare.join(', ')}` : ''}`,
        target: { op: '<=', value: 2 },
      }),
    )
    const u = d.unloaded[name]
    if (u?.bff && u.direct) {
      out.push(
        metric(`${name}: added p50 unloaded`, round(u.bff.median - u.direct.median, 2), 'ms', {
          detail: `sequential, n=${u.bff.n}: BFF p50 ${u.bff.median.toFixed(2)} / p99 ${u.bff.p99.toFixed(2)} ms, direct p50 ${u.direct.median.toFixed(2)} / p99 ${u.direct.p99.toFixed(2)} ms${u.kubectl ? `, kubectl proxy p50 ${u.kubectl.median.toFixed(2)} ms` : ''}${u.bare ? `, bare Node proxy p50 ${u.bare.median.toFixed(2)} ms` : ''}`,
          target: { op: '<=', value: 2 },
        }),
      )
    }
  }
  return out
}
