// The in-cluster deployment's credentials for real: the ServiceAccount and RBAC of deploy/ in the
// local cluster, a token minted for that ServiceAccount (TokenRequest, as the kubelet would), and
// the server started like the image starts it, configured by the ConfigMap of the in-cluster
// component. Reads work; APIRule writes are refused by the API server's RBAC until editor/ is bound.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  applyYaml,
  closeClients,
  createTestNamespace,
  kubeRequest,
} from '../cluster/test/helpers.ts'
import { rawHttp, type RawRequest } from '../server/test/raw-http.ts'
import { DEPLOY_DIR, type Manifest, find, readManifests, render } from './test/kustomize.ts'
import { type ServerProcess, startServerProcess } from './test/server-process.ts'

const cluster = inject('cluster')
const apiServer = new URL(cluster.server)

// What the pod would get: the in-cluster component's ConfigMap. The kubelet probes with the pod IP
// as Host.
const rendered = render(DEPLOY_DIR, ['in-cluster'])
const config = find<{ data: Record<string, string> }>(
  rendered,
  'ConfigMap',
  'kyma-apirules-dashboard',
).data
const publicHost = (config.ALLOWED_HOSTS ?? '').split(',')[0] ?? ''
const probeHost = '10.42.0.17:8080'
const origin = `https://${publicHost}`
const serviceAccountName = find(rendered, 'ServiceAccount').metadata.name

let namespace: string
let tmp: string
let server: ServerProcess
let editorObjects: Manifest[] = []

/**
 * The deploy/ objects, moved into this test's namespace and made unique (the ClusterRoles and
 * bindings are cluster-wide), so runs and parallel test files never collide.
 */
