// postMessage from an embedded view to the page that frames it. Messages go to exactly one
// origin — the one named by `?parentOrigin=` — and only when the browser itself confirms that this
// origin is our parent (location.ancestorOrigins, else document.referrer). Never to '*'.
//
// The BFF already restricts who may frame /embed/* (CSP frame-ancestors from
// EMBED_ALLOWED_ORIGINS), so a frame that renders at all has an allowed parent; checking the
// parent's origin here keeps events from reaching any other window.

export const MESSAGE_SOURCE = 'kyma-apirules-dashboard'

export type ApiRuleEventType = 'apirule-created' | 'apirule-updated' | 'apirule-deleted'

export type EmbedEvent =
  { type: 'resize'; height: number } | { type: ApiRuleEventType; namespace: string; name: string }

export type EmbedMessage = EmbedEvent & { source: typeof MESSAGE_SOURCE }

export interface FrameEnvironment {
  /** location.search of the embedded page. */
  search: string
  /** document.referrer ('' when none was sent). */
  referrer: string
  /** location.ancestorOrigins (Chromium, WebKit); undefined where the browser lacks it. */
  ancestorOrigins?: ArrayLike<string> | undefined
  /** window.parent !== window */
  framed: boolean
}

/** A serialized origin (`https://host[:port]`) or undefined for anything else. */
export function normalizeOrigin(value: string | null | undefined): string | undefined {
  if (!value) return undefined
  try {
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined
    // Only a bare origin is accepted: no path, query, fragment or credentials.
    return url.origin === value ? url.origin : undefined
  } catch {
    return undefined
  }
}

function originOf(url: string): string | undefined {
  try {
    const o = new URL(url).origin
    return o === 'null' ? undefined : o
  } catch {
    return undefined
  }
}

export type ParentOriginResult = { ok: true; origin: string } | { ok: false; reason: string }

/**
 * The origin to send events to, or why there is none. `parentOrigin` must be a bare http(s)
 * origin and must equal the browser's own word about the parent: `ancestorOrigins[0]` where the
 * browser has it, otherwise the referrer's origin.
 */
export function resolveParentOrigin(env: FrameEnvironment): ParentOriginResult {
  if (!env.framed) return { ok: false, reason: 'Not framed: no parent to notify.' }
  const raw = new URLSearchParams(env.search).get('parentOrigin')
  if (!raw) return { ok: false, reason: 'No parentOrigin in the URL: events are not sent.' }
  const claimed = normalizeOrigin(raw)
  if (!claimed) return { ok: false, reason: `parentOrigin "${raw}" is not a bare http(s) origin.` }
  const ancestors = env.ancestorOrigins
  if (ancestors && ancestors.length > 0) {
    const parent = ancestors[0]
    return parent === claimed
      ? { ok: true, origin: claimed }
      : { ok: false, reason: `parentOrigin ${claimed} is not the framing page's origin.` }
  }
  const referrer = originOf(env.referrer)
  if (referrer === claimed) return { ok: true, origin: claimed }
  return {
    ok: false,
    reason: referrer
      ? `parentOrigin ${claimed} is not the framing page's origin.`
      : 'The framing page could not be verified (no ancestorOrigins, no referrer).',
  }
}

function isFramed(): boolean {
  try {
    return window.parent !== window
  } catch {
    return true
  }
}

export function currentFrameEnvironment(): FrameEnvironment {
  return {
    search: window.location.search,
    referrer: document.referrer,
    ancestorOrigins: window.location.ancestorOrigins,
    framed: isFramed(),
  }
}

export interface Messenger {
  /** The verified parent origin, if events are sent at all. */
  origin: string | undefined
  /** Why events are not sent (for a console note). */
  reason?: string | undefined
  post: (event: EmbedEvent) => void
}

/** A sender bound to the verified parent origin; a no-op when there is none. */
export function createMessenger(
  env: FrameEnvironment,
  target: Pick<Window, 'postMessage'> | undefined,
): Messenger {
  const parent = resolveParentOrigin(env)
  if (!parent.ok || !target) {
    return {
      origin: undefined,
      reason: parent.ok ? 'No parent window.' : parent.reason,
      post: () => {},
    }
  }
  const origin = parent.origin
  return {
    origin,
    post: (event) => {
      const message: EmbedMessage = { source: MESSAGE_SOURCE, ...event }
      target.postMessage(message, origin)
    },
  }
}
