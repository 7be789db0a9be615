// The kustomizations list every manifest, and what `kubectl kustomize` renders from them fits
// together (names, labels, ports, hosts, settings the server knows), alone and in an overlay.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { OPTIONS } from '../server/config.ts'
import { RESOURCE_RULES } from '../server/proxy/allowlist.ts'
import {
  COMPONENTS,
  DEPLOY_DIR,
  type Manifest,
  exists,
  find,
  readKustomization,
  render,
  yamlFiles,
} from './test/kustomize.ts'

interface PolicyRule {
  apiGroups: string[]
  resources: string[]
  verbs: string[]
}
interface ProbeSpec {
  httpGet: { path: string; port: string; httpHeaders?: { name: string; value: string }[] }
}
interface ContainerSpec {
  name: string
  image: string
  envFrom: { configMapRef: { name: string } }[]
  env: { name: string; value: string }[]
  ports: { name: string; containerPort: number }[]
  livenessProbe: ProbeSpec
  readinessProbe: ProbeSpec
  startupProbe: ProbeSpec
  resources: { requests: Record<string, string>; limits: Record<string, string> }
  securityContext: Record<string, unknown>
  volumeMounts: { name: string; mountPath: string }[]
}
interface PodSpec {
  serviceAccountName: string
  automountServiceAccountToken: boolean
  securityContext: Record<string, unknown>
  containers: ContainerSpec[]
  volumes: {
    name: string
    configMap?: { name: string }
    secret?: { secretName: string; optional?: boolean }
  }[]
}
interface DeploymentSpec {
  spec: {
    replicas: number
    selector: { matchLabels: Record<string, string> }
    template: { metadata: { labels: Record<string, string> }; spec: PodSpec }
  }
}
type ConfigMap = Manifest & { data: Record<string, string> }

const NAME = 'kyma-apirules-dashboard'
const NAMESPACE = 'kyma-apirules-dashboard'

describe('kustomization files', () => {
  const dirs = ['.', ...COMPONENTS]

  it.each(dirs)('%s: every listed file exists', (dir) => {
    const k = readKustomization(path.join(DEPLOY_DIR, dir))
    for (const entry of [...(k.resources ?? []), ...(k.components ?? [])]) {
      expect(exists(path.join(dir, entry)), `${dir}/${entry}`).toBe(true)
    }
  })

  it('lists every manifest in deploy/ in exactly one kustomization', () => {
    const listed = dirs.flatMap((dir) =>
      (readKustomization(path.join(DEPLOY_DIR, dir)).resources ?? []).map((r) =>
        path.posix.join(dir, r),
      ),
    )
    const manifests = yamlFiles().filter((f) => path.posix.basename(f) !== 'kustomization.yaml')
    expect(manifests.length).toBeGreaterThan(5)
    expect([...listed].sort()).toEqual([...manifests].sort())
  })

  it('keeps the opt-ins out of the default and makes them Components', () => {
    expect(readKustomization(DEPLOY_DIR)).toMatchObject({ kind: 'Kustomization' })
    expect(readKustomization(DEPLOY_DIR).components ?? []).toEqual([])
    for (const c of COMPONENTS) {
      expect(readKustomization(path.join(DEPLOY_DIR, c)).kind).toBe('Component')
    }
  })

  it('renders every object with a name, and namespaced ones into the dashboard namespace', () => {
    const clusterScoped = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding'])
    // The one exception: the read of the Istio mesh config is granted where that ConfigMap lives.
    const meshConfig = (o: { kind: string; metadata: { name: string } }) =>
      ['Role', 'RoleBinding'].includes(o.kind) &&
      o.metadata.name === 'kyma-apirules-dashboard-mesh-config'
    for (const o of render(DEPLOY_DIR, COMPONENTS)) {
      expect(o.metadata.name).toMatch(/^kyma-apirules-dashboard/)
      expect(o.metadata.namespace).toBe(
        clusterScoped.has(o.kind) ? undefined : meshConfig(o) ? 'istio-system' : NAMESPACE,
      )
    }
  })
})