function retarget(objects: Manifest[], suffix: string): Manifest[] {
  return objects.map((o) => {
    const copy = structuredClone(o) as Manifest & {
      roleRef?: { name: string }
      subjects?: { kind: string; namespace?: string }[]
    }
    if (copy.kind === 'ServiceAccount') copy.metadata.namespace = namespace
    // Every role gets this run's suffix (roleRefs below do): the cluster-wide ones and those in
    // other namespaces (istio-system's mesh-config Role) outlive the test's namespace, and
    // deploy/manifests.int.test.ts dry-runs the unsuffixed names.
    if (['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(copy.kind)) {
      copy.metadata.name = `${copy.metadata.name}-${suffix}`
    }
    if (copy.roleRef) copy.roleRef.name = `${copy.roleRef.name}-${suffix}`
    for (const subject of copy.subjects ?? []) {
      if (subject.kind === 'ServiceAccount') subject.namespace = namespace
    }
    return copy
  })
}

const request = (req: RawRequest, host = publicHost) => rawHttp(server.port, req, host)
const json = <T>(body: string) => JSON.parse(body) as T
const apiRulesPath = () =>
  `/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules`
const writeHeaders = {
  Origin: origin,
  'X-Kyma-Dashboard-Csrf': '1',
  'Content-Type': 'application/json',
}
const apiRule = (name: string) =>
  JSON.stringify({
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name, namespace },
    spec: {
      gateway: 'kyma-system/kyma-gateway',
      hosts: [`${name}.local.kyma.dev`],
      service: { name: 'hello-kyma-svc', port: 80 },
      rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    },
  })

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'deploy-in-cluster')
  const suffix = namespace.split('-').at(-1) ?? 'x'
  await applyYaml(
    cluster,
    retarget(
      [
        ...readManifests(path.join(DEPLOY_DIR, 'serviceaccount.yaml')),
        ...readManifests(path.join(DEPLOY_DIR, 'viewer-rbac.yaml')),
      ],
      suffix,
    ),
  )
  // The kubelet mounts a bound token from the same API; here the admin asks for one.
  const minted = await kubeRequest<{ status?: { token?: string } }>(
    cluster,
    'admin',
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${serviceAccountName}/token`,
    {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 3600 },
    },
  )
  expect(minted.status, JSON.stringify(minted.body)).toBe(201)
  tmp = await mkdtemp(path.join(tmpdir(), 'deploy-in-cluster-'))
  const tokenFile = path.join(tmp, 'token')
  await writeFile(tokenFile, minted.body.status?.token ?? '')

  server = await startServerProcess({
    ...config,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    KUBERNETES_SERVICE_HOST: apiServer.hostname,
    KUBERNETES_SERVICE_PORT: apiServer.port,
    IN_CLUSTER_TOKEN_FILE: tokenFile,
    IN_CLUSTER_CA_FILE: cluster.caFile,
  })
  // Keep the editor binding for the last test, ready to apply.
  editorObjects = retarget(readManifests(path.join(DEPLOY_DIR, 'editor/editor-rbac.yaml')), suffix)
})

afterAll(async () => {
  await server?.stop()
  await closeClients()
  if (tmp) await rm(tmp, { recursive: true, force: true })
})

describe('in-cluster mode with the deploy/ ServiceAccount', () => {
  it('answers the Deployment probes', async () => {
    for (const target of ['/healthz', '/readyz']) {
      const res = await request({ method: 'GET', target }, probeHost)
      expect(res.status, `${target}: ${res.body}`).toBe(200)
    }
  })

  it('opens the API to no Host but the public one: localhost:8080 or the pod IP get 403', async () => {
    for (const host of ['localhost:8080', probeHost]) {
      const res = await request({ method: 'GET', target: apiRulesPath() }, host)
      expect(res.status, host).toBe(403)
      const write = await request(
        { method: 'POST', target: apiRulesPath(), headers: writeHeaders, body: apiRule('x') },
        host,
      )
      expect(write.status, host).toBe(403)
    }
  })

  it('refuses to listen on the pod address unless an authenticating proxy is in front', async () => {
    const env = {
      ...config,
      HOST: '0.0.0.0',
      PORT: '0',
      KUBERNETES_SERVICE_HOST: apiServer.hostname,
      KUBERNETES_SERVICE_PORT: apiServer.port,
      IN_CLUSTER_TOKEN_FILE: path.join(tmp, 'token'),
      IN_CLUSTER_CA_FILE: cluster.caFile,
    }
    await expect(startServerProcess(env)).rejects.toThrow(/exited with 2[\s\S]*--behind-auth-proxy/)
    const extauth = find<{ data: Record<string, string> }>(
      render(DEPLOY_DIR, ['in-cluster', 'extauth']),
      'ConfigMap',
      'kyma-apirules-dashboard',
    ).data
    expect(extauth.BEHIND_AUTH_PROXY).toBe('true')
    const behind = await startServerProcess({
      ...env,
      BEHIND_AUTH_PROXY: extauth.BEHIND_AUTH_PROXY ?? '',
    })
    await behind.stop()
  })

  it('reports in-cluster mode, acting as the ServiceAccount', async () => {
    const res = await request({ method: 'GET', target: '/api/cluster' })
    expect(res.status, res.body).toBe(200)
    expect(json(res.body)).toMatchObject({
      authMode: 'in-cluster',
      server: cluster.server,
      user: `system:serviceaccount:${namespace}:${serviceAccountName}`,
      signedIn: true,
    })
  })

  it('lists APIRules (all namespaces, with the demo data) and the other read resources', async () => {
    const res = await request({
      method: 'GET',
      target: '/api/k8s/apis/gateway.kyma-project.io/v2/apirules',
    })
    expect(res.status, res.body).toBe(200)
    expect(json<{ items: unknown[] }>(res.body).items.length).toBeGreaterThan(0)
    for (const target of [
      '/api/k8s/api/v1/namespaces',
      '/api/k8s/api/v1/services',
      '/api/k8s/apis/serverless.kyma-project.io/v1alpha2/functions',
      '/api/k8s/apis/networking.istio.io/v1/gateways',
      '/api/k8s/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    ]) {
      const list = await request({ method: 'GET', target })
      expect(list.status, `${target}: ${list.body}`).toBe(200)
    }
  })

  it('cannot create an APIRule: the API server refuses (read-only RBAC)', async () => {
    const res = await request({
      method: 'POST',
      target: apiRulesPath(),
      headers: writeHeaders,
      body: apiRule('refused'),
    })
    expect(res.status, res.body).toBe(403)
    const status = json<{ kind: string; reason: string; message: string }>(res.body)
    expect(status).toMatchObject({ kind: 'Status', reason: 'Forbidden' })
    // Kubernetes' own wording, not the dashboard server's allowlist refusal.
    expect(status.message).toContain(
      `User "system:serviceaccount:${namespace}:${serviceAccountName}" cannot create resource "apirules"`,
    )
    expect(status.message).not.toContain('Refused by the dashboard server')
  })

  it('creates APIRules once the opt-in editor role is bound', async () => {
    await applyYaml(cluster, editorObjects)
    // RBAC changes reach the authorizer through a watch: retry briefly.
    let dryRun = { status: 0, body: '' }
    for (let attempt = 0; attempt < 50; attempt++) {
      dryRun = await request({
        method: 'POST',
        target: `${apiRulesPath()}?dryRun=All`,
        headers: writeHeaders,
        body: apiRule('allowed'),
      })
      if (dryRun.status !== 403) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(dryRun.status, dryRun.body).toBe(201)
    const created = await request({
      method: 'POST',
      target: apiRulesPath(),
      headers: writeHeaders,
      body: apiRule('allowed'),
    })
    expect(created.status, created.body).toBe(201)
    const stored = await kubeRequest(
      cluster,
      'admin',
      'GET',
      `/apis/gateway.kyma-project.io/v2/namespaces/${namespace}/apirules/allowed`,
    )
    expect(stored.status).toBe(200)
  })
})
