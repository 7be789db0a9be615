// How an APIRule rule lets requests through: one set of kinds, one precedence, one set of labels
// for the list, the details page, the panel and the editor.
import { isObj, type Obj } from '../../../api/json.ts'

/** `none`: a v2 rule with no access field set (the CRD refuses it), or a v1beta1 rule without handlers. */
export type AccessKind = 'noAuth' | 'jwt' | 'extAuth' | 'other' | 'none'

/** The kinds, in the order the list's access filter offers them. */
export const ACCESS_KINDS: readonly AccessKind[] = ['noAuth', 'jwt', 'extAuth', 'other', 'none']

export const ACCESS_LABELS: Record<AccessKind, string> = {
  noAuth: 'No auth',
  jwt: 'JWT',
  extAuth: 'External auth',
  other: 'Other',
  none: 'Not set',
}

/** Every v1beta1 access strategy handler the controller knows ("Unsupported accessStrategy" else). */
export const V1BETA1_HANDLERS = [
  'allow',
  'no_auth',
  'noop',
  'jwt',
  'unauthorized',
  'anonymous',
  'cookie_session',
  'oauth2_client_credentials',
  'oauth2_introspection',
] as const

/** v1beta1 handlers that let every request through; each must be a rule's only handler. */
export const V1BETA1_PUBLIC_HANDLERS: readonly string[] = ['allow', 'no_auth', 'noop']

/** v1beta1 handlers that authenticate; the controller refuses mixing them with the others. */
export const V1BETA1_SECURE_HANDLERS: readonly string[] = [
  'jwt',
  'oauth2_client_credentials',
  'oauth2_introspection',
  'cookie_session',
]

/** What a v2 rule can be set to (a v2 rule is never "other"). */
export type V2AccessKind = Exclude<AccessKind, 'other'>

/**
 * The access of a v2 rule. The CRD allows exactly one of the three; when a document being typed
 * has several, `noAuth: true` wins (the most open one decides what a reader must know).
 */
export function v2AccessKind(rule: Obj): V2AccessKind {
  if (rule.noAuth === true) return 'noAuth'
  if (isObj(rule.jwt)) return 'jwt'
  if (isObj(rule.extAuth)) return 'extAuth'
  return 'none'
}

/** A v1beta1 rule is as open as its most open handler; "jwt" only if every handler is jwt. */
export function v1beta1AccessKind(handlers: readonly string[]): AccessKind {
  if (handlers.length === 0) return 'none'
  if (handlers.some((h) => V1BETA1_PUBLIC_HANDLERS.includes(h))) return 'noAuth'
  return handlers.every((h) => h === 'jwt') ? 'jwt' : 'other'
}
