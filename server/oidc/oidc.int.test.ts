// oidc mode end to end without a browser: the BFF against the local cluster's real OpenID provider
// (oidc-provider) and the real kube-apiserver, which trusts the provider's ID tokens.
import { randomBytes } from 'node:crypto'
import { Agent, fetch } from 'undici'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  apiRulesPath,
  bindOidcEditors,
  closeClients,
  createTestNamespace,
  testApiRule,
} from '../../cluster/test/helpers.ts'
import { signInAtProvider } from '../../cluster/test/oidc-login.ts'
import { CSRF_HEADER } from '../../protocol/bff-http.ts'
import { startBff, type RunningBff } from '../test/bff.ts'

const cluster = inject('cluster')
let bff: RunningBff
let namespace: string

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'oidc')
  await bindOidcEditors(cluster, namespace)
  bff = await startBff({
    authMode: 'oidc',
    server: cluster.server,
    caFile: cluster.caFile,
    oidcIssuer: cluster.oidc.issuer,
    oidcClientId: cluster.oidc.clientId,
    oidcCaFile: cluster.caFile,
  })
})

afterAll(async () => {
  await bff?.close()
  await closeClients()
})

const cookiePair = (setCookie: string) => setCookie.split(';')[0] ?? ''
const named = (cookies: string[], name: string) =>
  cookies.find((c) => c.startsWith(`${name}=`)) ?? ''

