// The "upstream": which API server the BFF talks to, over which connection pool, and how one request
// is authenticated. Each credential mode (kubeconfig, in-cluster, token) builds one.
import { Agent, type Dispatcher } from 'undici'
import type { AuthMode } from '../config.ts'

export interface UpstreamAuth {
  /** Authentication headers for this request (e.g. Authorization). */
  headers: Record<string, string>
  /** Connection pool carrying the cluster CA and, where used, the client certificate. */
  dispatcher: Dispatcher
}

export interface Upstream {
  readonly authMode: AuthMode
  /** API server base URL without a trailing slash (may carry a path prefix). */
  readonly server: string
  /** Kubeconfig context name, where there is one. */
  readonly context: string | null
  /** User name known from configuration (kubeconfig user), without asking the API server. */
  readonly configuredUser: string | null
  /**
   * Credentials for one request. In token mode `sessionToken` is the signed-in user's token and
   * null is returned without one; the other modes ignore it.
   */
  authFor(sessionToken: string | null): Promise<UpstreamAuth | null>
  /** Credentials for the BFF's own probes (/readyz): the configured identity, anonymous in token mode. */
  probeAuth(): Promise<UpstreamAuth>
  close(): Promise<void>
}

export interface TlsMaterial {
  ca?: string | Buffer | undefined
  cert?: string | Buffer | undefined
  key?: string | Buffer | undefined
  rejectUnauthorized?: boolean | undefined
  servername?: string | undefined
}

/** A keep-alive pool for one API server. Watches hold a connection each, so connections are unbounded. */
export function createUpstreamAgent(tls: TlsMaterial): Agent {
  const connect: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(tls)) if (value !== undefined) connect[key] = value
  return new Agent({
    connect,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    // One request per connection at a time: the API server speaks HTTP/1.1 here, and pipelining a
    // request behind a long list or a watch would stall it.
    pipelining: 1,
  })
}

export function trimServerUrl(server: string): string {
  return server.replace(/\/+$/, '')
}
