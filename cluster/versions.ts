// The one place that names the control-plane versions. cluster/tools/go.mod must require the same
// ones (k8s.io/kubernetes and go.etcd.io/etcd/server/v3); bump both together.

export const KUBERNETES_VERSION = 'v1.36.3'
export const ETCD_VERSION = 'v3.6.8'

/** Minimum Go toolchain: k8s 1.36 is built upstream with Go 1.26, and go.mod says `go 1.26.0`. */
export const MIN_GO_VERSION = '1.26'

/** Names the binary cache folder, so a version bump never reuses stale binaries. */
export const BINARY_SET = `k8s-${KUBERNETES_VERSION}-etcd-${ETCD_VERSION}`

/** Go packages to build from the tools module, with the flags upstream uses for release builds. */
export const GO_TARGETS = {
  'kube-apiserver': {
    pkg: 'k8s.io/kubernetes/cmd/kube-apiserver',
    tags: 'notest,grpcnotrace',
    // Stamps the version: without it /version reports v0.0.0-master, which the dashboard shows.
    ldflags: [
      '-s -w',
      `-X k8s.io/component-base/version.gitVersion=${KUBERNETES_VERSION}`,
      '-X k8s.io/component-base/version.gitMajor=1',
      `-X k8s.io/component-base/version.gitMinor=${KUBERNETES_VERSION.split('.')[1] ?? ''}`,
      '-X k8s.io/component-base/version.gitTreeState=clean',
      `-X k8s.io/client-go/pkg/version.gitVersion=${KUBERNETES_VERSION}`,
    ].join(' '),
  },
  etcd: { pkg: 'go.etcd.io/etcd/server/v3', tags: '', ldflags: '-s -w' },
} as const

export type BinaryName = keyof typeof GO_TARGETS
