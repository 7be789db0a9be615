// What asks a long-running script (`npm run cluster`, `npm start`) to stop: SIGINT (Ctrl+C),
// SIGTERM (a supervisor, an IDE's stop button), SIGHUP (the terminal closed) — and its parent going
// away. `npm` forwards SIGTERM to the `sh -c` it runs the script in, and that shell dies without
// passing it on; the script then only sees that its parent pid changed (it was re-parented).

export type StopReason = NodeJS.Signals | 'parent gone'

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']

/** Calls `onStop` once on the first stop request; returns a function that stops listening. */
export function onStopRequest(onStop: (reason: StopReason) => void, pollMs = 500): () => void {
  let done = false
  const fire = (reason: StopReason) => {
    if (done) return
    done = true
    off()
    onStop(reason)
  }
  const handlers = SIGNALS.map((s) => [s, () => fire(s)] as const)
  for (const [s, h] of handlers) process.on(s, h)
  const parent = process.ppid
  // process.ppid asks the kernel each time; a new value means the old parent has exited.
  const timer = setInterval(() => {
    if (process.ppid !== parent) fire('parent gone')
  }, pollMs)
  timer.unref()
  function off() {
    clearInterval(timer)
    for (const [s, h] of handlers) process.off(s, h)
  }
  return off
}

/** The exit code for a stop: 130 for Ctrl+C, 143 otherwise (as if killed by SIGTERM). */
export function stopExitCode(reason: StopReason): number {
  return reason === 'SIGINT' ? 130 : 143
}
