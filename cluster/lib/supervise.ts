// A child that dies while the cluster runs is reported in one line. kube-controller-manager and the
// API Gateway controller hold no state of their own, so they are started again (backing off up to
// 30 s while they keep dying); etcd and kube-apiserver are not: their death is a broken cluster the
// user must see, not something to paper over.
import { setTimeout as sleep } from 'node:timers/promises'
import type { ManagedProcess } from './processes.ts'
import type { Log } from './progress.ts'

export interface Stoppable {
  stop(): Promise<void>
}

function exitLine(proc: ManagedProcess, code: number | string) {
  return `${proc.name} exited unexpectedly (${code}); log ${proc.logPath}`
}

/** Reports `proc`'s exit in one line unless `stopping()` says it was asked to stop. */
export function reportExit(proc: ManagedProcess, log: Log, stopping: () => boolean, hint = '') {
  void proc.exited.then((code) => {
    if (!stopping()) log(`${exitLine(proc, code)}${hint}`)
  })
}

/** Keeps `first` (and its successors from `restart`) running until stop(). */
export function supervise(
  first: ManagedProcess,
  restart: () => Promise<ManagedProcess>,
  log: Log,
): Stoppable & { current(): ManagedProcess; restarts(): number } {
  let current = first
  let stopped = false
  let restarts = 0
  const loop = async () => {
    let backoffMs = 1000
    for (;;) {
      const startedAt = performance.now()
      const code = await current.exited
      if (stopped) return
      // Running for a minute counts as healthy again: back to a quick restart.
      if (performance.now() - startedAt > 60_000) backoffMs = 1000
      log(`${exitLine(current, code)}; restarting it in ${backoffMs / 1000} s`)
      for (;;) {
        await sleep(backoffMs)
        backoffMs = Math.min(backoffMs * 2, 30_000)
        if (stopped) return
        try {
          current = await restart()
          restarts++
          if (stopped) await current.stop()
          else log(`${current.name} restarted`)
          break
        } catch (err) {
          log(`${current.name} did not restart: ${(err as Error).message.split('\n')[0] ?? ''}`)
        }
      }
    }
  }
  void loop()
  return {
    current: () => current,
    restarts: () => restarts,
    async stop() {
      stopped = true
      await current.stop()
    },
  }
}
