// One Service: ports, selector, labels, annotations, events, its Function (if it is a Function's
// Service) and the APIRules that route to it, with "Expose with APIRule". Live over watch.
import { Panel, Text } from '@ui5/webcomponents-react'
import { useParams } from 'react-router'
import { useK8sObject } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { DetailsPageFrame } from '../../components/DetailsPageFrame.tsx'
import { FieldList } from '../../components/FieldList.tsx'
import { KeyValueTags } from '../../components/KeyValueTags.tsx'
import { PlainTable } from '../../components/PlainTable.tsx'
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
  const hasNodePorts = ports.some((p) => p.nodePort)
  const fnName = isFunctionService(s)
    ? (s.metadata.labels?.[FUNCTION_NAME_LABEL] ??
      s.metadata.ownerReferences?.find((o) => o.kind === 'Function')?.name)
    : undefined

  return (
    <>
      <div className="kd-panels">
        <Panel headerText="Overview" fixed accessibleName="Overview">
          <FieldList
            fields={[
              ['Namespace', namespace],
              ['Type', serviceType(s)],
              ['Cluster IP', clusterIpLabel(s)],
              ['Age', <Age timestamp={s.metadata.creationTimestamp} />],
              [
                'Function',
                fnName && <RouterLink to={functionPath(namespace, fnName)}>{fnName}</RouterLink>,
              ],
            ]}
          />
        </Panel>
        <Panel headerText="Ports" fixed accessibleName="Ports">
          {ports.length === 0 ? (
            <Text>No ports.</Text>
          ) : (
            <PlainTable
              label="Ports"
              columns={[
                'Name',
                'Port',
                'Target port',
                'Protocol',
                ...(hasNodePorts ? ['Node port'] : []),
              ]}
            >
              {ports.map((p) => (
                <tr key={`${p.name ?? ''}:${p.port}:${p.protocol ?? ''}`}>
                  <td>{p.name ?? '—'}</td>
                  <td>{p.port}</td>
                  <td>{p.targetPort ?? p.port}</td>
                  <td>{p.protocol ?? 'TCP'}</td>
                  {hasNodePorts && <td>{p.nodePort ?? '—'}</td>}
                </tr>
              ))}
            </PlainTable>
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
