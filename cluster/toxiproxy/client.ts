// A small typed client for Toxiproxy's HTTP API (v2.5.0): proxies and the toxics the fault tests
// and the remote-cluster benchmarks use. Toxiproxy refuses requests whose User-Agent starts with
// "Mozilla/", so this client sends its own.
import { request } from 'undici'

/** Which direction a toxic affects: downstream = server → client (Toxiproxy's default). */
export type ToxicStream = 'upstream' | 'downstream'

/** The toxics used here, with their attributes (times in ms, rate in KB/s). */
export type ToxicSpec =
  | { type: 'latency'; attributes: { latency: number; jitter?: number } }
  | { type: 'bandwidth'; attributes: { rate: number } }
  /** Resets (RST) every connection, at once or after `timeout` ms. */
  | { type: 'reset_peer'; attributes: { timeout: number } }
  /** Lets nothing through; closes after `timeout` ms, or never with 0 (a half-open connection). */
  | { type: 'timeout'; attributes: { timeout: number } }

export type Toxic = ToxicSpec & { name: string; stream: ToxicStream; toxicity: number }

export interface Proxy {
  name: string
  /** host:port Toxiproxy listens on for this proxy. */
  listen: string
  /** host:port it forwards to. */
  upstream: string
  enabled: boolean
  toxics: Toxic[]
}

export class ToxiproxyClient {
  readonly apiUrl: string
  constructor(apiUrl: string) {
    this.apiUrl = apiUrl
  }

  private async call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await request(`${this.apiUrl}${path}`, {
      method,
      headers: {
        'user-agent': 'kyma-apirules-dashboard-tests',
        'content-type': 'application/json',
      },
      body: body === undefined ? null : JSON.stringify(body),
    })
    const text = await res.body.text()
    if (res.statusCode >= 300) {
      throw new Error(`toxiproxy ${method} ${path}: HTTP ${res.statusCode} ${text.trim()}`)
    }
    return (text ? JSON.parse(text) : undefined) as T
  }

  version(): Promise<string> {
    return request(`${this.apiUrl}/version`, {
      headers: { 'user-agent': 'kyma-apirules-dashboard-tests' },
    }).then((r) => r.body.text())
  }

  /** A proxy from `listen` (port 0: Toxiproxy picks one, read it from the answer) to `upstream`. */
  createProxy(name: string, upstream: string, listen = '127.0.0.1:0'): Promise<Proxy> {
    return this.call<Proxy>('POST', '/proxies', { name, listen, upstream, enabled: true })
  }

  proxy(name: string): Promise<Proxy> {
    return this.call<Proxy>('GET', `/proxies/${encodeURIComponent(name)}`)
  }

  /** Disabling a proxy closes its connections and refuses new ones until enabled again. */
  setEnabled(name: string, enabled: boolean): Promise<Proxy> {
    return this.call<Proxy>('POST', `/proxies/${encodeURIComponent(name)}`, { enabled })
  }

  deleteProxy(name: string): Promise<void> {
    return this.call<void>('DELETE', `/proxies/${encodeURIComponent(name)}`)
  }

  addToxic(
    proxy: string,
    spec: ToxicSpec,
    opts: { name?: string; stream?: ToxicStream; toxicity?: number } = {},
  ): Promise<Toxic> {
    const stream = opts.stream ?? 'downstream'
    return this.call<Toxic>('POST', `/proxies/${encodeURIComponent(proxy)}/toxics`, {
      ...spec,
      name: opts.name ?? `${spec.type}_${stream}`,
      stream,
      toxicity: opts.toxicity ?? 1,
    })
  }

  /**
   * Removes a toxic. Toxiproxy's API answers 503 when the removal waits on links still inside a
   * slow toxic (a loaded machine); the removal goes on, so it is asked again, and a 404 after that
   * means it is gone.
   */
  async removeToxic(proxy: string, toxic: string): Promise<void> {
    const path = `/proxies/${encodeURIComponent(proxy)}/toxics/${encodeURIComponent(toxic)}`
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call<void>('DELETE', path)
      } catch (error) {
        const status = /: HTTP (\d+)/.exec((error as Error).message)?.[1]
        if (attempt > 1 && status === '404') return
        if (status !== '503' || attempt >= 4) throw error
      }
    }
  }

  /** Removes every toxic and enables every proxy. */
  reset(): Promise<void> {
    return this.call<void>('POST', '/reset')
  }
}

/**
 * A round-trip time of `rttMs` split across both directions (half each way), as a link to a
 * remote API server would add it. Returns the names of the toxics added.
 */
export async function addRoundTrip(
  client: ToxiproxyClient,
  proxy: string,
  rttMs: number,
): Promise<string[]> {
  if (rttMs <= 0) return []
  const names: string[] = []
  for (const stream of ['upstream', 'downstream'] as const) {
    const toxic = await client.addToxic(
      proxy,
      { type: 'latency', attributes: { latency: rttMs / 2 } },
      { name: `rtt_${stream}`, stream },
    )
    names.push(toxic.name)
  }
  return names
}
