// Real `npm run …` processes for the lifecycle tests: started in their own process group (so a test
// can signal npm alone, as a supervisor or an IDE does), their output collected, and every process
// they started — direct children and the cluster's own process groups — found through /proc.
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import { alive } from '../lib/file-lock.ts'
import { repoRoot } from '../lib/paths.ts'
import { processesUsing } from '../lib/state-dir-lock.ts'

export interface NpmProcess {
  child: ChildProcess
  output(): string
  /** Resolves when `pattern` shows up in stdout/stderr; rejects if npm exits first or on timeout. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>
}

export function startNpm(args: string[], env: NodeJS.ProcessEnv = {}): NpmProcess {
  const child = spawn('npm', args, {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  })
  let out = ''
  child.stdout?.setEncoding('utf8').on('data', (c: string) => (out += c))
  child.stderr?.setEncoding('utf8').on('data', (c: string) => (out += c))
  return {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs
      while (!pattern.test(out)) {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`npm ${args.join(' ')} exited before ${pattern}:\n${out}`)
        }
        if (Date.now() > deadline) throw new Error(`no ${pattern} in time:\n${out}`)
        await sleep(200)
      }
    },
  }
}

/** Alive and not a zombie (an exited child its parent has not reaped yet is gone for us). */
export function running(pid: number): boolean {
  if (!alive(pid)) return false
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

async function parentOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')
  // Field 4 after the parenthesised command name (which may contain spaces).
  const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  return Number.isInteger(ppid) ? ppid : undefined
}

/** `root` and all its descendants, by parent pid. */
export async function descendants(root: number): Promise<number[]> {
  const parents = new Map<number, number>()
  for (const entry of await readdir('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) continue
    const ppid = await parentOf(pid)
    if (ppid !== undefined) parents.set(pid, ppid)
  }
  const found = new Set([root])
  for (let grew = true; grew;) {
    grew = false
    for (const [pid, ppid] of parents) {
      if (found.has(ppid) && !found.has(pid)) {
        found.add(pid)
        grew = true
      }
    }
  }
  return [...found].filter(running)
}

/** Every process of a run: npm's tree plus the cluster processes on `stateDir`. */
export async function processesOf(npmPid: number, stateDir: string): Promise<number[]> {
  const tree = await descendants(npmPid)
  const cluster = (await processesUsing(stateDir)).map((p) => p.pid)
  return [...new Set([...tree, ...cluster])]
}

/** Waits until none of `pids` is alive; returns the ones still alive after `timeoutMs`. */
export async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs
  while (pids.some(running) && Date.now() < deadline) await sleep(100)
  return pids.filter(running)
}

/** Command lines of `pids`, for a readable failure. */
export async function describe(pids: number[]): Promise<string[]> {
  return Promise.all(
    pids.map(async (p) => {
      const cmd = await readFile(`/proc/${p}/cmdline`, 'utf8').catch(() => '')
      return `${p}: ${cmd.split('\0').join(' ').slice(0, 120)}`
    }),
  )
}
