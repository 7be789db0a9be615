// Child processes of a bench run (the BFF, kubectl proxy), their memory, and the machine's load.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../cluster/lib/ports.ts'
import type { TestClusterInfo } from '../../cluster/test/cluster-info.ts'
import { SERVER_NODE_FLAGS } from '../../server/node-flags.ts'

export { freePort }

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The 1, 5 and 15 minute load averages (empty where /proc is missing). */
export function loadAverage(): number[] {
  try {
    return readFileSync('/proc/loadavg', 'utf8')
      .split(' ')
      .slice(0, 3)
      .map((x) => Number(x))
  } catch {
    return []
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A process's memory from /proc/<pid>/status in MB: current (VmRSS) and peak (VmHWM). */
export function processMemory(pid: number): { rssMb: number; hwmMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1])
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 }
  } catch {
    return undefined
  }
}

/** Samples VmRSS every `everyMs` until stopped; returns the peak seen and the samples. */
export function sampleRss(pid: number, everyMs = 50) {
  const samples: number[] = []
  const timer = setInterval(() => {
    const m = processMemory(pid)
    if (m) samples.push(m.rssMb)
  }, everyMs)
  return {
    stop() {
      clearInterval(timer)
      return { peakMb: samples.length ? Math.max(...samples) : NaN, samples: samples.length }
    },
  }
}

export interface Child {
  process: ChildProcess
  pid: number
  stop(): Promise<void>
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 8000)
    await exited
    clearTimeout(timer)
  }
}

async function waitFor(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`)
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await sleep(100)
  }
  throw new Error(`${what} did not answer ${url} within 30 s`)
}

export interface Bff extends Child {
  origin: string
  port: number
}

export type BffAuthMode = 'kubeconfig' | 'in-cluster'

/**
 * The BFF's credential flags and environment. kubeconfig (default): the cluster's kubeconfig, admin
 * context. in-cluster: the admin token in a file standing in for the service account token, the
 * cluster CA, and KUBERNETES_SERVICE_HOST/PORT pointing at the API server — as in a pod.
 */
function bffCredentials(
  info: TestClusterInfo,
  authMode: BffAuthMode,
): { args: string[]; env: NodeJS.ProcessEnv; tempDir?: string } {
  if (authMode === 'kubeconfig')
    return {
      args: ['--kubeconfig', info.kubeconfigPath, '--context', 'local-admin'],
      env: process.env,
    }
  const dir = mkdtempSync(join(tmpdir(), 'bench-bff-sa-'))
  const tokenFile = join(dir, 'token')
  writeFileSync(tokenFile, info.tokens.admin, { mode: 0o600 })
  const url = new URL(info.server)
  return {
    args: [
      '--auth-mode',
      'in-cluster',
      '--in-cluster-token-file',
      tokenFile,
      '--in-cluster-ca-file',
      info.caFile,
    ],
    env: {
      ...process.env,
      KUBERNETES_SERVICE_HOST: url.hostname,
      KUBERNETES_SERVICE_PORT: url.port || '443',
    },
    tempDir: dir,
  }
}

/** Starts the BFF as its own process (as in production) against the cluster, kubeconfig by default. */
export async function startBff(
  info: TestClusterInfo,
  extraArgs: string[] = [],
  authMode: BffAuthMode = 'kubeconfig',
): Promise<Bff> {
  const port = await freePort()
  const credentials = bffCredentials(info, authMode)
  const child = spawn(
    process.execPath,
    [
      ...SERVER_NODE_FLAGS,
      `${repoRoot}server/main.ts`,
      '--port',
      String(port),
      ...credentials.args,
      '--log-level',
      'warn',
      ...extraArgs,
    ],
    { cwd: repoRoot, env: credentials.env, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const removeTemp = () => {
    if (credentials.tempDir) rmSync(credentials.tempDir, { recursive: true, force: true })
  }
  const origin = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${origin}/healthz`, child, 'the BFF')
  } catch (error) {
    child.kill('SIGKILL')
    removeTemp()
    throw error
  }
  const stop = stopper(child)
  return {
    process: child,
    pid: child.pid as number,
    origin,
    port,
    stop: () => stop().finally(removeTemp),
  }
}

export interface KubectlProxy extends Child {
  origin: string
}

/** `kubectl proxy` on a free port with the cluster's kubeconfig (admin context). */
export async function startKubectlProxy(
  kubectl: string,
  info: TestClusterInfo,
): Promise<KubectlProxy> {
  const port = await freePort()
  const child = spawn(
    kubectl,
    [
      '--kubeconfig',
      info.kubeconfigPath,
      '--context',
      'local-admin',
      'proxy',
      '--address=127.0.0.1',
      `--port=${port}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  )
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000)
  })
  const origin = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${origin}/readyz`, child, 'kubectl proxy')
  } catch (error) {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}: ${stderr.trim()}`, { cause: error })
  }
  return { process: child, pid: child.pid as number, origin, stop: stopper(child) }
}

export interface BareProxy extends Child {
  origin: string
}

/**
 * The bare Node/undici pass-through proxy (bench/lib/bare-proxy.ts) in its own process, with the
 * admin token: the same-run reference for what any Node proxy can do on this machine.
 */
export async function startBareProxy(info: TestClusterInfo): Promise<BareProxy> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-proxy-'))
  const tokenFile = join(dir, 'token')
  writeFileSync(tokenFile, info.tokens.admin, { mode: 0o600 })
  const child = spawn(
    process.execPath,
    [`${repoRoot}bench/lib/bare-proxy.ts`, String(port), info.server, info.caFile, tokenFile],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const removeTemp = () => rmSync(dir, { recursive: true, force: true })
  const origin = `http://127.0.0.1:${port}`
  try {
    await waitFor(`${origin}/healthz`, child, 'the bare proxy')
  } catch (error) {
    child.kill('SIGKILL')
    removeTemp()
    throw error
  }
  const stop = stopper(child)
  return {
    process: child,
    pid: child.pid as number,
    origin,
    stop: () => stop().finally(removeTemp),
  }
}
