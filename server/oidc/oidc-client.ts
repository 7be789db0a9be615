// The BFF as an OpenID Connect relying party (oidc mode), on `openid-client`: authorization code flow
// with PKCE, state and nonce; refresh; revocation and the provider's end-session URL. The tokens
// stay on the server side of the sealed session cookie; the browser only ever sees the redirects.
import { readFileSync } from 'node:fs'
import * as oidc from 'openid-client'
import { Agent, fetch as undiciFetch } from 'undici'

export interface OidcSettings {
  issuer: string
  clientId: string
  /** Null: a public client (PKCE only), as most Kubernetes OIDC setups register the dashboard. */
  clientSecret: string | null
  scopes: string
  /** Which token the API server gets as the bearer: the ID token (kubectl oidc-login's default). */
  tokenUse: 'id' | 'access'
  /** PEM bundle trusted for the issuer (besides the system CAs); null: system CAs only. */
  caFile: string | null
}

/** What a signed-in OIDC session holds (sealed into its cookie). */
export interface OidcTokens {
  /** The bearer sent to the API server. */
  bearer: string
  idToken: string | null
  refreshToken: string | null
  /** Epoch ms when `bearer` was obtained and when it expires. */
  obtainedAt: number
  expiresAt: number
}

/** What the login redirect must remember until the callback (sealed into a short-lived cookie). */
export interface PendingLogin {
  state: string
  nonce: string
  codeVerifier: string
  redirectUri: string
  returnTo: string
}

export class OidcError extends Error {}

export class OidcClient {
  readonly #settings: OidcSettings
  readonly #dispatcher: Agent | undefined
  #config: Promise<oidc.Configuration> | undefined

  constructor(settings: OidcSettings) {
    this.#settings = settings
    const ca = settings.caFile === null ? undefined : readFileSync(settings.caFile, 'utf8')
    this.#dispatcher = ca === undefined ? undefined : new Agent({ connect: { ca } })
  }

  /** Discovery is lazy and retried after a failure, so a provider that starts late is fine. */
  #configuration(): Promise<oidc.Configuration> {
    this.#config ??= (async () => {
      const { issuer, clientId, clientSecret } = this.#settings
      const auth = clientSecret === null ? oidc.None() : oidc.ClientSecretBasic(clientSecret)
      const options: oidc.DiscoveryRequestOptions = {
        timeout: 10,
        ...(this.#dispatcher ? { [oidc.customFetch]: this.#fetch } : {}),
      }
      const config = await oidc.discovery(new URL(issuer), clientId, undefined, auth, options)
      if (this.#dispatcher) config[oidc.customFetch] = this.#fetch
      return config
    })().catch((err: unknown) => {
      this.#config = undefined
      throw new OidcError(
        `Cannot reach the OpenID provider ${this.#settings.issuer}: ${(err as Error).message}`,
      )
    })
    return this.#config
  }

  // openid-client fetches with the global fetch; the issuer's own CA needs undici's dispatcher.
  #fetch: oidc.CustomFetch = (url, options) =>
    undiciFetch(url, {
      ...options,
      dispatcher: this.#dispatcher,
    } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>

  async startLogin(
    redirectUri: string,
    returnTo: string,
  ): Promise<{ url: URL; pending: PendingLogin }> {
    const config = await this.#configuration()
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      redirectUri,
      returnTo,
    }
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.#settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    })
    return { url, pending }
  }

  /** Exchanges the callback's code; state, nonce, PKCE and the ID token's signature are checked. */
  async finishLogin(callbackUrl: URL, pending: PendingLogin): Promise<OidcTokens> {
    const config = await this.#configuration()
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    })
    return this.#toSession(tokens, null)
  }

  async refresh(current: OidcTokens): Promise<OidcTokens> {
    if (current.refreshToken === null) throw new OidcError('The session cannot be refreshed')
    const config = await this.#configuration()
    const tokens = await oidc.refreshTokenGrant(config, current.refreshToken)
    return this.#toSession(tokens, current)
  }

  /** Best effort: the refresh token is revoked at the provider, where it supports revocation. */
  async revoke(current: OidcTokens): Promise<void> {
    if (current.refreshToken === null) return
    const config = await this.#configuration()
    if (!config.serverMetadata().revocation_endpoint) return
    await oidc.tokenRevocation(config, current.refreshToken, { token_type_hint: 'refresh_token' })
  }

  /**
   * The provider's sign-out page, where it has one (RP-initiated logout), else null. The URL names
   * the client (`client_id`), never the ID token: the page navigates to it, so `id_token_hint`
   * would hand the user's API bearer to page JavaScript and the browser history. (The BFF cannot
   * end the session for the browser: the provider's session is the browser's cookie there.)
   */
  async endSessionUrl(postLogoutRedirectUri: string): Promise<string | null> {
    const config = await this.#configuration()
    if (!config.serverMetadata().end_session_endpoint) return null
    return oidc
      .buildEndSessionUrl(config, {
        client_id: this.#settings.clientId,
        post_logout_redirect_uri: postLogoutRedirectUri,
      })
      .toString()
  }

  #toSession(
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
    previous: OidcTokens | null,
  ): OidcTokens {
    const idToken = tokens.id_token ?? previous?.idToken ?? null
    const bearer = this.#settings.tokenUse === 'id' ? tokens.id_token : tokens.access_token
    if (!bearer) throw new OidcError(`The provider returned no ${this.#settings.tokenUse} token`)
    const claims = this.#settings.tokenUse === 'id' ? tokens.claims() : undefined
    const expiresAt =
      claims?.exp !== undefined
        ? claims.exp * 1000
        : Date.now() + (tokens.expiresIn() ?? 300) * 1000
    return {
      bearer,
      idToken,
      // Providers that do not rotate refresh tokens send none on refresh: keep the old one.
      refreshToken: tokens.refresh_token ?? previous?.refreshToken ?? null,
      obtainedAt: Date.now(),
      expiresAt,
    }
  }

  async close(): Promise<void> {
    await this.#dispatcher?.close()
  }
}
