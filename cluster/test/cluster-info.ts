import type { OidcProviderInfo } from '../lib/oidc-provider.ts'
// What the integration-test global setup hands to every test file (through Vitest's provide/inject,
// and as the JSON file named by KYMA_TEST_CLUSTER for other runners such as Playwright).

/** The static-token users the local cluster knows (see cluster/README.md). */
export type ClusterUser = 'admin' | 'viewer' | 'developer'

export interface TestClusterInfo {
  /** https://127.0.0.1:<port> of the kube-apiserver. */
  server: string
  /** PEM of the CA that signed the API server's serving certificate. */
  caData: string
  /** Path of the same CA on disk. */
  caFile: string
  /** Bearer tokens of the static users. */
  tokens: Record<ClusterUser, string>
  /** A kubeconfig with one context per user (`local-admin` current). */
  kubeconfigPath: string
  /** The kubectl built from the same Kubernetes release as the API server. */
  kubectl: string
  /** Whether the Kyma API Gateway controller reconciles this cluster, and if not, why. */
  apiGateway: { running: true } | { running: false; reason: string }
  /** The local OpenID provider that the API server trusts (issuer, client, users). */
  oidc: OidcProviderInfo
}

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: TestClusterInfo
  }
}
