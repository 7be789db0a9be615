// Which sessions were signed out. A session cookie is self-contained (sealed, see seal.ts), so a
// signed-out cookie stays valid until its max age unless every replica — and every replica after a
// restart — knows its id was revoked. Two implementations:
//  - MemoryRevocations: this process only (no --revocation-store; the log warns);
//  - ClusterRevocations: a ConfigMap of the dashboard's own namespace (`--revocation-store
//    <namespace>/<name>`), data `<session id>: <epoch ms when it would expire anyway>`. Sign-out
//    merges one key into it (a JSON merge patch, so concurrent sign-outs on several replicas never
//    conflict) and drops the expired ones; every replica re-reads it every second, so a sign-out on
//    one replica is refused on all of them within about a second, and after any restart.
// Polling a single small object rather than watching it: one GET per second and replica costs the
// API server less than the reconnect logic a watch needs costs us, and a missed change cannot hide.
import type { Upstream } from '../credentials/upstream.ts'
import { callUpstream, upstreamFailure } from '../upstream-request.ts'

export interface Revocations {
  /** Whether session `id` was signed out. */
  has(id: string): boolean
  /** Records the sign-out of session `id`, remembered until `until` (epoch ms). */
  add(id: string, until: number): Promise<void>
  close(): Promise<void>
}

export class MemoryRevocations implements Revocations {
  readonly #revoked = new Map<string, number>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  has(id: string): boolean {
    return this.#revoked.has(id)
  }

  add(id: string, until: number): Promise<void> {
    const now = this.#now()
    for (const [old, expiry] of this.#revoked) if (expiry <= now) this.#revoked.delete(old)
    this.#revoked.set(id, until)
    return Promise.resolve()
  }

  close(): Promise<void> {
    return Promise.resolve()
  }
}

export class RevocationStoreError extends Error {}

const TIMEOUT_MS = 5_000
/** Session ids as made by SessionStore (base64url): valid ConfigMap keys. */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/

interface ConfigMapBody {
  metadata?: { resourceVersion?: string }
  data?: Record<string, string>
}

/** Parses `<namespace>/<name>` (both DNS labels/subdomains); throws RevocationStoreError. */
export function parseStoreName(value: string): { namespace: string; name: string } {
  const match =
    /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)\/([a-z0-9]([-.a-z0-9]{0,251}[a-z0-9])?)$/.exec(value)
  if (!match?.[1] || !match[3])
    throw new RevocationStoreError(
      `--revocation-store must be <namespace>/<configmap name>, got "${value}"`,
    )
  return { namespace: match[1], name: match[3] }
}

export class ClusterRevocations implements Revocations {
  readonly #upstream: Upstream
  readonly #path: string
  readonly #name: string
  readonly #namespace: string
  readonly #pollMs: number
  readonly #warn: (message: string) => void
  #revoked = new Map<string, number>()
  #version = ''
  #timer: ReturnType<typeof setTimeout> | null = null
  #closed = false
  #failing = false

  constructor(upstream: Upstream, store: string, warn: (message: string) => void, pollMs = 1_000) {
    const { namespace, name } = parseStoreName(store)
    this.#upstream = upstream
    this.#namespace = namespace
    this.#name = name
    this.#path = `/api/v1/namespaces/${namespace}/configmaps/${name}`
    this.#pollMs = pollMs
    this.#warn = warn
  }

  /** Reads the list once (creating the ConfigMap if it is missing); throws when it cannot. */
  async start(): Promise<void> {
    const res = await this.#request('GET', this.#path)
    if (res.statusCode === 404) {
      const created = await this.#request(
        'POST',
        `/api/v1/namespaces/${this.#namespace}/configmaps`,
        {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: this.#name, namespace: this.#namespace },
          data: {},
        },
      )
      if (created.statusCode >= 300 && created.statusCode !== 409)
        throw this.#error('create', created)
    } else if (res.statusCode >= 300) throw this.#error('read', res)
    else this.#apply(res.body)
    this.#schedule()
  }

  has(id: string): boolean {
    return this.#revoked.has(id)
  }

  async add(id: string, until: number): Promise<void> {
    if (!SESSION_ID.test(id)) return
    this.#revoked.set(id, until)
    const now = Date.now()
    const data: Record<string, string | null> = { [id]: String(until) }
    // Expired entries go with the same patch (null removes a key), so the list stays small.
    for (const [old, expiry] of this.#revoked) if (expiry <= now) data[old] = null
    let last: { statusCode: number; body: unknown } | null = null
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        last = await this.#request('PATCH', this.#path, { data })
        if (last.statusCode < 300) return this.#apply(last.body)
      } catch (error) {
        last = { statusCode: 502, body: upstreamFailure(error, this.#upstream.server).message }
      }
    }
    throw this.#error('write', last ?? { statusCode: 0, body: '' })
  }

  async close(): Promise<void> {
    this.#closed = true
    if (this.#timer) clearTimeout(this.#timer)
    await this.#upstream.close()
  }

  #schedule(): void {
    if (this.#closed) return
    this.#timer = setTimeout(() => void this.#poll(), this.#pollMs)
    this.#timer.unref()
  }

  async #poll(): Promise<void> {
    try {
      const res = await this.#request('GET', this.#path)
      if (res.statusCode < 300) {
        this.#apply(res.body)
        if (this.#failing) this.#warn('The revocation store can be read again')
        this.#failing = false
      } else if (!this.#failing) {
        this.#failing = true
        this.#warn(`${this.#error('read', res).message}; keeping the revocations known so far`)
      }
    } catch (error) {
      if (!this.#failing) {
        this.#failing = true
        this.#warn(
          `Cannot read the revocation store: ${upstreamFailure(error, this.#upstream.server).message}`,
        )
      }
    }
    this.#schedule()
  }

  #apply(body: unknown): void {
    const cm = body as ConfigMapBody
    const version = cm.metadata?.resourceVersion ?? ''
    if (version !== '' && version === this.#version) return
    this.#version = version
    const now = Date.now()
    const next = new Map<string, number>()
    for (const [id, value] of Object.entries(cm.data ?? {})) {
      const until = Number(value)
      if (Number.isFinite(until) && until > now) next.set(id, until)
    }
    // Revocations this replica made and the store does not show yet (a write in flight) stay.
    for (const [id, until] of this.#revoked) if (until > now && !next.has(id)) next.set(id, until)
    this.#revoked = next
  }

  #error(what: string, res: { statusCode: number; body: unknown }): RevocationStoreError {
    const message =
      typeof res.body === 'object' && res.body !== null && 'message' in res.body
        ? String((res.body as { message: unknown }).message)
        : String(res.body).slice(0, 200)
    return new RevocationStoreError(
      `Cannot ${what} the revocation store ConfigMap ${this.#namespace}/${this.#name} (HTTP ${res.statusCode}: ${message}); the dashboard's own credentials need get and patch on it (create, if it does not exist yet)`,
    )
  }

  async #request(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
    const auth = await this.#upstream.probeAuth()
    const res = await callUpstream(this.#upstream, auth, {
      method,
      pathAndQuery: path,
      headers: {
        accept: 'application/json',
        ...(body === undefined
          ? {}
          : {
              'content-type':
                method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
            }),
      },
      body: body === undefined ? null : JSON.stringify(body),
      headersTimeoutMs: TIMEOUT_MS,
      bodyTimeoutMs: TIMEOUT_MS,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    })
    const text = await res.body.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // not JSON: keep the text for the error message
    }
    return { statusCode: res.statusCode, body: parsed }
  }
}
