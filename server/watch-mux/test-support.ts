// Test helpers for the watch streams: opens a stream against a running BFF, collects its lines as
// they arrive (with their arrival time), and sends subscribe/unsubscribe requests.
import { Agent, request } from 'undici'
import { rawHttp, type RawResponse } from '../test/raw-http.ts'

export interface StreamLine {
  at: number
  value: Record<string, unknown>
}

export interface TestStream {
  id: string
  status: number
  lines: StreamLine[]
  /** Resolves when the response has ended (or broke). */
  ended: Promise<void>
  isEnded(): boolean
  /** Waits for a line matching `match` (already received ones count). */
  next(match: (value: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<StreamLine>
  close(): void
}

export async function openStream(origin: string, cookie?: string): Promise<TestStream> {
  const abort = new AbortController()
  // A pool of its own, closed with the stream: no idle connection may keep a test server open.
  const agent = new Agent({ pipelining: 0 })
  const res = await request(`${origin}/api/watch-stream`, {
    headers: cookie ? { cookie } : {},
    signal: abort.signal,
    dispatcher: agent,
  })
  const lines: StreamLine[] = []
  const waiters = new Set<() => void>()
  let ended = false
  let rest = ''
  const done = (async () => {
    try {
      for await (const chunk of res.body) {
        const parts = (rest + (chunk as Buffer).toString('utf8')).split('\n')
        rest = parts.pop() ?? ''
        for (const part of parts) {
          if (part.trim() === '') continue
          lines.push({ at: performance.now(), value: JSON.parse(part) as Record<string, unknown> })
        }
        for (const w of [...waiters]) w()
      }
    } catch {
      // aborted or cut
    } finally {
      void agent.destroy()
      ended = true
      for (const w of [...waiters]) w()
    }
  })()
  const next = (match: (value: Record<string, unknown>) => boolean, timeoutMs = 5000) =>
    new Promise<StreamLine>((resolve, reject) => {
      const check = () => {
        const found = lines.find((l) => match(l.value))
        if (found) {
          cleanup()
          resolve(found)
        } else if (ended) {
          cleanup()
          reject(new Error('the stream ended before the expected line'))
        }
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`no matching line within ${timeoutMs} ms`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        waiters.delete(check)
      }
      waiters.add(check)
      check()
    })
  let id = ''
  if (res.statusCode === 200) {
    const hello = await next((v) => v.type === 'HELLO')
    id = String(hello.value.streamId)
  }
  return {
    id,
    status: res.statusCode,
    lines,
    ended: done,
    isEnded: () => ended,
    next,
    close: () => {
      abort.abort()
      void agent.destroy()
    },
  }
}

export interface PostOptions {
  origin: string
  port: number
  cookie?: string
  /** Leave out the CSRF header and Origin. */
  noCsrf?: boolean
}

export async function postJson(
  o: PostOptions,
  target: string,
  body: unknown,
): Promise<RawResponse & { json: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  if (!o.noCsrf) {
    headers.Origin = o.origin
    headers['X-Kyma-Dashboard-Csrf'] = '1'
  }
  if (o.cookie) headers.Cookie = o.cookie
  const res = await rawHttp(o.port, {
    method: 'POST',
    target,
    headers,
    body: JSON.stringify(body),
  })
  let json: Record<string, unknown> = {}
  try {
    json = JSON.parse(res.body) as Record<string, unknown>
  } catch {
    // not JSON
  }
  return { ...res, json }
}

export function subscribe(o: PostOptions, streamId: string, id: string, path: string) {
  return postJson(o, `/api/watch-stream/${streamId}/subscribe`, { id, path })
}

export function unsubscribe(o: PostOptions, streamId: string, id: string) {
  return postJson(o, `/api/watch-stream/${streamId}/unsubscribe`, { id })
}

/** Lines of subscription `sub`. */
export const ofSub = (sub: string) => (v: Record<string, unknown>) => v.sub === sub

/** Signs in to a token-mode BFF and returns the session cookie (`name=value`) to send back. */
export async function signIn(origin: string, port: number, token: string): Promise<string> {
  const res = await rawHttp(port, {
    method: 'POST',
    target: '/api/auth/login',
    headers: { Origin: origin, 'X-Kyma-Dashboard-Csrf': '1', 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
  })
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.body}`)
  return (res.headers['set-cookie'] ?? '').split(';')[0] ?? ''
}
