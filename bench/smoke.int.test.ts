// Keeps the proxy benchmark from rotting: a ~2 s run (2 connections, gzip only, no kubectl arm)
// against the test cluster. It checks the result's shape, never its speed.
import { afterAll, expect, inject, it } from 'vitest'
import { closeClients } from '../cluster/test/helpers.ts'
import { runProxyBench } from './proxy.ts'

afterAll(() => closeClients())

it('runs the proxy benchmark end to end and reports ratios and added latency', async () => {
  const info = inject('cluster')
  const r = await runProxyBench(info, {
    count: 20,
    connections: 2,
    duration: 1,
    rounds: 1,
    probes: 3,
    warmup: 0,
    encodings: ['gzip'],
  })
  expect(r.skipped).toMatch(/kubectl proxy arm left out/)
  expect(r.details.arms).toEqual(['bff', 'direct', 'bare'])
  expect(Object.keys(r.details.loaded)).toEqual(['list 20 gzip', 'get one gzip'])
  for (const byArm of Object.values(r.details.loaded)) {
    for (const arm of ['bff', 'direct', 'bare'] as const) {
      const [run] = byArm[arm] ?? []
      expect(run?.requests).toBeGreaterThan(0)
      expect(run?.rps).toBeGreaterThan(0)
    }
  }
  expect(r.metrics.map((m) => m.name)).toEqual([
    'list 20 gzip: BFF / direct req/s',
    'list 20 gzip: bare Node proxy / direct req/s (the floor)',
    'list 20 gzip: CPU per request, BFF / bare Node proxy',
    'list 20 gzip: added p50 at 2 connections',
    'list 20 gzip: added p50 unloaded',
    'get one gzip: BFF / direct req/s',
    'get one gzip: bare Node proxy / direct req/s (the floor)',
    'get one gzip: CPU per request, BFF / bare Node proxy',
    'get one gzip: added p50 at 2 connections',
    'get one gzip: added p50 unloaded',
  ])
  for (const m of r.metrics) {
    expect(Number.isFinite(m.value)).toBe(true)
    // The bare proxy's row is the reference: it has no target of its own.
    if (!m.name.includes('bare Node proxy')) expect(m.verdict?.text).toMatch(/^(pass|MISS)/)
  }
}, 90_000)
