// RBAC for the static users. The viewer is bound to the built-in `view` role, which
// kube-controller-manager's clusterrole-aggregation controller fills — including the Kyma/Istio
// groups through a role labelled to aggregate into it, as Kyma modules ship theirs. `admin` is in
// system:masters. The built-in `system:basic-user` binding (self access/rules reviews) is
// bootstrapped by the API server itself, so SelfSubjectAccessReview works for everyone.
import type { KubeObject } from './apply.ts'
import type { KubeClient } from './kube-client.ts'
import { waitFor } from './wait.ts'

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

const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view'

const clusterRole = (
  name: string,
  rules: unknown[],
  labels: Record<string, string> = {},
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole',
  metadata: { name, labels: { 'app.kubernetes.io/part-of': PREFIX, ...labels } },
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

    // viewer: the built-in `view` (read-only everywhere, Secrets excluded), which the Kyma/Istio
    // resources join by aggregation.
    clusterRole(`${PREFIX}:kyma-view`, [{ apiGroups: kymaGroups, resources: ['*'], verbs: read }], {
      [AGGREGATE_TO_VIEW]: 'true',
    }),
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

/** Waits until kube-controller-manager has aggregated the Kyma/Istio read rules into `view`. */
export async function waitForAggregatedView(client: KubeClient, timeoutMs = 30_000): Promise<void> {
  await waitFor(
    'the aggregated `view` role',
    async () => {
      const view = await client.ok<{ rules?: { apiGroups?: string[] }[] | null }>(
        'GET',
        '/apis/rbac.authorization.k8s.io/v1/clusterroles/view',
      )
      return view.rules?.some((r) => r.apiGroups?.includes(kymaGroups[0] ?? '')) || undefined
    },
    timeoutMs,
    200,
  )
}

/**
 * The local OpenID provider's users get the same rights as their static twins, through their
 * groups as the API server names them (`oidc:` prefix): editors like `developer`, viewers like
 * `viewer`.
 */
export function oidcRbacObjects(groups: { editor: string; viewer: string }): KubeObject[] {
  const group = (name: string): Subject => ({ kind: 'Group', name })
  return [
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
