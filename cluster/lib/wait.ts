// Polling helpers for readiness checks.
import { setTimeout as sleep } from 'node:timers/promises'

/** Polls `check` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  intervalMs = 100,
  abort?: Promise<string>,
): Promise<T> {
  const deadline = performance.now() + timeoutMs
  let lastError: unknown
  let aborted: string | undefined
  void abort?.then((reason) => (aborted = reason))
  for (;;) {
    if (aborted !== undefined) throw new Error(`${what}: ${aborted}`)
    try {
      const v = await check()
      if (v !== undefined) return v
    } catch (err) {
      lastError = err
    }
    if (performance.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : ''
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`)
    }
    await sleep(intervalMs)
  }
}
