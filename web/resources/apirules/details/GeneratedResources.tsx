// The objects the API Gateway controller generated for an APIRule (VirtualService, policies, and
// for v1beta1 the Oathkeeper Rules), found by their owner labels, each with its YAML.
import { Panel, Text } from '@ui5/webcomponents-react'
import { describeError } from '../../../api/errors.ts'
import type { K8sObject } from '../../../api/k8s-types.ts'
import {
  AUTHORIZATION_POLICIES,
  OATHKEEPER_RULES,
  REQUEST_AUTHENTICATIONS,
  VIRTUAL_SERVICES,
  type ResourceDescriptor,
} from '../../../api/resources.ts'
import { LoadingSkeleton } from '../../../components/LoadingSkeleton.tsx'
import { YamlViewer } from '../../../components/YamlViewer.tsx'
import type { ApiRuleView } from '../domain/view.ts'
import { useGeneratedList } from '../generated.ts'

interface GeneratedKind {
  desc: ResourceDescriptor
  /** Namespace to look in; undefined = all namespaces. */
  namespace: string | undefined
}

export function GeneratedResources({ view }: { view: ApiRuleView }) {
  const rule = { name: view.name, namespace: view.namespace }
  const oldRule = view.version === 'v1beta1'
  const kinds: GeneratedKind[] = [
    { desc: VIRTUAL_SERVICES, namespace: view.namespace },
    { desc: AUTHORIZATION_POLICIES, namespace: undefined },
    { desc: REQUEST_AUTHENTICATIONS, namespace: undefined },
  ]
  const vs = useGeneratedList(VIRTUAL_SERVICES, view.namespace, rule)
  const ap = useGeneratedList(AUTHORIZATION_POLICIES, undefined, rule)
  const ra = useGeneratedList(REQUEST_AUTHENTICATIONS, undefined, rule)
  const ok = useGeneratedList(OATHKEEPER_RULES, view.namespace, rule, oldRule)
  const results = [vs, ap, ra, ...(oldRule ? [ok] : [])]
  const allKinds = [
    ...kinds,
    ...(oldRule ? [{ desc: OATHKEEPER_RULES, namespace: view.namespace }] : []),
  ]
  const loading = results.some((r) => r.isLoading)
  const total = results.reduce((n, r) => n + r.items.length, 0)
  return (
    <Panel headerText="Generated resources" fixed accessibleName="Generated resources">
      {loading ? (
        <LoadingSkeleton rows={2} label="Loading generated resources" />
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>
          {total === 0 && (
            <Text>
              {view.status.state === 'NotReconciled'
                ? 'No generated resources — this APIRule has not been reconciled by the API Gateway controller.'
                : `No generated resources (status: ${view.status.label}).`}
            </Text>
          )}
          {results.map((r, i) => {
            const kind = allKinds[i] as GeneratedKind
            if (r.error) {
              const d = describeError(r.error, {
                verb: 'list',
                resource: kind.desc.title,
                namespace: kind.namespace,
              })
              return (
                <Text key={kind.desc.plural} className="kd-muted">
                  {d.kind === 'not-found'
                    ? `${kind.desc.title}: not installed in this cluster.`
                    : `${kind.desc.title}: ${d.title}`}
                </Text>
              )
            }
            return r.items.map((item) => (
              <GeneratedItem
                key={`${kind.desc.plural}/${item.metadata.namespace}/${item.metadata.name}`}
                kind={kind.desc}
                item={item}
              />
            ))
          })}
        </div>
      )}
    </Panel>
  )
}

function GeneratedItem({ kind, item }: { kind: ResourceDescriptor; item: K8sObject }) {
  const title = `${kind.kind} ${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`
  return (
    <Panel headerText={title} collapsed accessibleName={title} noAnimation>
      <YamlViewer value={item} label={`YAML of ${title}`} />
    </Panel>
  )
}
