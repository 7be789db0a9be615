// Starts etcd + kube-apiserver + kube-controller-manager on 127.0.0.1 (no Docker, no nodes) and
// writes a kubeconfig for the three static users. See cluster/README.md for what runs and what not.
import { mkdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Agent, fetch } from 'undici'
import { type BinaryPaths, ensureBinaries } from './build.ts'
import { type Pki, ensurePki } from './lib/certs.ts'
import { startControllerManager } from './lib/controller-manager.ts'
import { type LocalOidcProvider, startOidcProvider } from './lib/oidc-provider.ts'
import { type EtcdPorts, apiserverArgs, etcdArgs } from './lib/control-plane-args.ts'
import { type KubeClient, createKubeClient } from './lib/kube-client.ts'
import { writeKubeconfig } from './lib/kubeconfig.ts'
import { defaultStateDir } from './lib/paths.ts'
import { freePort } from './lib/ports.ts'
import { type ManagedProcess, startProcess } from './lib/processes.ts'
import { type Log, consoleLog, formatDuration } from './lib/progress.ts'
import { ensureTokens } from './lib/tokens.ts'
import { waitFor } from './lib/wait.ts'
import { lockStateDir } from './lib/state-dir-lock.ts'
import { onStopRequest, stopExitCode } from './lib/stop-requests.ts'
import { type Stoppable, reportExit, supervise } from './lib/supervise.ts'
import type { ClusterUser, TestClusterInfo } from './test/cluster-info.ts'

export interface LocalClusterOptions {
  /** State dir for etcd data, certs, tokens, logs and the kubeconfig. Default `.local-cluster/`. */
  stateDir?: string
  /** kube-apiserver secure port; default: a free port. */
  port?: number
  /** Skip ensureBinaries() when the caller already has them. */
  binaries?: BinaryPaths
  log?: Log
  /** Throwaway data (tests): etcd skips fsync. */
  ephemeral?: boolean
  /** Stop the cluster and exit on SIGINT/SIGTERM/SIGHUP or when the parent exits (default true). */
  handleSignals?: boolean
  /** How long to wait for /readyz (default 90 s; a loaded CI machine is slow). */
  readyTimeoutMs?: number
  /** Run kube-controller-manager (default true). */
  controllerManager?: boolean
  /** Lifetime of the local OpenID provider's tokens (default 10 min; tests shorten it). */
  oidcTokenTtlSeconds?: number
}

export interface LocalCluster {
  info: TestClusterInfo
  stateDir: string
  /** The cluster CA and keys (other local components get certificates from it). */
  pki: Pki
  /** Folder of the processes' logs. */
  logsDir: string
  etcdUrl: string
  /** Whether kube-controller-manager runs. */
  controllerManager: boolean
  /** ms from spawning etcd to kube-apiserver /readyz = 200. */
  startupMs: number
  /** A REST client authenticated as one of the static users (closed by stop()). */
  client(user?: ClusterUser): KubeClient
  /** Stops `proc` (first, before the control plane) when the cluster stops. */
  adopt(proc: Stoppable): void
  /** Whether stop() has been called (a child exiting then is no news). */
  stopping(): boolean
  stop(): Promise<void>
}

const PORT_IN_USE = /address already in use|bind: address/i

/** Thrown when a process died because its port was taken between probing and binding. */
class PortRace extends Error {}

async function readLog(p: ManagedProcess) {
  return readFile(p.logPath, 'utf8').catch(() => '')
}

async function failure(p: ManagedProcess, reason: string): Promise<Error> {
  const log = await readLog(p)
  if (PORT_IN_USE.test(log)) return new PortRace(`${p.name}: port in use`)
  const tail = log.trim().split('\n').slice(-20).join('\n')
  return new Error(`${p.name} ${reason}; log ${p.logPath}:\n${tail}`)
}

async function startEtcd(binary: string, dataDir: string, logs: string, ephemeral: boolean) {
  const ports: EtcdPorts = { client: await freePort(), peer: await freePort() }
  const proc = startProcess(
    'etcd',
    binary,
    etcdArgs(dataDir, ports, ephemeral),
    join(logs, 'etcd.log'),
  )
  const url = `http://127.0.0.1:${ports.client}`
  try {
    await waitFor(
      'etcd /health',
      async () => {
        const res = await fetch(`${url}/health`)
        const body = (await res.json()) as { health?: string }
        return body.health === 'true' ? true : undefined
      },
      30_000,
      50,
      proc.exited.then((c) => `exited (${c})`),
    )
  } catch (err) {
    await proc.stop()
    throw await failure(proc, (err as Error).message)
  }
  return { proc, url }
}

async function startApiserver(
  binary: string,
  args: Parameters<typeof apiserverArgs>[0],
  logs: string,
  timeoutMs: number,
) {
  const proc = startProcess(
    'kube-apiserver',
    binary,
    apiserverArgs(args),
    join(logs, 'kube-apiserver.log'),
  )
  const server = `https://127.0.0.1:${args.port}`
  const ca = await readFile(args.pki.caCert, 'utf8')
  const dispatcher = new Agent({ connect: { ca } })
  try {
    // /readyz is readable anonymously (system:public-info-viewer) and turns 200 only after the
    // post-start hooks (RBAC bootstrap roles, system namespaces, …) have finished.
    await waitFor(
      'kube-apiserver /readyz',
      async () =>
        (await fetch(`${server}/readyz`, { dispatcher })).status === 200 ? true : undefined,
      timeoutMs,
      100,
      proc.exited.then((c) => `exited (${c})`),
    )
  } catch (err) {
    await proc.stop()
    throw await failure(proc, (err as Error).message)
  } finally {
    await dispatcher.close()
  }
  return { proc, server, ca }
}

