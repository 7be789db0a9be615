// RBAC for the static users. Without kube-controller-manager the aggregated built-in roles
// (`view`, `edit`, `admin`) exist but have NO rules — aggregation is a controller's job — so every
// permission the users need is also granted explicitly here. `admin` is in system:masters.
// The built-in `system:basic-user` binding (self access/rules reviews) is bootstrapped by the API
// server itself, so SelfSubjectAccessReview works for everyone.
import type { KubeObject } from './apply.ts'

export const DEMO_NAMESPACE = 'demo'
const PREFIX = 'kyma-apirules-dashboard'
const read = ['get', 'list', 'watch']

/** Groups whose resources the dashboard shows next to APIRules. */
const kymaGroups = [
  'gateway.kyma-project.io',
  'serverless.kyma-project.io',
  'networking.istio.io',
  'security.istio.io',
  'oathkeeper.ory.sh',
]

const coreRead = [
  {
    apiGroups: [''],
    resources: [
      'namespaces',
      'services',
      'endpoints',
      'pods',
      'configmaps',
      'events',
      'serviceaccounts',
    ],
    verbs: read,
  },
  { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: read },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: read },
  { apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: read },
]

const clusterRole = (name: string, rules: unknown[]): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels: { 'app.kubernetes.io/part-of': PREFIX } },
  rules,
})

type Subject = { kind: 'User' | 'Group'; name: string }
const user = (name: string): Subject => ({ kind: 'User', name })

const binding = (
  kind: 'ClusterRoleBinding' | 'RoleBinding',
  name: string,
  role: string,
  subject: string | Subject,
  namespace?: string,
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: {
    name,
    ...(namespace ? { namespace } : {}),
    labels: { 'app.kubernetes.io/part-of': PREFIX },
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
  subjects: [
    {
      apiGroup: 'rbac.authorization.k8s.io',
      ...(typeof subject === 'string' ? user(subject) : subject),
    },
  ],
})

export function rbacObjects(): KubeObject[] {
  return [
    // The developer's RoleBinding needs its namespace; the seed fills it later.
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEMO_NAMESPACE } },

    // viewer: read-only everywhere, Secrets excluded (like the built-in `view`).
    clusterRole(`${PREFIX}:viewer`, [
      ...coreRead,
      { apiGroups: kymaGroups, resources: ['*'], verbs: read },
    ]),
    binding('ClusterRoleBinding', `${PREFIX}:viewer`, `${PREFIX}:viewer`, 'viewer'),
    // Also bound to `view`, as on a real cluster; empty here, complete where aggregation runs.
    binding('ClusterRoleBinding', `${PREFIX}:viewer-view`, 'view', 'viewer'),

    // developer: edits APIRules in `demo` only and reads what the APIRule form needs there.
    clusterRole(`${PREFIX}:apirule-developer`, [
      { apiGroups: ['gateway.kyma-project.io'], resources: ['apirules'], verbs: ['*'] },
      { apiGroups: ['gateway.kyma-project.io'], resources: ['apirules/status'], verbs: read },
      {
        apiGroups: [''],
        resources: ['services', 'endpoints', 'pods', 'configmaps', 'events'],
        verbs: read,
      },
      { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: read },
      { apiGroups: ['serverless.kyma-project.io'], resources: ['functions'], verbs: read },
      {
        apiGroups: ['networking.istio.io', 'security.istio.io', 'oathkeeper.ory.sh'],
        resources: ['*'],
        verbs: read,
      },
    ]),
    binding(
      'RoleBinding',
      `${PREFIX}:developer`,
      `${PREFIX}:apirule-developer`,
      'developer',
      DEMO_NAMESPACE,
    ),
    // Cluster-wide, read only: the namespace selector (list namespaces) and the gateway picker
    // (the shared kyma-gateway lives in kyma-system, outside the developer's namespace).
    clusterRole(`${PREFIX}:developer-cluster-read`, [
      { apiGroups: [''], resources: ['namespaces'], verbs: read },
      { apiGroups: ['networking.istio.io'], resources: ['gateways'], verbs: read },
    ]),
    binding(
      'ClusterRoleBinding',
      `${PREFIX}:developer-cluster-read`,
      `${PREFIX}:developer-cluster-read`,
      'developer',
    ),
  ]
}

/**
 * The local OpenID provider's users get the same rights as their static twins, through their
 * groups as the API server names them (`oidc:` prefix): editors like `developer`, viewers like
 * `viewer`.
 */
export function oidcRbacObjects(groups: { editor: string; viewer: string }): KubeObject[] {
  const group = (name: string): Subject => ({ kind: 'Group', name })
  return [
    binding(
      'ClusterRoleBinding',
      `${PREFIX}:oidc-viewer`,
      `${PREFIX}:viewer`,
      group(groups.viewer),
    ),
    binding('ClusterRoleBinding', `${PREFIX}:oidc-viewer-view`, 'view', group(groups.viewer)),
    binding(
      'RoleBinding',
      `${PREFIX}:oidc-editor`,
      `${PREFIX}:apirule-developer`,
      group(groups.editor),
      DEMO_NAMESPACE,
    ),
    binding(
      'ClusterRoleBinding',
      `${PREFIX}:oidc-editor-cluster-read`,
      `${PREFIX}:developer-cluster-read`,
      group(groups.editor),
    ),
  ]
}
