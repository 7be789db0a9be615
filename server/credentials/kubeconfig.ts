// kubeconfig mode: credentials exactly as kubectl would use them. @kubernetes/client-node resolves
// client certificates, static tokens, token files, exec plugins and OIDC; we ask it for the request
// options and turn them into headers plus an undici pool.
//
// The library is imported only when a kubeconfig is actually read: its entry point pulls in the whole
// generated API (~85 MB of RSS), which in-cluster mode and token mode with --server never need.
import path from 'node:path'
import { createHash } from 'node:crypto'
import type { KubeConfig } from '@kubernetes/client-node'
import type { Agent } from 'undici'
import {
  createUpstreamAgent,
  trimServerUrl,
  type TlsMaterial,
  type Upstream,
  type UpstreamAuth,
} from './upstream.ts'

// Exec plugins and OIDC refresh their tokens themselves; re-asking every few seconds keeps request
// latency free of file reads and plugin calls while still picking up a rotated token quickly.
const AUTH_CACHE_MS = 5_000

export class KubeconfigError extends Error {}

/** Loads a kubeconfig: an explicit path (or a delimiter-separated list), else KUBECONFIG / ~/.kube/config. */
export async function loadKubeConfig(
  kubeconfig: string | null,
  context: string | null,
): Promise<KubeConfig> {
  const { KubeConfig } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    if (kubeconfig === null) kc.loadFromDefault()
    else {
      const [first, ...rest] = kubeconfig.split(path.delimiter).filter((p) => p !== '')
      if (first === undefined) throw new KubeconfigError('empty kubeconfig path')
      kc.loadFromFile(first)
      for (const file of rest) {
        const more = new KubeConfig()
        more.loadFromFile(file)
        kc.mergeConfig(more, true)
      }
    }
  } catch (error) {
    throw new KubeconfigError(
      `Cannot load kubeconfig ${kubeconfig ?? '(default)'}: ${(error as Error).message}`,
    )
  }
  if (context !== null) {
    if (!kc.getContextObject(context)) {
      const known = kc
        .getContexts()
        .map((c) => c.name)
        .join(', ')
      throw new KubeconfigError(
        `Context "${context}" is not in the kubeconfig (known: ${known || 'none'})`,
      )
    }
    kc.setCurrentContext(context)
  }
  if (!kc.getCurrentCluster()) {
    throw new KubeconfigError(`The kubeconfig context "${kc.getCurrentContext()}" has no cluster`)
  }
  return kc
}

interface HttpsOptionsOut {
  headers?: Record<string, string | string[] | number | undefined>
  auth?: string
  ca?: string | Buffer
  cert?: string | Buffer
  key?: string | Buffer
  rejectUnauthorized?: boolean
  servername?: string
}

export async function kubeconfigUpstream(
  kubeconfig: string | null,
  context: string | null,
): Promise<Upstream> {
  const kc = await loadKubeConfig(kubeconfig, context)
  const cluster = kc.getCurrentCluster()
  if (!cluster) throw new KubeconfigError('no cluster in the kubeconfig context')
  const user = kc.getCurrentUser()
  let cached: { auth: UpstreamAuth; expires: number } | null = null
  let agent: { fingerprint: string; agent: Agent } | null = null
  const retired = new Set<Agent>()

  // Exec plugins may hand out a new client certificate; a new pool is made when the TLS material changes.
  function agentFor(tls: TlsMaterial): Agent {
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify(
          [tls.ca, tls.cert, tls.key, tls.rejectUnauthorized, tls.servername].map(String),
        ),
      )
      .digest('hex')
    if (agent?.fingerprint === fingerprint) return agent.agent
    if (agent) {
      const old = agent.agent
      retired.add(old)
      // Requests in flight (watches) finish on the old pool; close() waits for them.
      void old.close().finally(() => retired.delete(old))
    }
    agent = { fingerprint, agent: createUpstreamAgent(tls) }
    return agent.agent
  }

  const upstream: Upstream = {
    authMode: 'kubeconfig',
    server: trimServerUrl(cluster.server),
    context: kc.getCurrentContext(),
    configuredUser: user?.name ?? null,
    async authFor() {
      const now = Date.now()
      if (cached && cached.expires > now) return cached.auth
      const opts: HttpsOptionsOut = {}
      await kc.applyToHTTPSOptions(opts as Parameters<KubeConfig['applyToHTTPSOptions']>[0])
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(opts.headers ?? {})) {
        if (value !== undefined) headers[name.toLowerCase()] = String(value)
      }
      if (opts.auth) headers.authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`
      const dispatcher = agentFor({
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        rejectUnauthorized: opts.rejectUnauthorized,
        servername: opts.servername,
      })
      cached = { auth: { headers, dispatcher }, expires: now + AUTH_CACHE_MS }
      return cached.auth
    },
    async probeAuth() {
      return (await upstream.authFor(null)) as UpstreamAuth
    },
    async close() {
      await Promise.all([agent?.agent.close(), ...[...retired].map((a) => a.close())])
    },
  }
  return upstream
}
