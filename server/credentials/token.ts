// token mode: no server-side identity. Each user signs in with their own bearer token, which lives
// only in an HttpOnly cookie and is forwarded as Authorization. The BFF only needs to know where the
// API server is and which CA signed it: --server/--ca-file, else the kubeconfig cluster, else in-cluster.
import { readFileSync } from 'node:fs'
import { loadKubeConfig } from './kubeconfig.ts'
import { inClusterServer, readCaFile } from './in-cluster.ts'
import { createUpstreamAgent, trimServerUrl, type TlsMaterial, type Upstream } from './upstream.ts'
import type { Config } from '../config.ts'

export class TokenModeError extends Error {}

interface Target {
  server: string
  tls: TlsMaterial
  context: string | null
}

async function resolveTarget(config: Config): Promise<Target> {
  if (config.server !== null) {
    const ca = config.caFile === null ? undefined : readCaFile(config.caFile)
    return { server: config.server, tls: { ca }, context: null }
  }
  if (
    config.kubernetesServiceHost &&
    config.kubernetesServicePort &&
    config.kubeconfig === null &&
    config.context === null
  ) {
    return {
      server: inClusterServer(config.kubernetesServiceHost, config.kubernetesServicePort),
      tls: { ca: readCaFile(config.inClusterCaFile) },
      context: null,
    }
  }
  // Only the cluster part of the kubeconfig is used; its user credentials are deliberately ignored.
  const kc = await loadKubeConfig(config.kubeconfig, config.context)
  const cluster = kc.getCurrentCluster()
  if (!cluster) throw new TokenModeError('no cluster in the kubeconfig context')
  const ca = cluster.caFile
    ? readFileSync(cluster.caFile)
    : cluster.caData
      ? Buffer.from(cluster.caData, 'base64')
      : undefined
  return {
    server: cluster.server,
    tls: {
      ca,
      rejectUnauthorized: cluster.skipTLSVerify ? false : undefined,
      servername: cluster.tlsServerName,
    },
    context: kc.getCurrentContext(),
  }
}

export async function tokenUpstream(
  config: Config,
  authMode: 'token' | 'oidc' = 'token',
): Promise<Upstream> {
  const target = await resolveTarget(config)
  const dispatcher = createUpstreamAgent(target.tls)
  return {
    authMode,
    server: trimServerUrl(target.server),
    context: target.context,
    configuredUser: null,
    async authFor(sessionToken) {
      if (sessionToken === null) return null
      return { headers: { authorization: `Bearer ${sessionToken}` }, dispatcher }
    },
    async probeAuth() {
      return { headers: {}, dispatcher }
    },
    close: () => dispatcher.close(),
  }
}
