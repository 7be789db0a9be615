// A second BFF for specs that need another identity (the viewer) or another cluster (a private one
// the spec may restart). Started as `node server/main.ts …` on a free port; stop() ends it.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../cluster/lib/ports.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

export interface Bff {
  url: string
  port: number
  stop(): Promise<void>
}

export async function startBff(args: string[]): Promise<Bff> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    ['server/main.ts', '--port', String(port), '--log-level', 'warn', ...args],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`BFF exited (${child.exitCode}): ${stderr}`)
    try {
      if ((await fetch(`${url}/healthz`)).ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`BFF did not answer /healthz within 30 s: ${stderr}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    port,
    async stop() {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
}
