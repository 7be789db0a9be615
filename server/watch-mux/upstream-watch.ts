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
import { StringDecoder } from 'node:string_decoder'
import type { FastifyBaseLogger } from 'fastify'
import type { Upstream, UpstreamAuth } from '../credentials/upstream.ts'
import { kubeStatus } from '../kube-status.ts'
import { callUpstream, upstreamFailure } from '../upstream-request.ts'
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
  headersTimeoutMs: number
  log: FastifyBaseLogger
}

export async function runSubscription(run: SubscriptionRun): Promise<void> {
  const { stream, sub, abort } = run
  const end = (code?: number, status?: StreamStatus) => {
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

  let response
  try {
    response = await callUpstream(run.upstream, run.auth, {
      method: 'GET',
      pathAndQuery: run.pathAndQuery,
      // No Accept-Encoding: the events are re-framed here, so they must arrive uncompressed.
      headers: { accept: 'application/json' },
      signal: abort.signal,
      headersTimeoutMs: run.headersTimeoutMs,
      bodyTimeoutMs: 0,
    })
  } catch (error) {
    if (abort.signal.aborted) return
    const failure = upstreamFailure(error, run.upstream.server)
    run.log.warn({ err: error, upstream: run.upstream.server }, 'upstream watch request failed')
    return end(failure.code, kubeStatus(failure.code, failure.message))
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
    return end(
      code,
      isStreamStatus(parsed) ? parsed : kubeStatus(code, text.slice(0, 1024) || `HTTP ${code}`),
    )
  }

  if (!stream.send({ sub, type: 'OPEN' })) {
    body.destroy()
    return
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
    if (known.type === 'ERROR' && isStreamStatus(known.object)) errorStatus = known.object
    return stream.send({ sub, event: known })
  }
  try {
    for await (const chunk of body) {
      if (!stream.has(sub)) break
      const lines = (rest + decoder.write(chunk as Buffer)).split('\n')
      rest = lines.pop() ?? ''
      if (rest.length > MAX_EVENT_LINE_BYTES) {
        body.destroy()
        return end(502, kubeStatus(502, 'A watch event from the API server is too large'))
      }
      for (const line of lines) {
        if (!forward(line) && stream.has(sub)) {
          body.destroy()
          return end(502, kubeStatus(502, 'The API server sent a malformed watch event'))
        }
      }
      // The client is behind: read no more from the API server until it catches up (streams.ts).
      if (stream.congested) await stream.drained()
    }
    rest += decoder.end()
    if (rest.trim() !== '') forward(rest)
  } catch (error) {
    if (abort.signal.aborted || !stream.has(sub)) return
    run.log.info({ err: error }, 'watch stream from the API server broke')
    return end(502, kubeStatus(502, `The watch stream from ${run.upstream.server} broke`))
  }
  if (errorStatus) {
    const code = typeof errorStatus.code === 'number' ? errorStatus.code : 500
    return end(code, errorStatus)
  }
  end()
}
