// Waiting between reconnection attempts of the watch stream and of each list + watch loop.

export const BACKOFF_BASE_MS = 1000
export const BACKOFF_CAP_MS = 30_000

/**
 * Exponential backoff with "equal jitter": attempt 0 waits 0.5–1 s, then 1–2 s, 2–4 s, …, capped at
 * 15–30 s. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done)
  })
}
