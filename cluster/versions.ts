// The one place that names the control-plane versions. cluster/tools/go.mod must require the same
// ones (k8s.io/kubernetes and go.etcd.io/etcd/server/v3); bump both together.

export const KUBERNETES_VERSION = 'v1.36.3'
export const ETCD_VERSION = 'v3.6.8'

/** Minimum Go toolchain: k8s 1.36 is built upstream with Go 1.26, and go.mod says `go 1.26.0`. */
export const MIN_GO_VERSION = '1.26'

/** Names the binary cache folder, so a version bump never reuses stale binaries. */
export const BINARY_SET = `k8s-${KUBERNETES_VERSION}-etcd-${ETCD_VERSION}`

// Stamps the version: without it /version (and `kubectl version`) report v0.0.0-master.
const k8sLdflags = [
  '-s -w',
  `-X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION}`,
  '-X k8s.io/component-base/version.gitMajor=1',
  `-X k8s.io/component-base/version.gitMinor=${KUBERNETES_VERSION.split('.')[1] ?? ''}`,
  '-X k8s.io/component-base/version.gitTreeState=clean',
  `-X k8s.io/client-go/pkg/version.gitVersion=${KUBERNETES_VERSION}`,
].join(' ')

/**
 * Go packages to build from the tools module, with the flags upstream uses for release builds.
 * All four come from the same `k8s.io/kubernetes` (etcd aside), so they never drift apart.
 */
export const GO_TARGETS = {
  'kube-apiserver': {
    pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    tags: 'notest,grpcnotrace',
    ldflags: k8sLdflags,
  },
  etcd: { pkg: 'go.etcd.io/etcd/server/v3', tags: '', ldflags: '-s -w' },
  'kube-controller-manager': {
    pkg: 'k8s.io/kubernetes/cmd/kube-controller-manager',
    tags: 'notest,grpcnotrace',
    ldflags: k8sLdflags,
  },
  kubectl: { pkg: 'k8s.io/kubernetes/cmd/kubectl', tags: 'notest', ldflags: k8sLdflags },
} as const

export type BinaryName = keyof typeof GO_TARGETS

/** The Kyma API Gateway controller (github.com/kyma-project/api-gateway), release 3.10.0. */
export const API_GATEWAY = {
  release: '3.10.0',
  module: 'github.com/kyma-project/api-gateway',
  // Commit b4d5c24c86ee of 2026-08-18: the tag 3.10.0 is not a semver tag Go would resolve.
  version: 'v0.0.0-20260818113015-b4d5c24c86ee',
  pkg: 'github.com/kyma-project/api-gateway/cmd',
} as const

/** Names the controller's cache folder (binary + the CRDs of the same source). */
export const API_GATEWAY_SET = `api-gateway-${API_GATEWAY.release}`
