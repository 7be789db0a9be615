// `npm start`: build the SPA if stale, pick the cluster (kubeconfig or embedded demo cluster), then
// run the BFF. Every argument not consumed here is passed on to the BFF (`npm start -- --port 9000`).
// A stop request (Ctrl+C, SIGTERM, SIGHUP, or npm's parent shell going away) at any point stops the
// BFF, then the cluster, and exits; a failure is one line, never a stack trace.
import { spawn } from 'node:child_process'
import { onStopRequest, stopExitCode } from '../cluster/lib/stop-requests.ts'
import { unwatchGroup, watchGroup } from '../cluster/lib/watchdog.ts'
import { consoleLog } from '../cluster/lib/progress.ts'
import { parseConfig } from '../server/config.ts'
import { buildIfStale, isBuildStale } from './build-if-stale.ts'
import { type ProgressServer, StartupTracker, serveProgress } from './startup-progress.ts'
import { type KubeTarget, resolveKubeTarget, START_FLAGS } from './kube-target.ts'
import { log, repoRoot } from './lib.ts'
import { SERVER_NODE_FLAGS } from '../server/node-flags.ts'

const argv = process.argv.slice(2)
let target: KubeTarget | undefined
let stopBff = async () => {}
let progress: ProgressServer | undefined
let stopping = false

async function stop(code: number) {
  if (stopping) return
  stopping = true
  await progress?.close()
  await stopBff()
  await target?.stop()
  // Whatever is still starting (a build, a cluster half up) is ended by the exit hooks and the
  // watchdog (cluster/lib/watchdog.ts).
  process.exit(code)
}

onStopRequest((reason) => {
  log(`${reason}: stopping…`)
  void stop(stopExitCode(reason))
})

/** The BFF's address, from the same flags and variables it will parse (none: no progress page). */
function dashboardAddress(): { host: string; port: number } | undefined {
  try {
    const { host, port } = parseConfig(
      argv.filter((a) => !START_FLAGS.includes(a)),
      process.env,
    )
    return port ? { host, port } : undefined
  } catch {
    return undefined
  }
}

try {
  // The dashboard's address answers at once with the build's progress (scripts/startup-progress.ts).
  const tracker = new StartupTracker()
  const address = dashboardAddress()
  if (address) {
    progress = await serveProgress(tracker, address.host, address.port)
    if (progress) log(`Progress at http://${address.host}:${address.port} until the dashboard runs`)
  }
  if (isBuildStale()) tracker.line('Building the dashboard (vite build)…')
  await buildIfStale()
  tracker.set('dashboard (vite build)', 'done')
  target = await resolveKubeTarget(argv, (line) => {
    consoleLog(line)
    tracker.line(line)
  })
  await progress?.close()
  progress = undefined
} catch (err) {
  log(`Cannot start: ${(err as Error).message.split('\n')[0] ?? ''}`)
  await stop(1)
}
if (!stopping && target) {
  const serverArgs = [...target.serverArgs, ...argv.filter((a) => !START_FLAGS.includes(a))]
  // Its own process group, known to the watchdog: it never outlives this script.
  const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/main.ts', ...serverArgs], {
    cwd: repoRoot,
    stdio: 'inherit',
    detached: true,
  })
  const pid = server.pid
  if (pid !== undefined) watchGroup(pid)
  const exited = new Promise<number>((resolve) =>
    server.once('exit', (code) => {
      if (pid !== undefined) unwatchGroup(pid)
      resolve(code ?? 0)
    }),
  )
  stopBff = async () => {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM')
    await exited
  }
  void exited.then((code) => stop(code))
}
