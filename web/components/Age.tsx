// Relative time ("5m", "3d") like kubectl, with the exact time as tooltip; ticks by itself.
import { useSyncExternalStore } from 'react'

/** kubectl-style age: 45s, 12m, 5h, 3d, 2y. `undefined` or unparsable input → "". */
export function formatAge(timestamp: string | undefined, now: number = Date.now()): string {
  if (!timestamp) return ''
  const then = Date.parse(timestamp)
  if (Number.isNaN(then)) return ''
  const s = Math.max(0, Math.floor((now - then) / 1000))
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h`
  const d = Math.floor(h / 24)
  if (d < 365 * 2) return `${d}d`
  return `${Math.floor(d / 365)}y`
}

// One shared clock for every <Age>, ticking every 10 s.
let now = Date.now()
const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | undefined

function subscribe(onChange: () => void) {
  listeners.add(onChange)
  timer ??= setInterval(() => {
    now = Date.now()
    for (const l of listeners) l()
  }, 10_000)
  return () => {
    listeners.delete(onChange)
    if (!listeners.size && timer) {
      clearInterval(timer)
      timer = undefined
    }
  }
}

export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  )
}

export function Age({ timestamp }: { timestamp: string | undefined }) {
  const current = useNow()
  if (!timestamp) return <span>—</span>
  const date = new Date(timestamp)
  const exact = Number.isNaN(date.getTime()) ? timestamp : date.toLocaleString()
  return (
    <time dateTime={timestamp} title={exact}>
      {formatAge(timestamp, Math.max(current, Date.now() - 10_000))}
    </time>
  )
}
