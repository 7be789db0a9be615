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

export async function resolveKubeTarget(argv: string[]): Promise<KubeTarget> {
  const forceLocal = argv.includes('--local-cluster')
  if (!forceLocal && kubeconfigExists()) {
    log('Using your kubeconfig (pass --local-cluster to use the embedded demo cluster instead).')
    return { serverArgs: [], stop: async () => {} }
  }
  log('No kubeconfig found: starting the embedded local cluster with demo data.')
  const { startDemoCluster } = await import('../cluster/demo-cluster.ts')
  const cluster = await startDemoCluster({
    handleSignals: false,
    controller: !argv.includes('--no-controller'),
  })
  return { serverArgs: ['--kubeconfig', cluster.kubeconfigPath], stop: () => cluster.stop() }
}
