// kubeconfig mode with an exec-based OIDC user (what `kubectl oidc-login get-token` kubeconfigs
// are): @kubernetes/client-node runs the plugin, and the API server sees the OIDC user. The plugin
// here prints an ID token obtained from the local cluster's real OpenID provider.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fetch } from 'undici'
import { stringify } from 'yaml'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { signInAtProvider } from '../../cluster/test/oidc-login.ts'
import { startBff } from '../test/bff.ts'
import { OidcClient } from './oidc-client.ts'

const cluster = inject('cluster')
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'oidc-exec-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

it('an exec-based OIDC kubeconfig user reaches the API server as the OIDC user', async () => {
  const client = new OidcClient({
    issuer: cluster.oidc.issuer,
    clientId: cluster.oidc.clientId,
    clientSecret: null,
    scopes: 'openid email groups',
    tokenUse: 'id',
    caFile: cluster.caFile,
  })
  const redirectUri = 'http://127.0.0.1/api/auth/oidc/callback'
  const { url, pending } = await client.startLogin(redirectUri, '/')
  const { callbackUrl } = await signInAtProvider(
    url.toString(),
    cluster.oidc.users.editor,
    cluster.caData,
    redirectUri,
  )
  const { bearer } = await client.finishLogin(callbackUrl, pending)
  await client.close()

  const credential = JSON.stringify({
    apiVersion: 'client.authentication.k8s.io/v1',
    kind: 'ExecCredential',
    status: { token: bearer },
  })
  const kubeconfig = path.join(dir, 'kubeconfig')
  await writeFile(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'local',
          cluster: {
            server: cluster.server,
            'certificate-authority-data': Buffer.from(cluster.caData).toString('base64'),
          },
        },
      ],
      users: [
        {
          name: 'oidc-user',
          user: {
            exec: {
              apiVersion: 'client.authentication.k8s.io/v1',
              command: process.execPath,
              args: ['-e', `process.stdout.write(${JSON.stringify(credential)})`],
              interactiveMode: 'Never',
            },
          },
        },
      ],
      contexts: [{ name: 'oidc', context: { cluster: 'local', user: 'oidc-user' } }],
      'current-context': 'oidc',
    }),
  )

  const bff = await startBff({ authMode: 'kubeconfig', kubeconfig })
  try {
    const own = await fetch(
      `${bff.origin}/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/demo/apirules`,
    )
    expect(own.status).toBe(200)
    const other = await fetch(
      `${bff.origin}/api/k8s/apis/gateway.kyma-project.io/v2/namespaces/kube-system/apirules`,
    )
    expect(other.status).toBe(403)
    expect(((await other.json()) as { message: string }).message).toContain(
      'User "oidc:editor@local.kyma.dev" cannot list resource "apirules"',
    )
  } finally {
    await bff.close()
  }
})
