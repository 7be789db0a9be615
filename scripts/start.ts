// `npm start`: build the SPA if stale, pick the cluster (kubeconfig or embedded demo cluster), then
// run the BFF. Every argument not consumed here is passed on to the BFF (`npm start -- --port 9000`).
import { spawn } from 'node:child_process'
import { buildIfStale } from './build-if-stale.ts'
import { resolveKubeTarget, START_FLAGS } from './kube-target.ts'
import { log, repoRoot } from './lib.ts'
import { SERVER_NODE_FLAGS } from '../server/node-flags.ts'

const argv = process.argv.slice(2)
await buildIfStale()
const target = await resolveKubeTarget(argv)
const serverArgs = [...target.serverArgs, ...argv.filter((a) => !START_FLAGS.includes(a))]
const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'server/main.ts', ...serverArgs], {
  cwd: repoRoot,
  stdio: 'inherit',
})

let stopping = false
async function stop(code: number) {
  if (stopping) return
  stopping = true
  server.kill('SIGTERM')
  await target.stop()
  process.exit(code)
}
server.on('exit', (code) => void stop(code ?? 0))
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping…`)
    void stop(0)
  })
}
