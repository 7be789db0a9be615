// Runs the validator off the keystroke path: a short pause for small documents (validating them
// takes a few ms), and a Web Worker after a longer pause for big ones, whose checks (schema over
// thousands of rules, the rule-order conflicts) would otherwise freeze typing for seconds.
import { validateApiRule } from '../validation/validate.ts'
import type { Issue, ValidationContext } from '../validation/types.ts'

export interface ValidationRequest {
  id: number
  value: unknown
  version: string
  ctx: ValidationContext
}
export interface ValidationResponse {
  id: number
  issues: Issue[]
}

/** Above this many characters, validation runs in the worker. */
export const WORKER_THRESHOLD_CHARS = 64 * 1024
const SMALL_DELAY_MS = 30
const BIG_DELAY_MS = 250
/** The longest a small document's validation waits for an idle moment after the pause. */
const IDLE_TIMEOUT_MS = 200

let worker: Promise<Worker | undefined> | undefined
let nextId = 0
const waiting = new Map<number, (issues: Issue[]) => void>()

function validationWorker(): Promise<Worker | undefined> {
  worker ??= (async () => {
    if (typeof Worker === 'undefined') return undefined
    try {
      const { default: ValidationWorker } = await import('./validation.worker.ts?worker')
      const w = new ValidationWorker()
      w.onmessage = (e: MessageEvent<ValidationResponse>) => {
        const done = waiting.get(e.data.id)
        waiting.delete(e.data.id)
        done?.(e.data.issues)
      }
      return w
    } catch {
      return undefined
    }
  })()
  return worker
}

/**
 * Validates `value` after a pause and calls `done` with the issues, unless cancelled first (the
 * next edit cancels the previous run). Returns the cancel function.
 */
export function validateInBackground(
  value: unknown,
  textLength: number,
  version: string,
  ctx: ValidationContext,
  done: (issues: Issue[]) => void,
): () => void {
  let cancelled = false
  let idle: number | undefined
  const big = textLength > WORKER_THRESHOLD_CHARS
  const timer = setTimeout(
    () => {
      if (!big) {
        // On the main thread: once the browser is idle, so that it never runs (and re-renders
        // fields) before the frame showing the last keystroke is painted.
        if (typeof requestIdleCallback !== 'function')
          return done(validateApiRule(value, version, ctx))
        idle = requestIdleCallback(
          () => {
            if (!cancelled) done(validateApiRule(value, version, ctx))
          },
          { timeout: IDLE_TIMEOUT_MS },
        )
        return
      }
      void validationWorker().then((w) => {
        if (cancelled) return
        if (!w) return done(validateApiRule(value, version, ctx))
        const id = ++nextId
        for (const old of waiting.keys()) waiting.delete(old) // only the newest answer matters
        waiting.set(id, (issues) => {
          if (!cancelled) done(issues)
        })
        w.postMessage({ id, value, version, ctx } satisfies ValidationRequest)
      })
    },
    big ? BIG_DELAY_MS : SMALL_DELAY_MS,
  )
  return () => {
    cancelled = true
    clearTimeout(timer)
    if (idle !== undefined) cancelIdleCallback(idle)
  }
}
