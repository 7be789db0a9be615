// Writes the kubeconfig of the local cluster: one context per static-token user.
import { writeFile } from 'node:fs/promises'
import { stringify } from 'yaml'
import type { ClusterUser } from '../test/cluster-info.ts'

export const CONTEXT_PREFIX = 'local-'

export async function writeKubeconfig(
  path: string,
  server: string,
  caData: string,
  tokens: Record<ClusterUser, string>,
): Promise<void> {
  const users = Object.keys(tokens) as ClusterUser[]
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'local',
        cluster: { server, 'certificate-authority-data': Buffer.from(caData).toString('base64') },
      },
    ],
    users: users.map((u) => ({ name: u, user: { token: tokens[u] } })),
    contexts: users.map((u) => ({
      name: `${CONTEXT_PREFIX}${u}`,
      context: { cluster: 'local', user: u, ...(u === 'developer' ? { namespace: 'demo' } : {}) },
    })),
    'current-context': `${CONTEXT_PREFIX}admin`,
  }
  // 0600: it holds the admin token.
  await writeFile(path, stringify(config), { mode: 0o600 })
}

/** A one-user kubeconfig with a client certificate (for the controllers run next to the server). */
export async function writeCertKubeconfig(
  path: string,
  server: string,
  caFile: string,
  cert: { cert: string; key: string },
): Promise<void> {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'local', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: 'user', user: { 'client-certificate': cert.cert, 'client-key': cert.key } }],
    contexts: [{ name: 'local', context: { cluster: 'local', user: 'user' } }],
    'current-context': 'local',
  }
  await writeFile(path, stringify(config), { mode: 0o600 })
}
