// One subscription of a watch stream: the upstream watch request and the translation of its answer
// into stream lines (typed in protocol/watch-stream.ts). Each upstream event line becomes
// `{sub, event}` (events of a type the protocol does not know are left out: the client would skip
// them); the end of the watch becomes `{sub, type: 'END', code?, status?}`:
//  - the watch ended normally (API server timeout): no code, the client resumes from its version;
//  - an ERROR event (e.g. 410 Expired for a too-old resourceVersion): its Status and code;
//  - an HTTP error answer: its status code and the API server's Status;
//  - the API server unreachable or the stream broken: 502/504 with the dashboard's Status.
// `{sub, type: 'OPEN'}` says the API server accepted the watch (the client reports "live").
// A subscription removed by the client (unsubscribe) or by the stream closing ends silently.
//
// Each upstream watch is asked to end after the watch window (`timeoutSeconds`, the upstream
// timeout unless the client asked for less): the API server then closes it normally, and the BFF
// opens it again at once from the last resourceVersion it forwarded (events and BOOKMARKs), which
// the client never sees. Because an open watch is never silent for longer than the window, a
// connection that stays silent for the window plus WATCH_SILENCE_GRACE_MS is half-open (the API
// server or the path to it is gone without a FIN or RST): it is cut and the client gets END 504,
// so the page says "Reconnecting…" within that time instead of showing stale data as live.
import { StringDecoder } from 'node:string_decoder'
import type { FastifyBaseLogger } from 'fastify'
import type { Upstream, UpstreamAuth } from '../credentials/upstream.ts'
import { kubeStatus } from '../kube-status.ts'
import { callUpstream, errorCode, upstreamFailure } from '../upstream-request.ts'
import type { WatchStream } from './streams.ts'
import {
  asStreamWatchEvent,
  isStreamStatus,
  type EndMessage,
  type StreamStatus,
} from '../../protocol/watch-stream.ts'

/** Longest event line accepted from the API server (objects are at most ~1.5 MiB in etcd). */
export const MAX_EVENT_LINE_BYTES = 8 * 1024 * 1024
/** Longest error body read from a refused watch. */
const MAX_ERROR_BODY_BYTES = 64 * 1024

export interface SubscriptionRun {
  stream: WatchStream
  sub: string
  pathAndQuery: string
  upstream: Upstream
  auth: UpstreamAuth
  abort: AbortController
  /** Time the API server has to accept the watch; also the watch window (see above). */
  headersTimeoutMs: number
  log: FastifyBaseLogger
}

/** Silence beyond the watch window after which the upstream connection is taken for dead. */
export const WATCH_SILENCE_GRACE_MS = 5000

/** How one upstream watch request ended. */
type Outcome =
  | { kind: 'closed' } // the API server ended the watch normally (its timeout)
  | { kind: 'end'; code?: number; status?: StreamStatus } // the subscription ends with this
  | { kind: 'gone' } // the client or the stream went away: nothing to send

/** The watch window in whole seconds (at least 1). */
function windowSeconds(ms: number): number {
  return Math.max(1, Math.round(ms / 1000))
}

export async function runSubscription(run: SubscriptionRun): Promise<void> {
  const { stream, sub } = run
  const url = new URL(run.pathAndQuery, 'http://upstream.invalid')
  const window = windowSeconds(run.headersTimeoutMs)
  const asked = Number(url.searchParams.get('timeoutSeconds'))
  // A client that asked for a shorter watch gets its own end; otherwise the window is the BFF's.
  const imposed = !(asked > 0 && asked <= window)
  url.searchParams.set('timeoutSeconds', String(imposed ? window : asked))
  const state: WatchState = { opened: false, version: url.searchParams.get('resourceVersion') }
  for (;;) {
    if (state.version) url.searchParams.set('resourceVersion', state.version)
    const outcome = await watchOnce(run, `${url.pathname}${url.search}`, state)
    if (outcome.kind === 'gone') return
    if (outcome.kind === 'closed' && imposed && stream.has(sub)) continue
    return end(
      run,
      outcome.kind === 'end' ? outcome.code : undefined,
      outcome.kind === 'end' ? outcome.status : undefined,
    )
  }
}

function end(run: SubscriptionRun, code?: number, status?: StreamStatus): void {
  const { stream, sub } = run
  // Only a subscription that is still registered ends with a line: one the client removed (or
  // whose stream closed) has no one waiting for it.
  if (!stream.has(sub)) return
  // Field by field, not spread: a field the protocol renames must fail the typecheck here.
  const message: EndMessage = { sub, type: 'END' }
  if (code !== undefined) message.code = code
  if (status) message.status = status
  stream.send(message)
  stream.remove(sub)
}

