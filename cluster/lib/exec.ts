// Promise wrappers around child processes for short-lived tools (openssl, go, --version probes).
import { spawn } from 'node:child_process'
import { unwatchGroup, watchGroup } from './watchdog.ts'

export interface ExecResult {
  code: number | null
  stdout: string
  stderr: string
}

export interface ExecOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** Called with each chunk of stderr, e.g. to tee a long build into a log file. */
  onStderr?: (chunk: string) => void
  /**
   * A long run (a Go build): in its own process group, known to the watchdog, so it ends with this
   * process however this process ends (Ctrl+C, SIGTERM to npm, SIGKILL).
   */
  watched?: boolean
}

/** Runs a command without a shell. Rejects only when it cannot be started (e.g. ENOENT). */
export function run(cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: !!opts.watched,
    })
    const pid = opts.watched ? child.pid : undefined
    if (pid !== undefined) {
      watchGroup(pid)
      child.once('exit', () => unwatchGroup(pid))
    }
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c))
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c
      opts.onStderr?.(c)
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Like run(), but rejects with the tool's stderr when it exits non-zero. */
export async function runChecked(cmd: string, args: string[], opts: ExecOptions = {}) {
  const res = await run(cmd, args, opts)
  if (res.code !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.code}):\n${res.stderr.trim()}`)
  }
  return res
}
