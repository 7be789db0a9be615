// Long-running children (etcd, kube-apiserver), each in its own process group so stop() also
// reaches anything it forks. A process-wide 'exit' hook SIGKILLs whatever is still running, so a
// crashing parent leaves no orphans behind, and the watchdog (watchdog.ts) stops them when the
// parent is killed outright.
import { type ChildProcess, spawn } from 'node:child_process'
import { openSync, closeSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { unwatchGroup, watchGroup } from './watchdog.ts'

export interface ManagedProcess {
  name: string
  child: ChildProcess
  logPath: string
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>
  stop(graceMs?: number): Promise<void>
}

const running = new Set<ManagedProcess>()

function killGroup(pid: number | undefined, signal: NodeJS.Signals) {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const p of running) killGroup(p.child.pid, 'SIGKILL')
})

export function startProcess(
  name: string,
  cmd: string,
  args: string[],
  logPath: string,
  /** Extra environment variables on top of this process's. */
  env: Record<string, string> = {},
): ManagedProcess {
  const fd = openSync(logPath, 'a')
  const child = spawn(cmd, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  })
  closeSync(fd)
  const pid = child.pid
  if (pid !== undefined) watchGroup(pid)
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
    child.once('error', (err) => resolve(err.message))
  })
  const proc: ManagedProcess = {
    name,
    child,
    logPath,
    exited,
    async stop(graceMs = 5000) {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM')
        const done = await Promise.race([exited.then(() => true), sleep(graceMs, false)])
        if (!done) {
          killGroup(child.pid, 'SIGKILL')
          await exited
        }
      }
      running.delete(proc)
    },
  }
  running.add(proc)
  void exited.then(() => {
    running.delete(proc)
    // The group may hold forks of the child still; stop() has waited for the child itself.
    if (pid !== undefined) unwatchGroup(pid)
  })
  return proc
}
