// A real OpenID Connect provider for the local cluster (the `oidc-provider` package, certified by the
// OpenID Foundation), on https://127.0.0.1:<port> with a serving certificate from the cluster CA.
// kube-apiserver trusts its ID tokens through --authentication-config (see oidcAuthenticationConfig),
// and the BFF's oidc mode signs users in against it. Two users with random passwords kept in the
// state dir: an editor and a viewer (RBAC in oidc-rbac.ts). It runs inside the Node process that
// runs the cluster, so it lives and dies with it.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { issueServingCert } from './certs.ts'
import type { Pki } from './certs.ts'
import { loginPage, logoutPage, loggedOutPage } from './oidc-pages.ts'

/** The dashboard's client: public (PKCE, no secret), native so any loopback port may be its redirect. */
export const OIDC_CLIENT_ID = 'kyma-dashboard'
/** Prefix the API server puts before OIDC user and group names (as `oidc-login` setups usually do). */
export const OIDC_PREFIX = 'oidc:'

export type OidcRole = 'editor' | 'viewer'

export interface OidcUser {
  /** The login name typed on the provider's page, and the `email` claim. */
  email: string
  password: string
  groups: string[]
}

export interface OidcProviderInfo {
  issuer: string
  clientId: string
  users: Record<OidcRole, OidcUser>
}

export interface LocalOidcProvider extends OidcProviderInfo {
  /** Path of the AuthenticationConfiguration for kube-apiserver --authentication-config. */
  authenticationConfigPath: string
  stop(): Promise<void>
}

export interface OidcProviderOptions {
  stateDir: string
  pki: Pki
  port: number
  /** Lifetime of ID and access tokens (default 10 min); tests shorten it to exercise refresh. */
  tokenTtlSeconds?: number
}

const GROUPS: Record<OidcRole, string> = {
  editor: 'dashboard-editors',
  viewer: 'dashboard-viewers',
}

/** The users file is random per state dir and kept across restarts, like tokens.csv. */
async function ensureUsers(path: string): Promise<Record<OidcRole, OidcUser>> {
  const existing = await readFile(path, 'utf8').catch(() => '')
  if (existing) return JSON.parse(existing) as Record<OidcRole, OidcUser>
  const user = (role: OidcRole): OidcUser => ({
    email: `${role}@local.kyma.dev`,
    password: randomBytes(12).toString('base64url'),
    groups: [GROUPS[role]],
  })
  const users = { editor: user('editor'), viewer: user('viewer') }
  await writeFile(path, JSON.stringify(users, null, 2), { mode: 0o600 })
  return users
}

/** The structured authentication config that makes kube-apiserver accept the provider's ID tokens. */
export function oidcAuthenticationConfig(issuer: string, caPem: string): string {
  return stringify({
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'AuthenticationConfiguration',
    jwt: [
      {
        issuer: { url: issuer, certificateAuthority: caPem, audiences: [OIDC_CLIENT_ID] },
        claimMappings: {
          username: { claim: 'email', prefix: OIDC_PREFIX },
          groups: { claim: 'groups', prefix: OIDC_PREFIX },
        },
        // An unverified address must never become a Kubernetes user name.
        claimValidationRules: [
          { expression: 'claims.email_verified == true', message: 'email must be verified' },
        ],
      },
    ],
  })
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = ''
  for await (const chunk of req) {
    body += String(chunk)
    if (body.length > 8192) throw new Error('form too large')
  }
  return new URLSearchParams(body)
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The pages are static HTML with one form: nothing else may load or run.
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:*",
  })
  res.end(html)
}

export async function startOidcProvider(opts: OidcProviderOptions): Promise<LocalOidcProvider> {
  // Imported lazily: only the local cluster needs it, never the BFF.
  const { default: Provider } = await import('oidc-provider')
  const issuer = `https://127.0.0.1:${opts.port}`
  const users = await ensureUsers(join(opts.stateDir, 'oidc-users.json'))
  const byEmail = new Map(Object.values(users).map((u) => [u.email, u]))
  const ttl = opts.tokenTtlSeconds ?? 600
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
    format: 'jwk',
  })

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: ['http://127.0.0.1/api/auth/oidc/callback'],
        post_logout_redirect_uris: ['http://127.0.0.1/'],
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', kid: randomBytes(8).toString('hex') }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
    claims: { email: ['email', 'email_verified'], groups: ['groups'], profile: ['name'] },
    // The API server reads email and groups from the ID token itself, not from /userinfo.
    conformIdTokenClaims: false,
    ttl: { IdToken: ttl, AccessToken: ttl, AuthorizationCode: 60, RefreshToken: 8 * 3600 },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = logoutPage(form)
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.body = loggedOutPage()
        },
      },
    },
    // Refresh tokens without a consent prompt for offline_access: the dashboard refreshes quietly.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: async (_ctx, sub) => {
      const user = byEmail.get(sub)
      if (!user) return undefined
      return {
        accountId: sub,
        claims: async () => ({
          sub,
          email: user.email,
          email_verified: true,
          name: user.email.split('@')[0],
          groups: user.groups,
        }),
      }
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  })

  const callback = provider.callback()
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', issuer)
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname)
    if (!match) return callback(req, res)
    try {
      const details = await provider.interactionDetails(req, res)
      if (details.uid !== match[1]) return sendHtml(res, 400, 'Unknown sign-in request')
      // The dashboard is this provider's own (first-party) client: what it asks for is granted
      // without a consent screen, once the user has signed in.
      if (details.prompt.name === 'consent' && details.session?.accountId) {
        const grant = new provider.Grant({
          clientId: String(details.params.client_id),
          accountId: details.session.accountId,
        })
        grant.addOIDCScope(String(details.params.scope))
        const grantId = await grant.save()
        return await provider.interactionFinished(
          req,
          res,
          { consent: { grantId } },
          { mergeWithLastSubmission: true },
        )
      }
      if (!match[2]) return sendHtml(res, 200, loginPage(details.uid, undefined))
      if (req.method !== 'POST') return sendHtml(res, 405, 'Use the form')
      const form = await readForm(req)
      const user = byEmail.get(form.get('login') ?? '')
      if (!user || user.password !== form.get('password')) {
        return sendHtml(res, 401, loginPage(details.uid, 'Unknown user or wrong password.'))
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.email } },
        { mergeWithLastSubmission: false },
      )
    } catch (err) {
      sendHtml(res, 400, `Sign-in failed: ${(err as Error).name}`)
    }
  }

  const cert = await issueServingCert(opts.pki, opts.stateDir, 'oidc')
  const server: Server = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    void handle(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, '127.0.0.1', () => resolve())
  })

  const caPem = await readFile(opts.pki.caCert, 'utf8')
  const authenticationConfigPath = join(opts.stateDir, 'authentication-config.yaml')
  await writeFile(authenticationConfigPath, oidcAuthenticationConfig(issuer, caPem), {
    mode: 0o600,
  })
  return {
    issuer,
    clientId: OIDC_CLIENT_ID,
    users,
    authenticationConfigPath,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