/** A state-changing request as the browser's SPA sends it (same origin, CSRF header). */
function post(path: string, cookie: string, body?: unknown) {
  return fetch(bff.origin + path, {
    method: 'POST',
    headers: {
      cookie,
      origin: bff.origin,
      [CSRF_HEADER]: '1',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

function get(path: string, cookie = '') {
  return fetch(bff.origin + path, { redirect: 'manual', headers: cookie ? { cookie } : {} })
}

/** The whole browser journey: dashboard → provider's sign-in form → callback → session cookie. */
async function signIn(role: 'editor' | 'viewer', returnTo = '/namespaces/demo/apirules') {
  const start = await get(`/api/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`)
  expect(start.status).toBe(303)
  const flow = cookiePair(named(start.headers.getSetCookie(), 'kyma_dashboard_oidc'))
  expect(flow).not.toBe('')
  const authorizationUrl = start.headers.get('location') ?? ''
  expect(authorizationUrl.startsWith(cluster.oidc.issuer)).toBe(true)
  const { callbackUrl } = await signInAtProvider(
    authorizationUrl,
    cluster.oidc.users[role],
    cluster.caData,
    `${bff.origin}/api/auth/oidc/callback`,
  )
  return { flow, callbackUrl }
}

async function finish(callbackUrl: URL, flow: string) {
  const res = await get(callbackUrl.pathname + callbackUrl.search, flow)
  expect(res.status).toBe(303)
  const session = cookiePair(named(res.headers.getSetCookie(), 'kyma_dashboard_session'))
  return { location: res.headers.get('location') ?? '', session }
}

describe('oidc mode', () => {
  it('tells a caller without a session only that it must sign in', async () => {
    const res = await get('/api/cluster')
    expect(await res.json()).toEqual({
      context: null,
      server: null,
      kubernetesVersion: null,
      user: null,
      authMode: 'oidc',
      signedIn: false,
    })
  })

  it('signs the editor in through the provider; the API server sees the OIDC user', async () => {
    const { flow, callbackUrl } = await signIn('editor')
    const { location, session } = await finish(callbackUrl, flow)
    expect(location).toBe('/namespaces/demo/apirules')
    expect(session).toMatch(/^kyma_dashboard_session=v1\./)
    // The browser never holds a token: the cookie is sealed, with nothing of a JWT's dotted
    // header.payload.signature form in it (sealed values are one base64url run without dots).
    expect(session).not.toMatch(/eyJ[\w-]*\.[\w-]+\.[\w-]+/)
    const info = (await (await get('/api/cluster', session)).json()) as Record<string, unknown>
    expect(info).toMatchObject({
      authMode: 'oidc',
      signedIn: true,
      user: 'oidc:editor@local.kyma.dev',
    })

    const name = `oidc-${randomBytes(3).toString('hex')}`
    const created = await post(`/api/k8s${apiRulesPath(namespace)}`, session, testApiRule(name))
    expect(created.status).toBe(201)
    const body = (await created.json()) as { metadata: { managedFields: { manager: string }[] } }
    expect(body.metadata.managedFields.length).toBeGreaterThan(0)

    // Signing out ends the session: the same cookie, copied, is refused afterwards.
    const out = await post('/api/auth/logout', session)
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string }
    expect(endSessionUrl.startsWith(`${cluster.oidc.issuer}/session/end`)).toBe(true)
    // The page navigates to this URL: it names the client, never a token (the ID token is the
    // API bearer and would sit in page JavaScript and the browser history).
    const endSession = new URL(endSessionUrl)
    expect(endSession.searchParams.get('id_token_hint')).toBeNull()
    expect(endSession.searchParams.get('client_id')).toBe(cluster.oidc.clientId)
    expect(endSessionUrl).not.toMatch(/eyJ[\w-]*\.[\w-]+\.[\w-]*/)
    // The real provider accepts it (without its own session cookie here, it goes straight on to
    // confirm the sign-out; a rejected request would be its error page).
    const confirm = await fetch(endSessionUrl, {
      dispatcher: new Agent({ connect: { ca: cluster.caData } }),
    })
    const page = await confirm.text()
    expect(confirm.status, page.slice(0, 2000)).toBe(200)
    expect(page).toContain('/session/end/confirm')
    expect(page).not.toMatch(/invalid_request|invalid_client/)
    const after = await get(`/api/k8s${apiRulesPath(namespace)}`, session)
    expect(after.status).toBe(401)
  })

  it('refuses the viewer a create with the API server’s own 403 reason', async () => {
    const { flow, callbackUrl } = await signIn('viewer')
    const { session } = await finish(callbackUrl, flow)
    const res = await post(`/api/k8s${apiRulesPath(namespace)}`, session, testApiRule('viewer-try'))
    expect(res.status).toBe(403)
    const status = (await res.json()) as { reason: string; message: string }
    expect(status.reason).toBe('Forbidden')
    expect(status.message).toContain(
      'User "oidc:viewer@local.kyma.dev" cannot create resource "apirules"',
    )
  })

  it('refuses a tampered state, a tampered code, a replayed code and a callback it did not start', async () => {
    const { flow, callbackUrl } = await signIn('editor')
    const refused = async (url: URL, cookie: string) => {
      const res = await get(url.pathname + url.search, cookie)
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toMatch(/^\/\?signInError=/)
      expect(named(res.headers.getSetCookie(), 'kyma_dashboard_session')).toBe('')
      return decodeURIComponent(res.headers.get('location') ?? '')
    }
    const badState = new URL(callbackUrl)
    badState.searchParams.set('state', 'forged-state')
    expect(await refused(badState, flow)).toMatch(/state/)
    const badCode = new URL(callbackUrl)
    badCode.searchParams.set('code', 'forged-code')
    expect(await refused(badCode, flow)).toMatch(/grant|code/i)
    // Login CSRF: an attacker's own callback URL, opened in the victim's browser (no flow cookie).
    expect(await refused(callbackUrl, '')).toMatch(/not started here/)

    const { session } = await finish(callbackUrl, flow)
    expect(session).not.toBe('')
    // The same code again (replayed from history or a log) is refused by the provider.
    expect(await refused(callbackUrl, flow)).toMatch(/grant/i)
  })

  it('keeps the callback code and state out of the request log', async () => {
    const lines: string[] = []
    const logged = await startBff(
      {
        authMode: 'oidc',
        server: cluster.server,
        caFile: cluster.caFile,
        oidcIssuer: cluster.oidc.issuer,
        oidcClientId: cluster.oidc.clientId,
        oidcCaFile: cluster.caFile,
        logLevel: 'info',
      },
      { logStream: { write: (line: string) => void lines.push(line) } },
    )
    try {
      const start = await fetch(`${logged.origin}/api/auth/oidc/login`, { redirect: 'manual' })
      const flow = cookiePair(named(start.headers.getSetCookie(), 'kyma_dashboard_oidc'))
      const { callbackUrl } = await signInAtProvider(
        start.headers.get('location') ?? '',
        cluster.oidc.users.viewer,
        cluster.caData,
        `${logged.origin}/api/auth/oidc/callback`,
      )
      const code = callbackUrl.searchParams.get('code') ?? ''
      const state = callbackUrl.searchParams.get('state') ?? ''
      expect(code).not.toBe('')
      const res = await fetch(logged.origin + callbackUrl.pathname + callbackUrl.search, {
        redirect: 'manual',
        headers: { cookie: flow },
      })
      expect(res.status).toBe(303)
      const log = lines.join('')
      expect(log).toContain('/api/auth/oidc/callback?code=[redacted]')
      expect(log).not.toContain(code)
      expect(log).not.toContain(state)
    } finally {
      await logged.close()
    }
  })

  it('sets the flow cookie as __Host- with Path=/ over TLS, so a sibling subdomain cannot plant it', async () => {
    const secure = await startBff({
      authMode: 'oidc',
      server: cluster.server,
      caFile: cluster.caFile,
      oidcIssuer: cluster.oidc.issuer,
      oidcClientId: cluster.oidc.clientId,
      oidcCaFile: cluster.caFile,
      secureCookies: true,
    })
    try {
      const start = await fetch(`${secure.origin}/api/auth/oidc/login`, { redirect: 'manual' })
      const flow = named(start.headers.getSetCookie(), '__Host-kyma_dashboard_oidc')
      expect(flow).toMatch(/; Path=\/;/)
      expect(flow).toMatch(/; Secure/)
      expect(flow).not.toMatch(/Domain=/i)
    } finally {
      await secure.close()
    }
  })

  it('refuses a wrong password at the provider', async () => {
    const start = await get('/api/auth/oidc/login')
    await expect(
      signInAtProvider(
        start.headers.get('location') ?? '',
        { email: cluster.oidc.users.editor.email, password: 'wrong' },
        cluster.caData,
        `${bff.origin}/api/auth/oidc/callback`,
      ),
    ).rejects.toThrow(/provider answered 401/)
  })

  it('never sends the user back to another origin', async () => {
    for (const evil of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/api/auth/logout',
    ]) {
      const start = await get(`/api/auth/oidc/login?returnTo=${encodeURIComponent(evil)}`)
      const location = start.headers.get('location') ?? ''
      const { callbackUrl } = await signInAtProvider(
        location,
        cluster.oidc.users.viewer,
        cluster.caData,
        `${bff.origin}/api/auth/oidc/callback`,
      )
      const flow = cookiePair(named(start.headers.getSetCookie(), 'kyma_dashboard_oidc'))
      expect((await finish(callbackUrl, flow)).location).toBe('/')
    }
  })
})
