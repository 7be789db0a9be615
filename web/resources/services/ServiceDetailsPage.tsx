// One Service: ports, selector, labels, annotations, events, its Function (if it is a Function's
// Service) and the APIRules that route to it, with "Expose with APIRule". Live over watch.
import { Panel, Text } from '@ui5/webcomponents-react'
import { useParams } from 'react-router'
import { useK8sObject } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { DetailsPageFrame } from '../../components/DetailsPageFrame.tsx'
import { KeyValueTags } from '../../components/KeyValueTags.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { YamlViewer } from '../../components/YamlViewer.tsx'
import { functionPath, serviceListPath } from '../../app/links.ts'
import { ApiRulesPanel } from '../apirules/panel/ApiRulesPanel.tsx'
import { isFunctionService } from '../functions/model.ts'
import { FUNCTION_NAME_LABEL } from '../functions/types.ts'
import { clusterIpLabel, exposablePorts, serviceType } from './model.ts'
import type { Service } from './types.ts'
import '../../components/page.css'

export function ServiceDetailsPage() {
  const namespace = useNamespace()
  const name = useParams().name ?? ''
  const svc = useK8sObject<Service>(SERVICES, namespace, name, { enabled: !!namespace })

  return (
    <DetailsPageFrame
      kind="Service"
      namespace={namespace}
      name={name}
      result={svc}
      listPath={serviceListPath(namespace)}
      listTitle="Services"
      footer={(s) => (
        <Panel headerText="YAML" collapsed accessibleName="YAML" noAnimation>
          <YamlViewer value={s} label={`YAML of Service ${name}`} />
        </Panel>
      )}
    >
      {(s, namespace) => <ServiceBody service={s} namespace={namespace} name={name} />}
    </DetailsPageFrame>
  )
}

function ServiceBody({
  service: s,
  namespace,
  name,
}: {
  service: Service
  namespace: string
  name: string
}) {
  const ports = s.spec?.ports ?? []
  const fnName = isFunctionService(s)
    ? (s.metadata.labels?.[FUNCTION_NAME_LABEL] ??
      s.metadata.ownerReferences?.find((o) => o.kind === 'Function')?.name)
    : undefined

  return (
    <>
      <div className="kd-panels">
        <Panel headerText="Overview" fixed accessibleName="Overview">
          <dl className="kd-dl">
            <dt>Namespace</dt>
            <dd>{namespace}</dd>
            <dt>Type</dt>
            <dd>{serviceType(s)}</dd>
            <dt>Cluster IP</dt>
            <dd>{clusterIpLabel(s)}</dd>
            <dt>Age</dt>
            <dd>
              <Age timestamp={s.metadata.creationTimestamp} />
            </dd>
            {fnName && (
              <>
                <dt>Function</dt>
                <dd>
                  <RouterLink to={functionPath(namespace, fnName)}>{fnName}</RouterLink>
                </dd>
              </>
            )}
          </dl>
        </Panel>
        <Panel headerText="Ports" fixed accessibleName="Ports">
          {ports.length === 0 ? (
            <Text>No ports.</Text>
          ) : (
            <table className="kd-rules" aria-label="Ports">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Port</th>
                  <th scope="col">Target port</th>
                  <th scope="col">Protocol</th>
                  {ports.some((p) => p.nodePort) && <th scope="col">Node port</th>}
                </tr>
              </thead>
              <tbody>
                {ports.map((p) => (
                  <tr key={`${p.name ?? ''}:${p.port}:${p.protocol ?? ''}`}>
                    <td>{p.name ?? '—'}</td>
                    <td>{p.port}</td>
                    <td>{p.targetPort ?? p.port}</td>
                    <td>{p.protocol ?? 'TCP'}</td>
                    {ports.some((q) => q.nodePort) && <td>{p.nodePort ?? '—'}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
        <Panel headerText="Selector" fixed accessibleName="Selector">
          <KeyValueTags values={s.spec?.selector} emptyText="No selector" />
        </Panel>
      </div>

      <ApiRulesPanel namespace={namespace} serviceName={name} ports={exposablePorts(s)} />
    </>
  )
}
