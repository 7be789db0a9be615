// `npm start` on a machine without the cluster binaries: the dashboard's address answers within
// seconds with the build's progress (step, elapsed time, what is left), and the page switches to
// the dashboard by itself once the cluster is up. The build is made slow at the process boundary:
// `go` on PATH is a script that waits before running the real Go (the Go build cache is reused, so
// the builds themselves take a minute, not twenty).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../cluster/lib/ports.ts'
import { expect, test } from './fixtures.ts'
import { ApiRuleListPage } from './pages/ApiRuleListPage.ts'
import { ShellPage } from './pages/ShellPage.ts'
import { StartupProgressPage } from './pages/StartupProgressPage.ts'

let work: string
let npm: ChildProcess | undefined
let output = ''
let url: string

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'e2e-startup-'))
  const realGo = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim()
  const goCache = execFileSync(realGo, ['env', 'GOCACHE'], { encoding: 'utf8' }).trim()
  const fakeBin = join(work, 'bin')
  await mkdir(fakeBin, { recursive: true })
  await writeFile(
    join(fakeBin, 'go'),
    `#!/bin/sh\n[ "$1" = build ] && sleep 5\nexec ${realGo} "$@"\n`,
  )
  await chmod(join(fakeBin, 'go'), 0o755)
  const port = await freePort()
  url = `http://127.0.0.1:${port}/`
  npm = spawn('npm', ['start', '--', '--local-cluster', '--no-controller'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${fakeBin}:${process.env.PATH}`,
      // An empty binary cache: everything is built. The Go build cache is the machine's.
      XDG_CACHE_HOME: join(work, 'cache'),
      GOCACHE: goCache,
      KYMA_LOCAL_CLUSTER_DIR: join(work, 'state'),
      PORT: String(port),
    },
  })
  npm.stdout?.setEncoding('utf8').on('data', (c: string) => (output += c))
  npm.stderr?.setEncoding('utf8').on('data', (c: string) => (output += c))
})

test.afterAll(async () => {
  if (npm?.pid && npm.exitCode === null) {
    process.kill(npm.pid, 'SIGTERM')
    await new Promise((resolve) => npm?.once('exit', resolve))
  }
  await rm(work, { recursive: true, force: true })
})

test('the progress page answers at once and goes live when the cluster is up', async ({
  page,
  allowConsole,
}) => {
  test.setTimeout(300_000)
  // The hand-over: the progress server closes just before the BFF binds the address, so a poll of
  // /api/startup can be refused in between, or answered 404 by the BFF, which has no such route.
  allowConsole(/ERR_CONNECTION_REFUSED \(at [^ ]+\/api\/startup/, 'the progress server hands over')
  allowConsole(/status of 404 \(Not Found\) \(at [^ ]+\/api\/startup/, 'the BFF has taken over')
  const started = Date.now()
  await expect.poll(() => output, { timeout: 20_000 }).toMatch(/Progress at http/)
  const progress = new StartupProgressPage(page)
  await page.goto(url)
  await expect(progress.heading).toBeVisible()
  expect(Date.now() - started).toBeLessThan(20_000)

  // The build's own progress: the step being built with its time, and what is left.
  await expect(progress.step('kube-apiserver')).toContainText(/building for \d+ s/, {
    timeout: 30_000,
  })
  await expect(progress.summary).toContainText(
    /Now: kube-apiserver\. Elapsed \d+ s\. Left: .*kubectl/,
  )
  await expect(progress.step('kube-apiserver')).toContainText('done', { timeout: 120_000 })
  await expect(progress.step('etcd')).toContainText(/building for|done/, { timeout: 30_000 })

  // Live without a reload by the user: the page switches to the dashboard itself.
  const shell = new ShellPage(page)
  await expect(shell.navigation).toBeVisible({ timeout: 240_000 })
  await expect(new ApiRuleListPage(page).heading).toBeVisible()
})
