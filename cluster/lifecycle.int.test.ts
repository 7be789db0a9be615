// Clean stops, as a user, a supervisor or an IDE causes them, on real `npm` processes: SIGTERM to
// the npm process of `npm run cluster` and of `npm start` stops every process they started (npm
// forwards SIGTERM to a shell that dies without passing it on), and leaves no lock; a SIGKILLed
// script takes its children with it (the watchdog); a start on a state dir held by a live process
// says which, one held by a dead process takes it over.
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, describe as group, expect, inject, it } from 'vitest'
import { freePort } from './lib/ports.ts'
import { processesUsing } from './lib/state-dir-lock.ts'
import { type NpmProcess, describe, processesOf, startNpm, waitGone } from './test/npm-process.ts'

const dirs: string[] = []
const started: { p: NpmProcess; dir: string }[] = []
const READY = /Local cluster is running/

async function stateDir() {
  const dir = await mkdtemp(join(tmpdir(), 'lifecycle-'))
  dirs.push(dir)
  return dir
}

function npm(dir: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const p = startNpm(args, env)
  started.push({ p, dir })
  return p
}

/** SIGTERM to npm alone; every process of the run must be gone within `ms`. */
async function expectAllGoneAfter(p: NpmProcess, dir: string, signal: NodeJS.Signals, ms: number) {
  const pids = await processesOf(p.child.pid!, dir)
  const names = (await describe(pids)).join('\n')
  process.kill(p.child.pid!, signal)
  const left = await waitGone(pids, ms)
  expect(await describe(left), p.output()).toEqual([])
  return names
}

afterEach(async () => {
  // A failed test must not leave its cluster behind for the next one.
  for (const { p, dir } of started.splice(0)) {
    for (const pid of await processesOf(p.child.pid!, dir)) process.kill(pid, 'SIGKILL')
  }
})

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

group('stopping the local cluster', () => {
  it('`npm run cluster`: a dead child is reported and restarted; SIGTERM to npm stops all, no lock left', async () => {
    const dir = await stateDir()
    const p = npm(dir, ['run', 'cluster', '--', '--dir', dir, '--no-seed'])
    await p.waitFor(READY, 180_000)
    expect(p.output()).toMatch(/controller: {2}running/)
    const names = (await describe(await processesOf(p.child.pid!, dir))).join('\n')
    for (const name of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'manager']) {
      expect(names).toContain(`/${name} `)
    }
    expect(existsSync(join(dir, 'cluster.lock'))).toBe(true)

    // A child that dies is reported in one line; the two stateless ones are started again.
    for (const name of ['manager', 'kube-controller-manager']) {
      const line = (await describe(await processesOf(p.child.pid!, dir))).find((l) =>
        l.includes(`/${name} `),
      )
      process.kill(Number(line!.split(':')[0]), 'SIGKILL')
    }
    await p.waitFor(/api-gateway exited unexpectedly \(SIGKILL\); log .*api-gateway\.log/, 10_000)
    await p.waitFor(/kube-controller-manager exited unexpectedly \(SIGKILL\)/, 10_000)
    await p.waitFor(/api-gateway restarted/, 90_000)
    await p.waitFor(/kube-controller-manager restarted/, 30_000)

    await expectAllGoneAfter(p, dir, 'SIGTERM', 20_000)
    expect(existsSync(join(dir, 'cluster.lock'))).toBe(false)
  }, 240_000)

  it('a SIGKILLed script takes its children along; the next start takes the dir over', async () => {
    const dir = await stateDir()
    const args = ['run', 'cluster', '--', '--dir', dir, '--no-seed', '--no-controller']
    const first = npm(dir, args)
    await first.waitFor(READY, 180_000)
    const cluster = await processesOf(first.child.pid!, dir)
    const all = await describe(cluster)
    // The node process itself, not npm's `sh -c node cluster/run.ts …`.
    const script = all.find((line) => /^\d+: \S*node cluster\/run\.ts/.test(line))
    expect(script, all.join('\n')).toBeDefined()
    process.kill(Number(script!.split(':')[0]), 'SIGKILL')
    const left = await waitGone(cluster, 15_000)
    expect(await describe(left)).toEqual([])

    // The dead script's lock file is still there: the next start takes it over.
    expect(existsSync(join(dir, 'cluster.lock'))).toBe(true)
    const second = npm(dir, args)
    await second.waitFor(READY, 120_000)
    expect(second.output()).toMatch(/taking over .* which is gone/)

    // A third start on the same dir while the second runs: one line naming the holder.
    const third = npm(dir, args)
    const code = await new Promise((resolve) => third.child.once('exit', resolve))
    expect(code).toBe(1)
    expect(third.output()).toMatch(/state dir .* is in use by process \d+ \(.*cluster\/run\.ts/)
    expect(third.output()).not.toMatch(/^\s+at /m)

    await expectAllGoneAfter(second, dir, 'SIGINT', 20_000)
  }, 300_000)

  it('SIGTERM to the npm process of `npm start` stops the BFF and the cluster', async () => {
    const dir = await stateDir()
    const port = await freePort()
    const p = npm(dir, ['start', '--', '--local-cluster', '--no-controller'], {
      PORT: String(port),
      KYMA_LOCAL_CLUSTER_DIR: dir,
    })
    // The first start may have to build the SPA (vite build) before anything else.
    await p.waitFor(new RegExp(`listening.*${port}`, 'i'), 280_000)
    const names = await expectAllGoneAfter(p, dir, 'SIGTERM', 20_000)
    for (const name of ['scripts/start.ts', 'server/main.ts', '/etcd ', '/kube-apiserver ']) {
      expect(names).toContain(name)
    }
    expect(existsSync(join(dir, 'cluster.lock'))).toBe(false)
  }, 360_000)

  it("a state dir's leftovers are its own processes, not those of a state dir inside it", async () => {
    // The suite's cluster runs in `.local-cluster/test-<random>/`, inside the default state dir.
    const own = dirname(inject('cluster').kubeconfigPath)
    const names = (await processesUsing(own)).map((p) => p.cmd.split(' ')[0]?.split('/').pop())
    expect(names.sort()).toEqual(
      expect.arrayContaining(['etcd', 'kube-apiserver', 'kube-controller-manager']),
    )
    if (inject('cluster').apiGateway.running) expect(names).toContain('manager')
    expect(await processesUsing(dirname(own))).toEqual([])
  })
})
