// Each credential mode against the real local cluster.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeClients, createTestNamespace, kubeRequest } from '../../cluster/test/helpers.ts'
import { startBff, type RunningBff } from '../test/bff.ts'
import { rawHttp } from '../test/raw-http.ts'
import { writeHeaders } from '../test/malicious-requests.ts'

const cluster = inject('cluster')
let namespace: string
let tmp: string

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'bff-creds')
  tmp = await mkdtemp(path.join(tmpdir(), 'bff-creds-'))
})

afterAll(async () => {
  await closeClients()
  await rm(tmp, { recursive: true, force: true })
})

const url = new URL(cluster.server)

async function clusterInfo(bff: RunningBff, cookie?: string) {
  const res = await rawHttp(bff.port, {
    method: 'GET',
    target: '/api/cluster',
    headers: cookie ? { Cookie: cookie } : {},
  })
  expect(res.status).toBe(200)
  return JSON.parse(res.body) as Record<string, unknown>
}

describe('kubeconfig mode', () => {
  it('uses the chosen context and reports it', async () => {
    const bff = await startBff({
      authMode: 'kubeconfig',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-admin',
    })
    try {
      expect(await clusterInfo(bff)).toMatchObject({
        context: 'local-admin',
        server: cluster.server,
        user: 'admin',
        authMode: 'kubeconfig',
        kubernetesVersion: expect.stringMatching(/^v1\./),
      })
      const ready = await rawHttp(bff.port, { method: 'GET', target: '/readyz' })
      expect(ready.status).toBe(200)
      const res = await rawHttp(bff.port, { method: 'GET', target: '/api/k8s/api/v1/namespaces' })
      expect(res.status).toBe(200)
    } finally {
      await bff.close()
    }
  })

  it('refuses an unknown context with a clear error', async () => {
    await expect(
      startBff({ authMode: 'kubeconfig', kubeconfig: cluster.kubeconfigPath, context: 'nope' }),
    ).rejects.toThrow(/Context "nope" is not in the kubeconfig/)
  })
})

describe('in-cluster mode', () => {
  it('uses the service account token and CA files from the environment', async () => {
    const tokenFile = path.join(tmp, 'token')
    await writeFile(tokenFile, `${cluster.tokens.viewer}\n`)
    const bff = await startBff({
      authMode: 'in-cluster',
      kubernetesServiceHost: url.hostname,
      kubernetesServicePort: url.port,
      inClusterTokenFile: tokenFile,
      inClusterCaFile: cluster.caFile,
    })
    try {
      expect(await clusterInfo(bff)).toMatchObject({
        context: null,
        server: cluster.server,
        user: 'viewer',
        authMode: 'in-cluster',
      })
      const list = await rawHttp(bff.port, {
        method: 'GET',
        target: `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`,
      })
      expect(list.status).toBe(200)
    } finally {
      await bff.close()
    }
  })
})

