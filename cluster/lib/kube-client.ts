// A tiny Kubernetes REST client on undici: enough to apply objects, wait for conditions and make
// raw requests in tests, without the weight of @kubernetes/client-node's generated APIs.
import { Agent, type Headers, type Response, fetch } from 'undici'

export interface KubeTarget {
  server: string
  /** PEM CA bundle; omit to use the system CAs. */
  caData?: string
  token?: string
  /** PEM client certificate and key (kubeconfigs with client-certificate auth). */
  certData?: string
  keyData?: string
  insecureSkipTlsVerify?: boolean
  /** Extra headers, e.g. Impersonate-User or an exec-plugin token. */
  headers?: Record<string, string>
}

export interface KubeResponse<T = unknown> {
  status: number
  /** Parsed JSON when the server sent JSON, else the raw text. */
  body: T
  headers: Headers
}

export interface KubeClient {
  target: KubeTarget
  request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<KubeResponse<T>>
  /** Same as request() but throws unless the status is 2xx. */
  ok<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T>
  /** The raw streaming response, e.g. for `?watch=1`. */
  stream(path: string, signal?: AbortSignal): Promise<Response>
  close(): Promise<void>
}

export class KubeError extends Error {
  status: number
  body: unknown
  constructor(method: string, path: string, status: number, body: unknown) {
    const msg =
      body && typeof body === 'object' && 'message' in body ? String(body.message) : String(body)
    super(`${method} ${path} → ${status}: ${msg}`)
    this.status = status
    this.body = body
  }
}

export function createKubeClient(target: KubeTarget): KubeClient {
  const dispatcher = new Agent({
    connect: {
      ca: target.caData,
      cert: target.certData,
      key: target.keyData,
      rejectUnauthorized: !target.insecureSkipTlsVerify,
    },
  })
  const baseHeaders: Record<string, string> = { ...target.headers }
  if (target.token) baseHeaders.authorization = `Bearer ${target.token}`

  const request = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<KubeResponse<T>> => {
    const h: Record<string, string> = { accept: 'application/json', ...baseHeaders, ...headers }
    let payload: string | undefined
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body)
      h['content-type'] ??= 'application/json'
    }
    const res = await fetch(new URL(path, target.server), {
      method,
      headers: h,
      body: payload,
      dispatcher,
    })
    const text = await res.text()
    let parsed: unknown = text
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text)
    return { status: res.status, body: parsed as T, headers: res.headers }
  }

  return {
    target,
    request,
    async ok<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
      let res = await request<T>(method, path, body, headers)
      // A CRD whose conversion just changed (the controller's webhook installed or removed) has
      // its storage re-initialized: until then the API server answers 429 with Retry-After. The
      // cluster's own setup waits for it instead of failing the start.
      for (let waited = 0; isStorageInitializing(res) && waited < STORAGE_INIT_WAIT_MS;) {
        const after = Math.min(Number(res.headers.get('retry-after')) || 1, 5) * 1000
        await new Promise((r) => setTimeout(r, after))
        waited += after
        res = await request<T>(method, path, body, headers)
      }
      if (res.status < 200 || res.status > 299)
        throw new KubeError(method, path, res.status, res.body)
      return res.body
    },
    async stream(path, signal) {
      return fetch(new URL(path, target.server), {
        headers: { accept: 'application/json', ...baseHeaders },
        dispatcher,
        signal,
      })
    },
    close: () => dispatcher.close(),
  }
}

const STORAGE_INIT_WAIT_MS = 60_000

function isStorageInitializing(res: KubeResponse<unknown>): boolean {
  const message = (res.body as { message?: unknown } | undefined)?.message
  return res.status === 429 && typeof message === 'string' && message.includes('initializing')
}
