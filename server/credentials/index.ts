// Picks the credential source named by --auth-mode. Async because a kubeconfig (kubeconfig mode, or
// token mode taking its cluster from one) loads @kubernetes/client-node on demand.
import type { Config } from '../config.ts'
import { kubeconfigUpstream } from './kubeconfig.ts'
import { inClusterUpstream } from './in-cluster.ts'
import { tokenUpstream } from './token.ts'
import type { Upstream } from './upstream.ts'

export async function createUpstream(config: Config): Promise<Upstream> {
  switch (config.authMode) {
    case 'kubeconfig':
      return kubeconfigUpstream(config.kubeconfig, config.context)
    case 'in-cluster':
      return inClusterUpstream({
        host: config.kubernetesServiceHost,
        port: config.kubernetesServicePort,
        tokenFile: config.inClusterTokenFile,
        caFile: config.inClusterCaFile,
      })
    case 'token':
    case 'oidc':
      // Both forward each user's own bearer (typed in, or from the OpenID provider).
      return tokenUpstream(config, config.authMode)
  }
}

/**
 * The dashboard's own identity, for what it keeps in the cluster itself (the revocation store) in
 * the modes where API calls use each user's token: the pod's ServiceAccount when running in a
 * cluster (and no kubeconfig or context is given), else the kubeconfig context's user.
 */
export async function createOwnUpstream(config: Config): Promise<Upstream> {
  const inCluster =
    config.kubernetesServiceHost !== null &&
    config.kubernetesServicePort !== null &&
    config.kubeconfig === null &&
    config.context === null
  return createUpstream({ ...config, authMode: inCluster ? 'in-cluster' : 'kubeconfig' })
}