describe('token mode', () => {
  let bff: RunningBff
  beforeAll(async () => {
    bff = await startBff({ authMode: 'token', server: cluster.server, caFile: cluster.caFile })
  })
  afterAll(() => bff.close())

  async function login(token: string) {
    return rawHttp(bff.port, {
      method: 'POST',
      target: '/api/auth/login',
      headers: writeHeaders(bff.origin),
      body: JSON.stringify({ token }),
    })
  }
  const cookieOf = (setCookie: string | undefined) => (setCookie ?? '').split(';')[0] ?? ''

  it('answers 401 without a session, ignoring a client Authorization header', async () => {
    const res = await rawHttp(bff.port, {
      method: 'GET',
      target: '/api/k8s/api/v1/namespaces',
      headers: { Authorization: `Bearer ${cluster.tokens.admin}` },
    })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({
      kind: 'Status',
      code: 401,
      reason: 'Unauthorized',
    })
    expect(await clusterInfo(bff)).toMatchObject({
      authMode: 'token',
      user: null,
      signedIn: false,
      server: null,
    })
  })

  it('rejects a wrong token', async () => {
    const res = await login('not-a-valid-token')
    expect(res.status).toBe(401)
    expect(res.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a cross-site login attempt', async () => {
    const res = await rawHttp(bff.port, {
      method: 'POST',
      target: '/api/auth/login',
      headers: { ...writeHeaders('http://evil.example'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: cluster.tokens.admin }),
    })
    expect(res.status).toBe(403)
  })

  it('signs in as viewer: reads pass, writes get the API server RBAC Status untouched', async () => {
    const res = await login(cluster.tokens.viewer)
    expect(res.status).toBe(200)
    expect(JSON.parse(res.body)).toEqual({ user: 'viewer' })
    const setCookie = res.headers['set-cookie']
    expect(setCookie).toMatch(
      /^kyma_dashboard_session=v1\.[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
    )
    const cookie = cookieOf(setCookie)
    expect(await clusterInfo(bff, cookie)).toMatchObject({ user: 'viewer', signedIn: true })

    const path = `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`
    const list = await rawHttp(bff.port, {
      method: 'GET',
      target: `/api/k8s${path}`,
      headers: { Cookie: cookie },
    })
    expect(list.status).toBe(200)

    const body = {
      apiVersion: 'gateway.kyma-project.io/v2',
      kind: 'APIRule',
      metadata: { name: 'nope' },
      spec: {},
    }
    const direct = await kubeRequest(cluster, 'viewer', 'POST', path, body)
    expect(direct.status).toBe(403)
    const viaBff = await rawHttp(bff.port, {
      method: 'POST',
      target: `/api/k8s${path}`,
      headers: { ...writeHeaders(bff.origin), Cookie: cookie },
      body: JSON.stringify(body),
    })
    expect(viaBff.status).toBe(403)
    expect(JSON.parse(viaBff.body)).toEqual(direct.body)
    expect((JSON.parse(viaBff.body) as { message: string }).message).not.toMatch(/dashboard/)

    const logout = await rawHttp(bff.port, {
      method: 'POST',
      target: '/api/auth/logout',
      headers: { Origin: bff.origin, 'X-Kyma-Dashboard-Csrf': '1', Cookie: cookie },
    })
    expect(logout.status).toBe(204)
    expect(logout.headers['set-cookie']).toMatch(/^kyma_dashboard_session=; .*Max-Age=0/)
  })

  it('signs in as admin and can write APIRules', async () => {
    const res = await login(cluster.tokens.admin)
    expect(JSON.parse(res.body)).toEqual({ user: 'admin' })
    const cookie = cookieOf(res.headers['set-cookie'])
    const created = await rawHttp(bff.port, {
      method: 'POST',
      target: `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules?dryRun=All`,
      headers: { ...writeHeaders(bff.origin), Cookie: cookie },
      body: JSON.stringify({
        apiVersion: 'gateway.kyma-project.io/v2',
        kind: 'APIRule',
        metadata: { name: 'by-admin' },
        spec: {
          gateway: 'kyma-system/kyma-gateway',
          hosts: ['a.local.kyma.dev'],
          service: { name: 'a', port: 80 },
          rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
        },
      }),
    })
    expect(created.status).toBe(201)
  })

  it('marks the cookie Secure with --secure-cookies', async () => {
    const secure = await startBff({
      authMode: 'token',
      server: cluster.server,
      caFile: cluster.caFile,
      secureCookies: true,
    })
    try {
      const res = await rawHttp(secure.port, {
        method: 'POST',
        target: '/api/auth/login',
        headers: writeHeaders(secure.origin),
        body: JSON.stringify({ token: cluster.tokens.viewer }),
      })
      expect(res.headers['set-cookie']).toMatch(/; Secure$/)
    } finally {
      await secure.close()
    }
  })

  it('takes the cluster from the kubeconfig context, ignoring its user', async () => {
    const fromKubeconfig = await startBff({
      authMode: 'token',
      kubeconfig: cluster.kubeconfigPath,
      context: 'local-admin',
    })
    try {
      // Before sign-in nothing about the cluster is told; after it, the kubeconfig's cluster.
      expect(await clusterInfo(fromKubeconfig)).toMatchObject({ context: null, server: null })
      const signedIn = await rawHttp(fromKubeconfig.port, {
        method: 'POST',
        target: '/api/auth/login',
        headers: writeHeaders(fromKubeconfig.origin),
        body: JSON.stringify({ token: cluster.tokens.viewer }),
      })
      expect(
        await clusterInfo(fromKubeconfig, cookieOf(signedIn.headers['set-cookie'])),
      ).toMatchObject({
        context: 'local-admin',
        user: 'viewer',
        server: cluster.server,
      })
      const res = await rawHttp(fromKubeconfig.port, {
        method: 'GET',
        target: '/api/k8s/api/v1/namespaces',
      })
      expect(res.status).toBe(401)
    } finally {
      await fromKubeconfig.close()
    }
  })
})