describe('default deployment', () => {
  const objects = render()
  const deployment = find<DeploymentSpec>(objects, 'Deployment', NAME)
  const pod = deployment.spec.template.spec
  const container = pod.containers[0] as ContainerSpec
  const config = find<ConfigMap>(objects, 'ConfigMap', NAME).data

  it('has the expected objects', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(
      [
        'APIRule/kyma-apirules-dashboard',
        'ClusterRole/kyma-apirules-dashboard-viewer',
        'ClusterRoleBinding/kyma-apirules-dashboard-viewer',
        'ConfigMap/kyma-apirules-dashboard',
        'ConfigMap/kyma-apirules-dashboard-revocations',
        'Role/kyma-apirules-dashboard-revocations',
        'RoleBinding/kyma-apirules-dashboard-revocations',
        'Role/kyma-apirules-dashboard-mesh-config',
        'RoleBinding/kyma-apirules-dashboard-mesh-config',
        'Deployment/kyma-apirules-dashboard',
        'Namespace/kyma-apirules-dashboard',
        'PodDisruptionBudget/kyma-apirules-dashboard',
        'Service/kyma-apirules-dashboard',
        'ServiceAccount/kyma-apirules-dashboard',
      ].sort(),
    )
  })

  it('runs hardened: non-root 10001, no privilege escalation, read-only root, no capabilities', () => {
    expect(deployment.spec.replicas).toBe(2)
    expect(pod.containers).toHaveLength(1)
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    })
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    })
    expect(container.resources.requests).toMatchObject({
      cpu: expect.any(String),
      memory: expect.any(String),
    })
    expect(container.resources.limits).toMatchObject({ memory: expect.any(String) })
  })

  it('lets the token-mode pod read and patch only the revocation list, and mounts the API server CA', () => {
    expect(config.AUTH_MODE).toBe('token')
    expect(config.REVOCATION_STORE).toBe(`${NAMESPACE}/${NAME}-revocations`)
    expect(pod.automountServiceAccountToken).toBe(true)
    find<ConfigMap>(objects, 'ConfigMap', `${NAME}-revocations`)
    const role = find<{ rules: unknown[] }>(objects, 'Role', `${NAME}-revocations`)
    expect(role.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: [`${NAME}-revocations`],
        verbs: ['get', 'patch'],
      },
    ])
    const binding = find<{ subjects: unknown[]; roleRef: { name: string } }>(
      objects,
      'RoleBinding',
      `${NAME}-revocations`,
    )
    expect(binding.roleRef.name).toBe(`${NAME}-revocations`)
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: NAME, namespace: NAMESPACE }])
    const caFile = config.IN_CLUSTER_CA_FILE ?? ''
    const mount = container.volumeMounts.find((m) => caFile.startsWith(`${m.mountPath}/`))
    expect(mount, 'a volume mount holding IN_CLUSTER_CA_FILE').toBeDefined()
    const volume = pod.volumes.find((v) => v.name === mount?.name)
    expect(volume?.configMap?.name).toBe('kube-root-ca.crt')
  })

  it('sets only options the server knows, with valid values', () => {
    const known = new Set(OPTIONS.map((o) => o.env))
    for (const key of [...Object.keys(config), ...container.env.map((e) => e.name)]) {
      expect(known, key).toContain(key)
    }
    expect(container.envFrom).toEqual([{ configMapRef: { name: NAME } }])
    expect(container.env).toEqual(
      expect.arrayContaining([
        { name: 'HOST', value: '0.0.0.0' },
        { name: 'PORT', value: '8080' },
      ]),
    )
  })

  it('probes /healthz and /readyz without a Host header, and lists no localhost host', () => {
    expect(container.livenessProbe.httpGet.path).toBe('/healthz')
    expect(container.readinessProbe.httpGet.path).toBe('/readyz')
    for (const probe of [
      container.livenessProbe,
      container.readinessProbe,
      container.startupProbe,
    ]) {
      expect(container.ports.map((p) => p.name)).toContain(probe.httpGet.port)
      expect(probe.httpGet.httpHeaders).toBeUndefined()
    }
    // A Host any client can send would open the API to whoever reaches the pod.
    for (const host of (config.ALLOWED_HOSTS ?? '').split(','))
      expect(host).not.toMatch(/^(localhost|127\.|\[::1\])/)
  })

  it('reads the session key from a Secret volume', () => {
    const mount = container.volumeMounts.find((m) =>
      (config.SESSION_KEY_FILE ?? '').startsWith(`${m.mountPath}/`),
    )
    expect(mount, 'a volume mount holding SESSION_KEY_FILE').toBeDefined()
    const volume = pod.volumes.find((v) => v.name === mount?.name)
    expect(volume?.secret).toMatchObject({ secretName: `${NAME}-session`, optional: true })
  })

  it('wires Service, PodDisruptionBudget and APIRule to the pods and to each other', () => {
    const labels = deployment.spec.template.metadata.labels
    expect(labels).toMatchObject(deployment.spec.selector.matchLabels)
    const service = find<{
      spec: { selector: Record<string, string>; ports: { port: number; targetPort: string }[] }
    }>(objects, 'Service', NAME)
    expect(labels).toMatchObject(service.spec.selector)
    expect(service.spec.ports).toEqual([expect.objectContaining({ port: 80, targetPort: 'http' })])
    expect(container.ports).toEqual([
      expect.objectContaining({ name: 'http', containerPort: 8080 }),
    ])
    const pdb = find<{
      spec: { minAvailable: number; selector: { matchLabels: Record<string, string> } }
    }>(objects, 'PodDisruptionBudget')
    expect(pdb.spec.minAvailable).toBe(1)
    expect(labels).toMatchObject(pdb.spec.selector.matchLabels)
    expect(pod.serviceAccountName).toBe(find(objects, 'ServiceAccount').metadata.name)
  })

  it('exposes the dashboard by an APIRule v2 with JWT on the public host the server accepts', () => {
    const rule = find<{
      spec: {
        gateway: string
        hosts: string[]
        service: { name: string; port: number }
        rules: Record<string, unknown>[]
      }
    }>(objects, 'APIRule')
    expect(rule.apiVersion).toBe('gateway.kyma-project.io/v2')
    expect(rule.spec.gateway).toBe('kyma-system/kyma-gateway')
    expect(rule.spec.service).toEqual({ name: NAME, port: 80 })
    expect((config.ALLOWED_HOSTS ?? '').split(',')).toContain(rule.spec.hosts[0])
    for (const r of rule.spec.rules) {
      expect(r).toHaveProperty('jwt')
      expect(r).not.toHaveProperty('noAuth')
    }
  })
})

