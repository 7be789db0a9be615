// One Service: ports, selector, labels, annotations, events, its Function (if it is a Function's
// Service) and the APIRules that route to it, with "Expose with APIRule". Live over watch.
import { MessageStrip, Panel, Text, Title } from '@ui5/webcomponents-react'
import { useParams } from 'react-router'
import { isNotFound } from '../../api/errors.ts'
import { useK8sObject } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { namespacedPath, useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { KeyValueTags } from '../../components/KeyValueTags.tsx'
import { LoadingSkeleton } from '../../components/LoadingSkeleton.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { YamlViewer } from '../../components/YamlViewer.tsx'
import { functionPath } from '../apirules/links.ts'
import { ApiRulesPanel } from '../apirules/panel/ApiRulesPanel.tsx'
import { isFunctionService } from '../functions/model.ts'
import { FUNCTION_NAME_LABEL } from '../functions/types.ts'
import { clusterIpLabel, exposablePorts, serviceType } from './model.ts'
import { ObjectEvents } from './ObjectEvents.tsx'
import type { Service } from './types.ts'
import '../apirules/apirules.css'

export function ServiceDetailsPage() {
  const namespace = useNamespace()
  const name = useParams().name ?? ''
  const svc = useK8sObject<Service>(SERVICES, namespace, name, { enabled: !!namespace })
  const backLink = (
    <RouterLink to={namespacedPath(namespace, 'services')}>Back to Services</RouterLink>
  )

  if (!namespace) {
    return (
      <main className="kd-page">
        <MessageStrip design="Information" hideCloseButton>
          Choose a namespace to see a Service.
        </MessageStrip>
      </main>
    )
  }
  const heading = (
    <Title level="H1" size="H3" id="service-title">
      {name}
    </Title>
  )
  if (svc.error || svc.deleted) {
    const gone = svc.deleted || isNotFound(svc.error)
    return (
      <main className="kd-page" aria-labelledby="service-title">
        {heading}
        {gone ? (
          <MessageStrip design="Information" hideCloseButton>
            {svc.deleted
              ? `Service ${name} has been deleted.`
              : `Service ${name} does not exist in namespace ${namespace}.`}
          </MessageStrip>
        ) : (
          <ErrorBanner
            error={svc.error}
            context={{ verb: 'get', resource: 'Service', name, namespace }}
            onRetry={svc.refetch}
            alwaysRetry
          />
        )}
        {backLink}
      </main>
    )
  }
  if (svc.isLoading || !svc.object) {
    return (
      <main className="kd-page" aria-label={`Service ${name}`}>
        <LoadingSkeleton label="Loading Service" rows={6} />
      </main>
    )
  }

  const s = svc.object
  const ports = s.spec?.ports ?? []
  const fnName = isFunctionService(s)
    ? (s.metadata.labels?.[FUNCTION_NAME_LABEL] ??
      s.metadata.ownerReferences?.find((o) => o.kind === 'Function')?.name)
    : undefined

  return (
    <main className="kd-page" aria-labelledby="service-title">
      <div className="kd-page-header">
        {heading}
        <Text className="kd-muted">Service</Text>
        <ConnectionIndicator state={svc.connection} />
      </div>

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

      <div className="kd-panels">
        <Panel headerText="Labels" fixed accessibleName="Labels">
          <KeyValueTags values={s.metadata.labels} emptyText="No labels" />
        </Panel>
        <Panel headerText="Annotations" fixed accessibleName="Annotations">
          <KeyValueTags values={s.metadata.annotations} emptyText="No annotations" max={8} />
        </Panel>
      </div>

      <ObjectEvents namespace={namespace} kind="Service" name={name} />

      <Panel headerText="YAML" collapsed accessibleName="YAML" noAnimation>
        <YamlViewer value={s} label={`YAML of Service ${name}`} />
      </Panel>
      {backLink}
    </main>
  )
}
