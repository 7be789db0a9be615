// in-cluster mode: the pod's service account. The token file is rotated by the kubelet (bound
// service account tokens live about an hour), so it is re-read periodically rather than once.
import { readFileSync } from 'node:fs'
import { isIPv6 } from 'node:net'
import { createUpstreamAgent, type Upstream, type UpstreamAuth } from './upstream.ts'

const TOKEN_REREAD_MS = 60_000

export class InClusterError extends Error {}

export interface InClusterSettings {
  host: string | null
  port: string | null
  tokenFile: string
  caFile: string
}

export function inClusterServer(host: string | null, port: string | null): string {
  if (!host || !port) {
    throw new InClusterError(
      'KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set: not running inside a cluster',
    )
  }
  const name = isIPv6(host) ? `[${host}]` : host
  return `https://${name}:${port}`
}

export function readCaFile(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch (error) {
    throw new InClusterError(
      `Cannot read CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
}

export function inClusterUpstream(settings: InClusterSettings): Upstream {
  const server = inClusterServer(settings.host, settings.port)
  const dispatcher = createUpstreamAgent({ ca: readCaFile(settings.caFile) })
  let token = readToken(settings.tokenFile)
  let readAt = Date.now()

  const upstream: Upstream = {
    authMode: 'in-cluster',
    server,
    context: null,
    configuredUser: null,
    async authFor() {
      if (Date.now() - readAt > TOKEN_REREAD_MS) {
        // Keep the previous token if the file is briefly missing during the kubelet's atomic swap.
        try {
          token = readToken(settings.tokenFile)
        } catch {
          /* keep the last good token */
        }
        readAt = Date.now()
      }
      return { headers: { authorization: `Bearer ${token}` }, dispatcher }
    },
    probeAuth: async () => (await upstream.authFor(null)) as UpstreamAuth,
    close: () => dispatcher.close(),
  }
  return upstream
}

function readToken(file: string): string {
  let token: string
  try {
    token = readFileSync(file, 'utf8').trim()
  } catch (error) {
    throw new InClusterError(
      `Cannot read service account token ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`,
    )
  }
  if (token === '') throw new InClusterError(`Service account token file ${file} is empty`)
  return token
}