describe('RBAC', () => {
  const all = render(DEPLOY_DIR, COMPONENTS)
  const rulesOf = (name: string) => find<{ rules: PolicyRule[] }>(all, 'ClusterRole', name).rules
  const grants = (rules: PolicyRule[], group: string, resource: string, verb: string) =>
    rules.some(
      (r) =>
        r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb),
    )
  const reviews = new Set([
    'selfsubjectaccessreviews',
    'selfsubjectrulesreviews',
    'selfsubjectreviews',
  ])

  it('the viewer can get and list everything the server lets the dashboard read, and write nothing', () => {
    const viewer = rulesOf('kyma-apirules-dashboard-viewer')
    for (const rule of RESOURCE_RULES.filter((r) => !reviews.has(r.resource) && !r.only)) {
      for (const verb of ['get', 'list']) {
        expect(grants(viewer, rule.group, rule.resource, verb), `${verb} ${rule.resource}`).toBe(
          true,
        )
      }
    }
    expect(viewer.flatMap((r) => r.verbs).every((v) => ['get', 'list', 'watch'].includes(v))).toBe(
      true,
    )
    expect(viewer.flatMap((r) => r.resources)).not.toContain('secrets')
    expect(viewer.flatMap((r) => r.resources)).not.toContain('configmaps')
  })

  it('a one-object rule of the server is granted for that object only, in its namespace', () => {
    const onlyRules = RESOURCE_RULES.filter((r) => r.only)
    expect(onlyRules.length).toBeGreaterThan(0)
    for (const rule of onlyRules) {
      const roles = all.filter(
        (o) => o.kind === 'Role' && o.metadata.namespace === rule.only?.namespace,
      ) as unknown as { rules: (PolicyRule & { resourceNames?: string[] })[] }[]
      const granted = roles
        .flatMap((r) => r.rules)
        .filter((r) => r.resources.includes(rule.resource))
      expect(granted.length, `${rule.resource} in ${rule.only?.namespace}`).toBeGreaterThan(0)
      for (const r of granted) expect(r.resourceNames).toEqual([rule.only?.name])
      for (const verb of ['get', 'list', 'watch'])
        expect(
          granted.some((r) => r.verbs.includes(verb)),
          verb,
        ).toBe(true)
    }
  })

  it('the editor adds only APIRule writes', () => {
    expect(rulesOf('kyma-apirules-dashboard-editor')).toEqual([
      {
        apiGroups: ['gateway.kyma-project.io'],
        resources: ['apirules'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
    ])
  })

  it('binds both roles to the dashboard ServiceAccount', () => {
    const sa = find(all, 'ServiceAccount')
    for (const name of ['kyma-apirules-dashboard-viewer', 'kyma-apirules-dashboard-editor']) {
      expect(find(all, 'ClusterRoleBinding', name)).toMatchObject({
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
        subjects: [
          { kind: 'ServiceAccount', name: sa.metadata.name, namespace: sa.metadata.namespace },
        ],
      })
    }
  })
})

describe('components', () => {
  it('in-cluster switches the mode and mounts the ServiceAccount token', () => {
    const objects = render(DEPLOY_DIR, ['in-cluster'])
    expect(find<ConfigMap>(objects, 'ConfigMap', NAME).data.AUTH_MODE).toBe('in-cluster')
    expect(
      find<DeploymentSpec>(objects, 'Deployment').spec.template.spec.automountServiceAccountToken,
    ).toBe(true)
  })

  it('extauth replaces the JWT handler with the oauth2-proxy authorizer', () => {
    const rule = find<{ spec: { rules: Record<string, unknown>[] } }>(
      render(DEPLOY_DIR, ['extauth']),
      'APIRule',
    )
    expect(rule.spec.rules[0]).not.toHaveProperty('jwt')
    expect(rule.spec.rules[0]).toMatchObject({ extAuth: { authorizers: ['oauth2-proxy'] } })
  })

  it('only extauth says an authenticating proxy is in front', () => {
    const proxyFlag = (components: string[]) =>
      find<ConfigMap>(render(DEPLOY_DIR, components), 'ConfigMap', NAME).data.BEHIND_AUTH_PROXY
    expect(proxyFlag([])).toBeUndefined()
    expect(proxyFlag(['in-cluster'])).toBeUndefined()
    expect(proxyFlag(['extauth'])).toBe('true')
    expect(proxyFlag(['in-cluster', 'extauth'])).toBe('true')
  })
})

describe('overlays', () => {
  it('an overlay with every component and an image override renders with the new image', () => {
    const ours = render(DEPLOY_DIR, COMPONENTS, [
      'images:',
      '  - name: kyma-apirules-dashboard',
      '    newName: registry.example.invalid/team/kyma-apirules-dashboard',
      '    newTag: 1.2.3',
    ])
    const deployment = find<DeploymentSpec>(ours, 'Deployment')
    expect(deployment.spec.template.spec.containers.map((c) => c.image)).toEqual([
      'registry.example.invalid/team/kyma-apirules-dashboard:1.2.3',
    ])
  })

  it('kustomize says what is wrong with a broken overlay instead of rendering half of it', () => {
    expect(() => render(DEPLOY_DIR, ['no-such-component'])).toThrow(/no-such-component/)
  })
})