export async function startLocalCluster(opts: LocalClusterOptions = {}): Promise<LocalCluster> {
  const log = opts.log ?? consoleLog
  const stateDir = resolve(opts.stateDir ?? defaultStateDir)
  const binaries = opts.binaries ?? (await ensureBinaries({ log }))
  const pkiDir = join(stateDir, 'pki')
  const logs = join(stateDir, 'logs')
  for (const d of [pkiDir, logs]) await mkdir(d, { recursive: true, mode: 0o700 })
  // Before anything else runs on the dir: one cluster per state dir.
  const unlock = await lockStateDir(stateDir, log)
  try {
    return await startOnLockedDir(opts, { log, stateDir, binaries, pkiDir, logs, unlock })
  } catch (err) {
    await unlock()
    throw err
  }
}

async function startOnLockedDir(
  opts: LocalClusterOptions,
  ctx: {
    log: Log
    stateDir: string
    binaries: BinaryPaths
    pkiDir: string
    logs: string
    unlock: () => Promise<void>
  },
): Promise<LocalCluster> {
  const { log, stateDir, binaries, pkiDir, logs } = ctx
  const pki = await ensurePki(pkiDir)
  const tokenFile = join(stateDir, 'tokens.csv')
  const tokens = await ensureTokens(tokenFile)
  // Before the API server: it reads the provider's discovery document to trust its tokens.
  const oidc: LocalOidcProvider = await startOidcProvider({
    stateDir,
    pki,
    port: await freePort(),
    tokenTtlSeconds: opts.oidcTokenTtlSeconds,
  })

  let etcd: { proc: ManagedProcess; url: string } | undefined
  let api: { proc: ManagedProcess; server: string; ca: string } | undefined
  let started = 0
  for (let attempt = 1; !api; attempt++) {
    started = performance.now()
    try {
      etcd = await startEtcd(binaries.etcd, join(stateDir, 'etcd'), logs, !!opts.ephemeral)
      const port = opts.port ?? (await freePort())
      api = await startApiserver(
        binaries.kubeApiserver,
        {
          etcdUrl: etcd.url,
          port,
          pki,
          tokenFile,
          authenticationConfig: oidc.authenticationConfigPath,
        },
        logs,
        opts.readyTimeoutMs ?? 90_000,
      )
    } catch (err) {
      await etcd?.proc.stop()
      if (attempt >= 5 || !(err instanceof PortRace)) await oidc.stop()
      // A fixed --port that is taken will not free itself: only retry probed ports.
      const retry =
        err instanceof PortRace && attempt < 5 && !(opts.port && err.message.startsWith('kube'))
      if (!retry) throw err
      log(`${err.message}; retrying with other ports`)
    }
  }
  const startupMs = performance.now() - started
  if (!etcd) throw new Error('unreachable: etcd not started')
  const etcdProc = etcd.proc
  const apiProc = api.proc
  const kcmOptions = {
    binary: binaries.kubeControllerManager,
    server: api.server,
    pki,
    pkiDir,
    logs,
  }
  const kcmFirst =
    opts.controllerManager === false
      ? undefined
      : await startControllerManager(kcmOptions).catch(async (err: unknown) => {
          await apiProc.stop()
          await etcdProc.stop()
          await oidc.stop()
          throw err
        })
  const kcm = kcmFirst && supervise(kcmFirst, () => startControllerManager(kcmOptions), log)

  const kubeconfigPath = join(stateDir, 'kubeconfig')
  await writeKubeconfig(kubeconfigPath, api.server, api.ca, tokens)
  const info: TestClusterInfo = {
    server: api.server,
    caData: api.ca,
    caFile: pki.caCert,
    tokens,
    kubeconfigPath,
    kubectl: binaries.kubectl,
    apiGateway: {
      running: false,
      reason: 'not started (startLocalCluster alone runs no controller)',
    },
    oidc: { issuer: oidc.issuer, clientId: oidc.clientId, users: oidc.users },
  }

  const clients = new Map<ClusterUser, KubeClient>()
  const adopted: Stoppable[] = []
  const stopListening =
    opts.handleSignals === false
      ? () => {}
      : onStopRequest((reason) => {
          log(`${reason}: stopping the local cluster`)
          void stop().finally(() => process.exit(stopExitCode(reason)))
        })

  let stopping: Promise<void> | undefined
  const isStopping = () => stopping !== undefined
  const broken = '; the local cluster does not work without it: stop it and start again'
  reportExit(etcdProc, log, isStopping, broken)
  reportExit(apiProc, log, isStopping, broken)
  function stop() {
    stopping ??= (async () => {
      stopListening()
      await Promise.all([...clients.values()].map((c) => c.close()))
      await Promise.all(adopted.map((p) => p.stop()))
      // Clients first, then the API server, so nobody logs connection errors while shutting down.
      await kcm?.stop()
      await apiProc.stop()
      await etcdProc.stop()
      await oidc.stop()
      await ctx.unlock()
    })()
    return stopping
  }

  log(`kube-apiserver ready at ${api.server} in ${formatDuration(startupMs)}`)
  return {
    info,
    stateDir,
    pki,
    logsDir: logs,
    etcdUrl: etcd.url,
    controllerManager: !!kcm,
    startupMs,
    client(user: ClusterUser = 'admin') {
      let c = clients.get(user)
      if (!c)
        clients.set(
          user,
          (c = createKubeClient({ server: info.server, caData: info.caData, token: tokens[user] })),
        )
      return c
    },
    adopt: (proc) => void adopted.push(proc),
    stopping: isStopping,
    stop,
  }
}
