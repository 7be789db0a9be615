// Signing in and out of the BFF in its per-user modes: token (the user pastes a Kubernetes bearer
// token) and oidc (the BFF runs the OpenID Connect code flow and holds the tokens). The browser only
// ever holds the BFF's sealed, HttpOnly session cookie.
import { apiFetch } from './client.ts'

export type AuthMode = 'kubeconfig' | 'in-cluster' | 'token' | 'oidc'

/** Modes in which each user signs in (and can sign out). */
export function signsIn(mode: string | undefined): mode is 'token' | 'oidc' {
  return mode === 'token' || mode === 'oidc'
}

export function signInWithToken(token: string): Promise<{ user: string | null }> {
  return apiFetch('/api/auth/login', { method: 'POST', body: { token } })
}

/** Where the browser goes to sign in through the OpenID provider, back to `returnTo` afterwards. */
export function oidcSignInUrl(returnTo: string): string {
  return `/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`
}

/**
 * Ends the session on the BFF. In oidc mode the answer names the provider's sign-out page, where the
 * browser should go next to end the provider's session too.
 */
export async function signOut(): Promise<{ endSessionUrl: string | null }> {
  const answer = await apiFetch<{ endSessionUrl?: string | null } | undefined>('/api/auth/logout', {
    method: 'POST',
  })
  return { endSessionUrl: answer?.endSessionUrl ?? null }
}

/**
 * The message of a failed OIDC sign-in: the BFF sends the browser to `/?signInError=…`. Read once,
 * when the app starts (before the router's redirects drop the query), and taken out of the URL.
 */
const signInError: string | null = (() => {
  if (typeof window === 'undefined') return null
  const url = new URL(window.location.href)
  const message = url.searchParams.get('signInError')
  if (message === null) return null
  url.searchParams.delete('signInError')
  window.history.replaceState(window.history.state, '', url)
  return message
})()

export function lastSignInError(): string | null {
  return signInError
}
