// A lock file (O_EXCL create holding our pid) so two parallel callers — e.g. Vitest and Playwright
// global setups — never run the same multi-minute build at once. A lock whose pid is gone is stale.
import { open, readFile, rm } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const fh = await open(path, 'wx')
    await fh.writeFile(String(process.pid))
    await fh.close()
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
  }
  const pid = Number(await readFile(path, 'utf8').catch(() => ''))
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) return false
  // Stale (owner died, or we caught it between create and write: then retry shortly).
  if (pid > 0) await rm(path, { force: true })
  return false
}

export type LockAttempt = { acquired: true } | { acquired: false; holder: number }

/**
 * Takes the lock if it is free or its holder is dead (then `staleHolder` names the dead pid, so the
 * caller can clean up after it); otherwise says which live process holds it. Does not wait.
 */
export async function tryLock(path: string): Promise<LockAttempt & { staleHolder?: number }> {
  const before = Number(await readFile(path, 'utf8').catch(() => ''))
  for (let i = 0; i < 3; i++) {
    if (await tryAcquire(path)) {
      return {
        acquired: true,
        ...(before > 0 && before !== process.pid && { staleHolder: before }),
      }
    }
    const holder = Number(await readFile(path, 'utf8').catch(() => ''))
    if (holder > 0 && alive(holder)) return { acquired: false, holder }
    await sleep(100)
  }
  return { acquired: false, holder: Number(await readFile(path, 'utf8').catch(() => '')) }
}

/**
 * Holds the lock while `work` runs. `onWait` is called once if another process holds it; the caller
 * usually re-checks for the other process's result inside `work`.
 */
export async function withFileLock<T>(
  path: string,
  work: () => Promise<T>,
  onWait?: () => void,
): Promise<T> {
  let waited = false
  while (!(await tryAcquire(path))) {
    if (!waited) onWait?.()
    waited = true
    await sleep(1000)
  }
  try {
    return await work()
  } finally {
    await rm(path, { force: true })
  }
}
