// Turns the current kubeconfig (KUBECONFIG or ~/.kube/config) into a KubeTarget. Loading goes
// through @kubernetes/client-node so every auth flavour (tokens, client certs, exec plugins) works.
import { KubeConfig } from '@kubernetes/client-node'
import type { KubeTarget } from './kube-client.ts'

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v))

export async function targetFromKubeconfig(path?: string, context?: string): Promise<KubeTarget> {
  const kc = new KubeConfig()
  if (path) kc.loadFromFile(path)
  else kc.loadFromDefault()
  if (context) kc.setCurrentContext(context)
  const cluster = kc.getCurrentCluster()
  if (!cluster)
    throw new Error(`kubeconfig has no current cluster (context ${kc.getCurrentContext()})`)
  const opts: {
    ca?: unknown
    cert?: unknown
    key?: unknown
    headers?: Record<string, unknown>
    rejectUnauthorized?: boolean
  } = {}
  await kc.applyToHTTPSOptions(opts)
  const headers = Object.fromEntries(
    Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]),
  )
  return {
    server: cluster.server,
    caData: text(opts.ca),
    certData: text(opts.cert),
    keyData: text(opts.key),
    insecureSkipTlsVerify: opts.rejectUnauthorized === false || cluster.skipTLSVerify,
    headers,
  }
}
