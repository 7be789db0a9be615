// Which cluster `npm start` and `npm run dev` talk to: the kubeconfig's current context when there
// is a kubeconfig (KUBECONFIG or ~/.kube/config), otherwise the embedded local demo cluster.
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { log } from './lib.ts'

export interface KubeTarget {
  /** Extra BFF flags (for the embedded cluster: its kubeconfig). */
  serverArgs: string[]
  stop(): Promise<void>
}

function kubeconfigExists(): boolean {
  const fromEnv = process.env.KUBECONFIG?.split(':').filter(Boolean) ?? []
  if (fromEnv.length) return fromEnv.some((p) => existsSync(p))
  return existsSync(join(homedir(), '.kube', 'config'))
}

/** Flags of `npm start` itself; the rest go to the BFF. */
export const START_FLAGS = ['--local-cluster', '--no-controller', '--oidc']

export async function resolveKubeTarget(
  argv: string[],
  /** Where the embedded cluster's progress lines go (default: the terminal). */
  clusterLog?: (line: string) => void,
): Promise<KubeTarget> {
  // --oidc: the dashboard in oidc mode against the local cluster's own OpenID provider.
  const oidc = argv.includes('--oidc')
  const forceLocal = oidc || argv.includes('--local-cluster')
  if (!forceLocal && kubeconfigExists()) {
    log('Using your kubeconfig (pass --local-cluster to use the embedded demo cluster instead).')
    return { serverArgs: [], stop: async () => {} }
  }
  log('No kubeconfig found: starting the embedded local cluster with demo data.')
  const { startDemoCluster } = await import('../cluster/demo-cluster.ts')
  const cluster = await startDemoCluster({
    // Another state dir than the checkout's `.local-cluster/` (e.g. a second checkout's, or a test).
    stateDir: process.env.KYMA_LOCAL_CLUSTER_DIR || undefined,
    handleSignals: false,
    log: clusterLog,
    controller: !argv.includes('--no-controller'),
  })
  const stop = () => cluster.stop()
  if (!oidc) return { serverArgs: ['--kubeconfig', cluster.kubeconfigPath], stop }
  const { issuer, clientId, users } = cluster.info.oidc
  log(
    `Sign in at the local OpenID provider ${issuer} as\n` +
      `  ${users.editor.email} / ${users.editor.password}   (edits APIRules in namespace demo)\n` +
      `  ${users.viewer.email} / ${users.viewer.password}   (reads everything)`,
  )
  const { caFile, server } = cluster.info
  return {
    serverArgs: [
      ...['--auth-mode', 'oidc', '--server', server, '--ca-file', caFile],
      ...['--oidc-issuer', issuer, '--oidc-client-id', clientId, '--oidc-ca-file', caFile],
    ],
    stop,
  }
}
