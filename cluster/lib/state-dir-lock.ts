// One cluster per state dir. The Node process that runs a cluster holds `<stateDir>/cluster.lock`
// (its pid). A second start on the same dir is told which process holds it and what to do; a lock
// whose holder is dead is taken over, after stopping whatever that holder left running on the dir
// (e.g. an etcd that survived it and still holds the data dir's own lock).
import { readFile, readdir, rm } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { basename, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { alive, tryLock } from './file-lock.ts'
import type { Log } from './progress.ts'

export class StateDirInUse extends Error {}

async function commandLine(pid: number): Promise<string> {
  const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')
  return raw.split('\0').filter(Boolean).join(' ')
}

/** Our cluster's binaries; nothing else (an editor, a kubectl) on the dir is ever stopped. */
const CLUSTER_BINARIES = new Set(['etcd', 'kube-apiserver', 'kube-controller-manager', 'manager'])

/**
 * What our processes name on their command line in the dir. Not just any path below it: the
 * default dir `.local-cluster/` holds the test clusters' own state dirs (`test-<random>/`).
 */
const OWN_FILES = ['etcd', 'pki/', 'tokens.csv', 'authentication-config.yaml']

/** Cluster processes whose command line names this state dir's own files (Linux /proc). */
export async function processesUsing(stateDir: string): Promise<{ pid: number; cmd: string }[]> {
  const found: { pid: number; cmd: string }[] = []
  for (const entry of await readdir('/proc').catch(() => [])) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    const cmd = await commandLine(pid)
    const binary = basename(cmd.split(' ')[0] ?? '')
    if (!CLUSTER_BINARIES.has(binary)) continue
    // The controller names no file on its command line: its kubeconfig comes from the environment.
    const env =
      binary === 'manager' ? await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '') : ''
    const names = `${cmd}\0${env}`
    if (OWN_FILES.some((f) => names.includes(`${stateDir}/${f}`))) found.push({ pid, cmd })
  }
  return found
}

async function stopLeftovers(stateDir: string, log: Log) {
  const left = await processesUsing(stateDir)
  for (const { pid, cmd } of left) {
    log(`stopping ${cmd.split(' ')[0]} (pid ${pid}), left running on ${stateDir} by a dead process`)
    try {
      process.kill(pid, 'SIGTERM')
    } catch {
      // Gone meanwhile.
    }
  }
  for (let i = 0; i < 50 && left.some((p) => alive(p.pid)); i++) await sleep(100)
  for (const p of left.filter((x) => alive(x.pid))) process.kill(p.pid, 'SIGKILL')
}

/**
 * Takes the state dir for this process, or throws StateDirInUse with a one-line message. Returns
 * the release function (also run by an exit hook, so a crash does not leave the lock behind).
 */
export async function lockStateDir(stateDir: string, log: Log): Promise<() => Promise<void>> {
  const path = join(stateDir, 'cluster.lock')
  const lock = await tryLock(path)
  if (!lock.acquired) {
    const cmd = (await commandLine(lock.holder)) || 'unknown command'
    throw new StateDirInUse(
      `the state dir ${stateDir} is in use by process ${lock.holder} (${cmd}): stop that one ` +
        `first (Ctrl+C in its terminal, or kill ${lock.holder}), or use another state dir`,
    )
  }
  if (lock.staleHolder) {
    log(`taking over ${stateDir} from process ${lock.staleHolder}, which is gone`)
  }
  // Also without a stale lock: a cluster of an older checkout (no lock file) may run on the dir.
  await stopLeftovers(stateDir, log)
  const onExit = () => rmSync(path, { force: true })
  process.on('exit', onExit)
  return async () => {
    process.off('exit', onExit)
    await rm(path, { force: true })
  }
}
