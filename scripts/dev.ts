// `npm run dev`: the BFF with reload (node --watch) on 8080 and Vite's dev server on 5173, which
// forwards /api to the BFF. Open http://127.0.0.1:5173.
import { spawn, type ChildProcess } from 'node:child_process'
import { resolveKubeTarget } from './kube-target.ts'
import { bin, log, repoRoot } from './lib.ts'

const argv = process.argv.slice(2)
const target = await resolveKubeTarget(argv)
const children: ChildProcess[] = [
  spawn(
    process.execPath,
    [
      '--watch-path=server',
      'server/main.ts',
      ...target.serverArgs,
      '--allowed-hosts',
      '127.0.0.1:5173,localhost:5173',
    ],
    { cwd: repoRoot, stdio: 'inherit' },
  ),
  spawn(bin('vite'), [], { cwd: repoRoot, stdio: 'inherit' }),
]

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  for (const child of children) child.kill('SIGTERM')
  await target.stop()
  process.exit(0)
}
for (const child of children) child.on('exit', () => void stop())
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping…`)
    void stop()
  })
}
