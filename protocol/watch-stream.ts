// The multiplexed watch stream between the SPA (web/api/watch-multiplexer.ts) and the BFF
// (server/watch-mux/), typed once and imported by both: a change to a message here fails the
// typecheck of whichever side no longer matches.
//
// Browsers open at most 6 HTTP/1.1 connections per origin and a watch holds one for its lifetime,
// so each tab opens ONE stream and subscribes its watches to it:
//
//   GET  /api/watch-stream                        → 200 NDJSON; first line HELLO {streamId}
//   POST /api/watch-stream/<streamId>/subscribe   SubscribeRequest → 202; then on the stream:
//          OPEN (the API server accepted the watch), EVENT… (its watch events), END (code?, status?)
//   POST /api/watch-stream/<streamId>/unsubscribe UnsubscribeRequest → 200; no further lines for id
//   PING lines keep an idle stream alive.
//
// END without a code: the API server closed the watch normally (its timeout) and the client resumes
// from its last resourceVersion; 410 (or a Status with reason Expired/Gone): re-list; any other code:
// the watch failed (back off and resume). Refusals of the POSTs are Kubernetes Status answers.
// Erasable TypeScript only (no enums): the server runs this file through Node's type stripping.

export const WATCH_STREAM_PATH = '/api/watch-stream'
/** Content type of the stream's response (one JSON message per line). */
export const WATCH_STREAM_CONTENT_TYPE = 'application/x-ndjson'

export type SubscriptionAction = 'subscribe' | 'unsubscribe'

/** `POST /api/watch-stream/<streamId>/<action>`, the stream id URL-encoded. */
export function subscriptionActionPath(streamId: string, action: SubscriptionAction): string {
  return `${WATCH_STREAM_PATH}/${encodeURIComponent(streamId)}/${action}`
}

/** Subscription ids are chosen by the client; short and plain, they only route lines. */
export const SUBSCRIPTION_ID = /^[A-Za-z0-9._-]{1,64}$/

export interface SubscribeRequest {
  /** Chosen by the client, matching SUBSCRIPTION_ID; names the subscription's lines. */
  id: string
  /** A Kubernetes watch path with query (`/apis/…/apirules?watch=true&resourceVersion=…`). */
  path: string
}

export interface UnsubscribeRequest {
  id: string
}

/** The event types of a Kubernetes watch. */
export const WATCH_EVENT_TYPES = ['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR'] as const
export type WatchEventType = (typeof WATCH_EVENT_TYPES)[number]

export function isWatchEventType(value: unknown): value is WatchEventType {
  return (WATCH_EVENT_TYPES as readonly unknown[]).includes(value)
}

/** The part of a Kubernetes Status the stream relies on; the rest is carried along. */
export interface StreamStatus {
  kind: 'Status'
  code?: number
  reason?: string
  message?: string
}

/** One watch event as the API server sent it (an ERROR carries a Status as its object). */
export interface StreamWatchEvent {
  type: WatchEventType
  object: object
}

export interface HelloMessage {
  type: 'HELLO'
  streamId: string
}

export interface PingMessage {
  type: 'PING'
}

export interface OpenMessage {
  sub: string
  type: 'OPEN'
}

export interface EventMessage {
  sub: string
  event: StreamWatchEvent
}

export interface EndMessage {
  sub: string
  type: 'END'
  /** Absent when the watch ended normally; else the HTTP or Status code. */
  code?: number
  status?: StreamStatus
}

/** Every line the stream carries. */
export type StreamMessage = HelloMessage | PingMessage | OpenMessage | EventMessage | EndMessage

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function isStreamStatus(value: unknown): value is StreamStatus {
  return isRecord(value) && value.kind === 'Status'
}

/** A watch event with a known type and an object; undefined for anything else. */
export function asStreamWatchEvent(value: unknown): StreamWatchEvent | undefined {
  if (!isRecord(value)) return undefined
  const { type, object } = value
  if (!isWatchEventType(type) || typeof object !== 'object' || object === null) return undefined
  return { type, object }
}

/**
 * Reads one stream line. Lines that are not JSON or not a message of this protocol (a newer
 * server's additions, or garbage) give undefined and are skipped by the reader.
 */
export function parseStreamMessage(line: string): StreamMessage | undefined {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch {
    return undefined
  }
  if (!isRecord(value)) return undefined
  if (value.type === 'HELLO')
    return typeof value.streamId === 'string'
      ? { type: 'HELLO', streamId: value.streamId }
      : undefined
  if (value.type === 'PING' && value.sub === undefined) return { type: 'PING' }
  const sub = value.sub
  if (typeof sub !== 'string') return undefined
  if (value.event !== undefined) {
    const event = asStreamWatchEvent(value.event)
    return event ? { sub, event } : undefined
  }
  if (value.type === 'OPEN') return { sub, type: 'OPEN' }
  if (value.type === 'END') {
    const end: EndMessage = { sub, type: 'END' }
    if (typeof value.code === 'number') end.code = value.code
    if (isStreamStatus(value.status)) end.status = value.status
    return end
  }
  return undefined
}
