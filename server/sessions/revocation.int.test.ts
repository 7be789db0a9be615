// Sign-out that every replica and every restart knows (security round 3, finding 3): two real BFF
// processes (`node server/main.ts`, token mode) share a session key and a revocation store in the
// real cluster. A cookie signed out on one is refused by the other within 2 s, and by both after
// they restart; without the store, the other replica (and any restart) would accept it again.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { closeClients, createTestNamespace, kubeRequest } from '../../cluster/test/helpers.ts'
import { startServerProcess, type ServerProcess } from '../../deploy/test/server-process.ts'
import { writeHeaders } from '../test/malicious-requests.ts'
import { rawHttp } from '../test/raw-http.ts'

const cluster = inject('cluster')
let namespace: string
const running: ServerProcess[] = []
let env: Record<string, string>

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'bff-revocation')
  const dir = mkdtempSync(path.join(tmpdir(), 'kyma-revocation-'))
  const keyFile = path.join(dir, 'session-key')
  writeFileSync(keyFile, randomBytes(32).toString('base64'))
  env = {
    AUTH_MODE: 'token',
    K8S_SERVER: cluster.server,
    K8S_CA_FILE: cluster.caFile,
    // The dashboard's own identity for the store (locally: the kubeconfig's admin context).
    KUBECONFIG: cluster.kubeconfigPath,
    SESSION_KEY_FILE: keyFile,
    REVOCATION_STORE: `${namespace}/kyma-apirules-dashboard-revocations`,
    PORT: '0',
    STATIC_DIR: '/nonexistent-spa',
  }
})

afterAll(async () => {
  await Promise.all(running.splice(0).map((p) => p.stop()))
  await closeClients()
})

async function start(): Promise<ServerProcess> {
  const bff = await startServerProcess(env)
  running.push(bff)
  return bff
}

const origin = (bff: ServerProcess) => `http://127.0.0.1:${bff.port}`
const apiRules = () => `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`
const list = (bff: ServerProcess, cookie: string) =>
  rawHttp(bff.port, { method: 'GET', target: apiRules(), headers: { Cookie: cookie } })

describe('sign-out with a revocation store in the cluster', () => {
  it('is refused by the other replica within 2 s, and by both after a restart', async () => {
    let [a, b] = await Promise.all([start(), start()])
    if (!a || !b) throw new Error('no servers')
    const login = await rawHttp(a.port, {
      method: 'POST',
      target: '/api/auth/login',
      headers: writeHeaders(origin(a)),
      body: JSON.stringify({ token: cluster.tokens.admin }),
    })
    expect(login.status).toBe(200)
    const cookie = (login.headers['set-cookie'] ?? '').split(';')[0] ?? ''
    // A copy of the cookie works on both replicas (same key) …
    expect((await list(a, cookie)).status).toBe(200)
    expect((await list(b, cookie)).status).toBe(200)

    const out = await rawHttp(a.port, {
      method: 'POST',
      target: '/api/auth/logout',
      headers: { Origin: origin(a), 'X-Kyma-Dashboard-Csrf': '1', Cookie: cookie },
    })
    expect(out.status).toBe(204)
    const signedOut = performance.now()
    // … and after sign-out on A, B refuses it within 2 s.
    let status = (await list(b, cookie)).status
    while (status !== 401 && performance.now() - signedOut < 2000) {
      await new Promise((r) => setTimeout(r, 100))
      status = (await list(b, cookie)).status
    }
    expect(status).toBe(401)
    expect(performance.now() - signedOut).toBeLessThan(2000)
    expect((await list(a, cookie)).status).toBe(401)

    // The list is in the cluster, not in the processes: restart both.
    await Promise.all([a.stop(), b.stop()])
    ;[a, b] = await Promise.all([start(), start()])
    if (!a || !b) throw new Error('no servers')
    for (const bff of [a, b]) {
      const res = await list(bff, cookie)
      expect(res.status).toBe(401)
      expect(res.body).toMatch(/signed out/)
    }
    // It is an ordinary ConfigMap of the dashboard's namespace, holding the session id only.
    const cm = await kubeRequest<{ data?: Record<string, string> }>(
      cluster,
      'admin',
      'GET',
      `/api/v1/namespaces/${namespace}/configmaps/kyma-apirules-dashboard-revocations`,
    )
    expect(Object.keys(cm.body.data ?? {})).toHaveLength(1)
    expect(JSON.stringify(cm.body)).not.toContain(cluster.tokens.admin)
  }, 90_000)

  it('refuses to start when the store cannot be read, naming the ConfigMap and the rights', async () => {
    // The viewer may read but not create ConfigMaps, and this one does not exist yet.
    const viewer = {
      ...env,
      KUBE_CONTEXT: 'local-viewer',
      REVOCATION_STORE: `${namespace}/not-there-yet`,
    }
    await expect(startServerProcess(viewer, 15_000)).rejects.toThrow(
      /Cannot start: Cannot (read|create) the revocation store ConfigMap .*get and patch/,
    )
  })
})