interface WatchState {
  /** OPEN has been sent (once per subscription, not again on a resume). */
  opened: boolean
  /** The last resourceVersion forwarded: where a resume starts. */
  version: string | null
}

function objectVersion(object: object): string | undefined {
  const rv = (object as { metadata?: { resourceVersion?: unknown } }).metadata?.resourceVersion
  return typeof rv === 'string' && rv !== '' ? rv : undefined
}

/** One upstream watch request, forwarded until it ends. */
async function watchOnce(
  run: SubscriptionRun,
  pathAndQuery: string,
  state: WatchState,
): Promise<Outcome> {
  const { stream, sub, abort } = run
  const silenceMs = windowSeconds(run.headersTimeoutMs) * 1000 + WATCH_SILENCE_GRACE_MS
  let response
  try {
    response = await callUpstream(run.upstream, run.auth, {
      method: 'GET',
      pathAndQuery,
      // No Accept-Encoding: the events are re-framed here, so they must arrive uncompressed.
      headers: { accept: 'application/json' },
      signal: abort.signal,
      headersTimeoutMs: run.headersTimeoutMs,
      bodyTimeoutMs: silenceMs,
    })
  } catch (error) {
    if (abort.signal.aborted) return { kind: 'gone' }
    const failure = upstreamFailure(error, run.upstream.server)
    run.log.warn({ err: error, upstream: run.upstream.server }, 'upstream watch request failed')
    return { kind: 'end', code: failure.code, status: kubeStatus(failure.code, failure.message) }
  }

  const body = response.body
  if (response.statusCode !== 200) {
    let text = ''
    try {
      for await (const chunk of body) {
        text += (chunk as Buffer).toString('utf8')
        if (text.length > MAX_ERROR_BODY_BYTES) break
      }
    } catch {
      // a partial body is still worth passing on
    }
    body.destroy()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = undefined
    }
    const code = response.statusCode
    const status = isStreamStatus(parsed)
      ? parsed
      : kubeStatus(code, text.slice(0, 1024) || `HTTP ${code}`)
    return { kind: 'end', code, status }
  }

  if (!state.opened) {
    if (!stream.send({ sub, type: 'OPEN' })) {
      body.destroy()
      return { kind: 'gone' }
    }
    state.opened = true
  }
  const decoder = new StringDecoder('utf8')
  let rest = ''
  let errorStatus: StreamStatus | undefined
  const forward = (line: string): boolean => {
    if (line.trim() === '') return true
    let event: unknown
    try {
      event = JSON.parse(line)
    } catch {
      return false
    }
    if (typeof event !== 'object' || event === null) return false
    if (typeof (event as { type?: unknown }).type !== 'string') return false
    const known = asStreamWatchEvent(event)
    if (!known) return true
    if (known.type === 'ERROR') {
      if (isStreamStatus(known.object)) errorStatus = known.object
    } else {
      state.version = objectVersion(known.object) ?? state.version
    }
    return stream.send({ sub, event: known })
  }
  try {
    for await (const chunk of body) {
      if (!stream.has(sub)) break
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n')
      rest = lines.pop() ?? ''
      if (rest.length > MAX_EVENT_LINE_BYTES) {
        body.destroy()
        return {
          kind: 'end',
          code: 502,
          status: kubeStatus(502, 'A watch event from the API server is too large'),
        }
      }
      for (const line of lines) {
        if (!forward(line) && stream.has(sub)) {
          body.destroy()
          return {
            kind: 'end',
            code: 502,
            status: kubeStatus(502, 'The API server sent a malformed watch event'),
          }
        }
      }
      // The client is behind: read no more from the API server until it catches up (streams.ts).
      if (stream.congested) await stream.drained()
    }
    rest += decoder.end()
    if (rest.trim() !== '') forward(rest)
  } catch (error) {
    if (abort.signal.aborted || !stream.has(sub)) return { kind: 'gone' }
    if (errorCode(error) === 'UND_ERR_BODY_TIMEOUT') {
      run.log.warn(
        { upstream: run.upstream.server },
        'watch stream from the API server went silent',
      )
      const message =
        `The watch stream from ${run.upstream.server} was silent for ${silenceMs / 1000} s ` +
        '(the connection is lost)'
      return { kind: 'end', code: 504, status: kubeStatus(504, message) }
    }
    run.log.info({ err: error }, 'watch stream from the API server broke')
    return {
      kind: 'end',
      code: 502,
      status: kubeStatus(502, `The watch stream from ${run.upstream.server} broke`),
    }
  }
  if (!stream.has(sub)) return { kind: 'gone' }
  if (errorStatus) {
    const code = typeof errorStatus.code === 'number' ? errorStatus.code : 500
    return { kind: 'end', code, status: errorStatus }
  }
  return { kind: 'closed' }
}
