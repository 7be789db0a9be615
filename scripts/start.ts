// `npm start`: build the SPA if stale, pick the cluster (kubeconfig or embedded demo cluster), then
// run the BFF. Every argument not consumed here is passed on to the BFF (`npm start -- --port 9000`).
// A stop request (Ctrl+C, SIGTERM, SIGHUP, or npm's parent shell going away) at any point stops the
// BFF, then the cluster, and exits; a failure is one line, never a stack trace.
import { spawn } from 'node:child_process'
import { onStopRequest, stopExitCode } from '../cluster/lib/stop-requests.ts'
import { unwatchGroup, watchGroup } from '../cluster/lib/watchdog.ts'
import { buildIfStale } from './build-if-stale.ts'
import { type KubeTarget, resolveKubeTarget, START_FLAGS } from './kube-target.ts'
import { log, repoRoot } from './lib.ts'
import { SERVER_NODE_FLAGS } from '../server/node-flags.ts'

const argv = process.argv.slice(2)
let target: KubeTarget | undefined
let stopBff = async () => {}
let stopping = false

async function stop(code: number) {
  if (stopping) return
  stopping = true
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

try {
  await buildIfStale()
  target = await resolveKubeTarget(argv)
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
