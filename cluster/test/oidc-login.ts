// Signs in at the local OpenID provider without a browser, for integration tests: follows the
// authorization request through the provider's sign-in form (keeping its cookies, as a browser
// would) until it redirects to the client's redirect URI, and returns that URL (code + state).
import { Agent, fetch } from 'undici'
import type { OidcUser } from '../lib/oidc-provider.ts'

export interface ProviderLogin {
  /** The redirect to the client (redirect_uri?code=…&state=…), or an error redirect. */
  callbackUrl: URL
}

export async function signInAtProvider(
  authorizationUrl: string,
  user: Pick<OidcUser, 'email' | 'password'>,
  caPem: string,
  redirectUri: string,
): Promise<ProviderLogin> {
  const dispatcher = new Agent({ connect: { ca: caPem } })
  const jar = new Map<string, string>()
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  const remember = (res: Response | Awaited<ReturnType<typeof fetch>>) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';')
      const eq = pair.indexOf('=')
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim())
    }
  }
  try {
    let url = new URL(authorizationUrl)
    let body: URLSearchParams | undefined
    for (let hop = 0; hop < 10; hop++) {
      if (url.toString().startsWith(redirectUri)) return { callbackUrl: url }
      const res = await fetch(url, {
        method: body ? 'POST' : 'GET',
        body,
        headers: {
          cookie: cookieHeader(),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        redirect: 'manual',
        dispatcher,
      })
      remember(res)
      body = undefined
      const location = res.headers.get('location')
      if (location) {
        await res.body?.cancel()
        url = new URL(location, url)
        continue
      }
      const html = await res.text()
      const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
      if (res.status !== 200 || !action) {
        throw new Error(`provider answered ${res.status} at ${url.pathname}: ${html.slice(0, 200)}`)
      }
      // The sign-in form: post the credentials as a person would type them.
      url = new URL(action.replace(/&amp;/g, '&'), url)
      body = new URLSearchParams({ login: user.email, password: user.password })
    }
    throw new Error('too many redirects at the provider')
  } finally {
    await dispatcher.close()
  }
}
