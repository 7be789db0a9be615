// Token-mode sessions through the real BFF against the real API server: the cookie is a sealed
// session (never the token), sign-out makes a copied cookie useless, made-up or tossed cookies never
// open anything, streams are capped per user, sessions expire when idle, sign-in is rate limited.
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeClients, createTestNamespace } from '../../cluster/test/helpers.ts'
import { startBff, type RunningBff } from '../test/bff.ts'
import { writeHeaders } from '../test/malicious-requests.ts'
import { rawHttp } from '../test/raw-http.ts'
import { openStream, signIn } from '../watch-mux/test-support.ts'

const cluster = inject('cluster')
let namespace: string
let bff: RunningBff

const tokenMode = { authMode: 'token' as const, server: cluster.server, caFile: cluster.caFile }

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'bff-sessions')
  bff = await startBff(tokenMode)
})

afterAll(async () => {
  await bff.close()
  await closeClients()
})

const apiRules = () => `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`
const get = (b: RunningBff, target: string, cookie?: string) =>
  rawHttp(b.port, { method: 'GET', target, headers: cookie ? { Cookie: cookie } : {} })
const login = (b: RunningBff, token: string) =>
  rawHttp(b.port, {
    method: 'POST',
    target: '/api/auth/login',
    headers: writeHeaders(b.origin),
    body: JSON.stringify({ token }),
  })
const logout = (b: RunningBff, cookie: string) =>
  rawHttp(b.port, {
    method: 'POST',
    target: '/api/auth/logout',
    headers: { Origin: b.origin, 'X-Kyma-Dashboard-Csrf': '1', Cookie: cookie },
  })

describe('the session cookie', () => {
  it('is an opaque sealed session with Max-Age, never the bearer token', async () => {
    const res = await login(bff, cluster.tokens.viewer)
    expect(res.status).toBe(200)
    const setCookie = res.headers['set-cookie'] ?? ''
    expect(setCookie).toMatch(
      /^kyma_dashboard_session=v1\.[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    )
    const value = setCookie.split(';')[0]?.split('=')[1] ?? ''
    const token = cluster.tokens.viewer
    for (let at = 0; at + 12 <= token.length; at += 12)
      expect(value).not.toContain(token.slice(at, at + 12))
    expect(Buffer.from(value.slice(3), 'base64url').toString('latin1')).not.toContain(
      token.slice(0, 12),
    )
  })

  it('is __Host- prefixed and Secure with --secure-cookies, and the unprefixed name is ignored', async () => {
    const secure = await startBff({ ...tokenMode, secureCookies: true })
    try {
      const res = await login(secure, cluster.tokens.viewer)
      const setCookie = res.headers['set-cookie'] ?? ''
      expect(setCookie).toMatch(/^__Host-kyma_dashboard_session=v1\.[^;]+; Path=\/; .*; Secure$/)
      const value = setCookie.split(';')[0]?.split('=')[1] ?? ''
      expect((await get(secure, apiRules(), `__Host-kyma_dashboard_session=${value}`)).status).toBe(
        200,
      )
      // A cookie a sibling subdomain could plant (no prefix) is not the session.
      expect((await get(secure, apiRules(), `kyma_dashboard_session=${value}`)).status).toBe(401)
    } finally {
      await secure.close()
    }
  })

  it('refuses a tampered or made-up value', async () => {
    const cookie = await signIn(bff.origin, bff.port, cluster.tokens.viewer)
    const flipped = cookie.slice(0, -2) + (cookie.endsWith('AA') ? 'AB' : 'AA')
    for (const bad of [
      flipped,
      'kyma_dashboard_session=v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      `kyma_dashboard_session=${cluster.tokens.admin}`,
      `kyma_dashboard_token=${cluster.tokens.admin}`,
    ]) {
      const res = await get(bff, apiRules(), bad)
      expect(res.status, bad).toBe(401)
      expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', code: 401 })
    }
  })

  it('refuses two session cookies in one request (cookie tossing), whichever comes first', async () => {
    const attacker = await signIn(bff.origin, bff.port, cluster.tokens.viewer)
    const victim = await signIn(bff.origin, bff.port, cluster.tokens.admin)
    for (const cookie of [`${attacker}; ${victim}`, `${victim}; ${attacker}`]) {
      const res = await get(bff, apiRules(), cookie)
      expect(res.status).toBe(400)
      expect((JSON.parse(res.body) as { message: string }).message).toMatch(/Two .* cookies/)
    }
  })
})

describe('sign-out', () => {
  it('makes a copied cookie useless on this replica, for requests and new watch streams', async () => {
    const cookie = await signIn(bff.origin, bff.port, cluster.tokens.admin)
    const copy = cookie
    expect((await get(bff, apiRules(), copy)).status).toBe(200)
    const stream = await openStream(bff.origin, copy)
    expect(stream.status).toBe(200)
    expect((await logout(bff, cookie)).status).toBe(204)
    await stream.ended
    const after = await get(bff, apiRules(), copy)
    expect(after.status).toBe(401)
    expect((JSON.parse(after.body) as { message: string }).message).toMatch(/signed out/)
    const newStream = await openStream(bff.origin, copy)
    expect(newStream.status).toBe(401)
    newStream.close()
  })
})

describe('watch streams', () => {
  it('a made-up cookie cannot fill the stream cap: 1,000 attempts get 401, a real user then 200', async () => {
    const made = ['kyma_dashboard_token=not-a-real-token', 'kyma_dashboard_session=v1.not-real']
    const statuses = new Map<number, number>()
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          get(bff, '/api/watch-stream', made[(batch * 50 + i) % 2]),
        ),
      )
      for (const a of answers) statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
    }
    expect(Object.fromEntries(statuses)).toEqual({ 401: 1000 })
    const real = await openStream(
      bff.origin,
      await signIn(bff.origin, bff.port, cluster.tokens.viewer),
    )
    expect(real.status).toBe(200)
    real.close()
  })

  it('caps the streams of one user across their sessions; other users still get theirs', async () => {
    const capped = await startBff(tokenMode)
    const streams: Awaited<ReturnType<typeof openStream>>[] = []
    try {
      const sessions = [
        await signIn(capped.origin, capped.port, cluster.tokens.viewer),
        await signIn(capped.origin, capped.port, cluster.tokens.viewer),
      ]
      for (let i = 0; i < 32; i++) {
        const s = await openStream(capped.origin, sessions[i % 2])
        streams.push(s)
        expect(s.status).toBe(200)
      }
      const over = await get(capped, '/api/watch-stream', sessions[0])
      expect(over.status).toBe(429)
      expect((JSON.parse(over.body) as { message: string }).message).toMatch(/per user/)
      const other = await openStream(
        capped.origin,
        await signIn(capped.origin, capped.port, cluster.tokens.admin),
      )
      streams.push(other)
      expect(other.status).toBe(200)
    } finally {
      for (const s of streams) s.close()
      await capped.close()
    }
  })
})

