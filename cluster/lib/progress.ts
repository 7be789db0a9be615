// Console progress for the slow steps (a cold kube-apiserver build takes minutes): a start line,
// a heartbeat with the elapsed time, and the final duration.

export function formatDuration(ms: number): string {
  const s = ms / 1000
  if (s < 60) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}

export type Log = (line: string) => void

export const consoleLog: Log = (line) => console.error(`[cluster] ${line}`)

export const silentLog: Log = () => {}

/** Runs `work`, logging `label` with the elapsed time every `everyMs` until it settles. */
export async function withHeartbeat<T>(
  log: Log,
  label: string,
  work: () => Promise<T>,
  everyMs = 20_000,
): Promise<T> {
  const started = performance.now()
  log(`${label}…`)
  const timer = setInterval(() => {
    log(`${label}: still running (${formatDuration(performance.now() - started)})`)
  }, everyMs)
  try {
    const result = await work()
    log(`${label}: done in ${formatDuration(performance.now() - started)}`)
    return result
  } finally {
    clearInterval(timer)
  }
}