describe('session lifetime', () => {
  it('ends a session after the idle timeout, and renews the cookie of one in use', async () => {
    const short = await startBff({ ...tokenMode, sessionIdleTimeoutMs: 1500 })
    try {
      const cookie = await signIn(short.origin, short.port, cluster.tokens.viewer)
      await new Promise((r) => setTimeout(r, 400))
      const used = await get(short, apiRules(), cookie)
      expect(used.status).toBe(200)
      const renewed = (used.headers['set-cookie'] ?? '').split(';')[0] ?? ''
      expect(renewed).toMatch(/^kyma_dashboard_session=v1\./)
      await new Promise((r) => setTimeout(r, 1300))
      // The renewed cookie is still within its idle time; the original one is not.
      expect((await get(short, apiRules(), renewed)).status).toBe(200)
      const idle = await get(short, apiRules(), cookie)
      expect(idle.status).toBe(401)
      expect((JSON.parse(idle.body) as { message: string }).message).toMatch(/without use/)
    } finally {
      await short.close()
    }
  })
})

describe('sign-in', () => {
  it('is rate limited per client, and failed attempts are logged without the token', async () => {
    const lines: string[] = []
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const limited = await startBff(
      { ...tokenMode, signInBurst: 3, logLevel: 'info' },
      { logStream },
    )
    try {
      const guesses = Array.from({ length: 6 }, (_, i) => `guessed-token-${i}`)
      const answers = []
      for (const guess of guesses) answers.push(await login(limited, guess))
      expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429, 429])
      expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      const failed = lines.filter((l) => l.includes('"event":"sign-in failed"'))
      expect(failed).toHaveLength(6)
      for (const guess of guesses) expect(lines.join('')).not.toContain(guess)
    } finally {
      await limited.close()
    }
  })

  it('tells a caller without a session only that it must sign in', async () => {
    const res = await get(bff, '/api/cluster')
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({
      context: null,
      server: null,
      kubernetesVersion: null,
      user: null,
      authMode: 'token',
      signedIn: false,
    })
    const cookie = await signIn(bff.origin, bff.port, cluster.tokens.viewer)
    expect(JSON.parse((await get(bff, '/api/cluster', cookie)).body)).toMatchObject({
      server: cluster.server,
      user: 'viewer',
      signedIn: true,
      kubernetesVersion: expect.stringMatching(/^v1\./),
    })
  })
})
