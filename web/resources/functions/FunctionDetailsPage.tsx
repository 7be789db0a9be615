// One Function: runtime, source (inline code read-only, or the git repository), env var names
// (never their values), resources, conditions, its Service (or that it is missing) and the
// APIRules that route to it, with "Expose with APIRule". Live over watch.
import { Panel, Text, Title } from '@ui5/webcomponents-react'
import { useParams } from 'react-router'
import { isNotFound } from '../../api/errors.ts'
import { useK8sObject } from '../../api/hooks.ts'
import { FUNCTIONS, SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { DetailsPageFrame } from '../../components/DetailsPageFrame.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { FieldList } from '../../components/FieldList.tsx'
import { PlainTable } from '../../components/PlainTable.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { YamlViewer } from '../../components/YamlViewer.tsx'
import { functionListPath, servicePath } from '../../app/links.ts'
import { ApiRulesPanel } from '../apirules/panel/ApiRulesPanel.tsx'
import { exposablePorts } from '../services/model.ts'
import type { Service } from '../services/types.ts'
import { ConditionStatus } from './conditions.tsx'
import {
  conditionOf,
  desiredReplicas,
  envSummary,
  FUNCTION_CONDITIONS,
  functionServiceRef,
  resourcesSummary,
  sourceType,
  UNKNOWN_CONDITION_HINT,
} from './model.ts'
import type { KymaFunction } from './types.ts'
import '../../components/page.css'

/** The Function's Service: found, missing, or not known (loading, or no permission). */
export function useFunctionService(namespace: string | undefined, name: string) {
  const svc = useK8sObject<Service>(SERVICES, namespace, name, { enabled: !!namespace })
  const missing = svc.deleted || isNotFound(svc.error)
  return {
    service: missing ? undefined : svc.object,
    missing,
    isLoading: svc.isLoading,
    error: missing ? null : svc.error,
    refetch: svc.refetch,
  }
}

export function FunctionDetailsPage() {
  const namespace = useNamespace()
  const name = useParams().name ?? ''
  const fn = useK8sObject<KymaFunction>(FUNCTIONS, namespace, name, { enabled: !!namespace })
  const svc = useFunctionService(namespace, name)

  return (
    <DetailsPageFrame
      kind="Function"
      namespace={namespace}
      name={name}
      result={fn}
      listPath={functionListPath(namespace)}
      listTitle="Functions"
    >
      {(f, namespace) => <FunctionBody fn={f} svc={svc} namespace={namespace} name={name} />}
    </DetailsPageFrame>
  )
}

function FunctionBody({
  fn: f,
  svc,
  namespace,
  name,
}: {
  fn: KymaFunction
  svc: ReturnType<typeof useFunctionService>
  namespace: string
  name: string
}) {
  const ref = functionServiceRef(f)
  const inline = f.spec?.source?.inline
  const git = f.spec?.source?.gitRepository
  const env = envSummary(f)

  return (
    <>
      <div className="kd-panels">
        <Panel headerText="Overview" fixed accessibleName="Overview">
          <FieldList
            fields={[
              ['Namespace', namespace],
              ['Runtime', f.spec?.runtime ?? '—'],
              ['Source', sourceType(f)],
              [
                'Replicas',
                f.status?.replicas === undefined
                  ? `${desiredReplicas(f)} desired`
                  : `${f.status.replicas} of ${desiredReplicas(f)}`,
              ],
              ['Resources', resourcesSummary(f)],
              [
                'Service',
                svc.service ? (
                  <RouterLink to={servicePath(ref.namespace, ref.name)}>
                    {`${ref.name} (port ${ref.port})`}
                  </RouterLink>
                ) : svc.missing ? (
                  <span>{`Missing: no Service ${ref.name} in this namespace`}</span>
                ) : svc.error ? (
                  'Unknown (could not be read)'
                ) : (
                  '…'
                ),
              ],
              ['Age', <Age timestamp={f.metadata.creationTimestamp} />],
            ]}
          />
        </Panel>
        <Panel headerText="Status" fixed accessibleName="Status">
          <PlainTable label="Conditions" columns={['Condition', 'Status', 'Reason', 'Message']}>
            {FUNCTION_CONDITIONS.map((type) => {
              const c = conditionOf(f, type)
              return (
                <tr key={type}>
                  <td>{type}</td>
                  <td>
                    <ConditionStatus fn={f} type={type} />
                  </td>
                  <td>{c?.reason ?? '—'}</td>
                  <td>{c ? (c.message ?? '') : UNKNOWN_CONDITION_HINT}</td>
                </tr>
              )
            })}
          </PlainTable>
        </Panel>
        <Panel headerText="Environment" fixed accessibleName="Environment">
          {env.length === 0 ? (
            <Text>No environment variables.</Text>
          ) : (
            <>
              <PlainTable label="Environment variables" columns={['Name', 'From']}>
                {env.map((e) => (
                  <tr key={e.name}>
                    <td>{e.name}</td>
                    <td>{e.source}</td>
                  </tr>
                ))}
              </PlainTable>
              <Text className="kd-muted">Values are not shown: they may be secrets.</Text>
            </>
          )}
        </Panel>
      </div>

      {svc.error && (
        <ErrorBanner
          error={svc.error}
          context={{ verb: 'get', resource: 'Service', name: ref.name, namespace }}
          onRetry={svc.refetch}
        />
      )}
      <ApiRulesPanel
        namespace={namespace}
        serviceName={ref.name}
        functionName={name}
        ports={svc.service ? exposablePorts(svc.service) : undefined}
        serviceMissing={svc.missing}
      />

      <Panel headerText="Source" fixed accessibleName="Source">
        {inline ? (
          <>
            <YamlViewer value={inline.source} label={`Source of Function ${name}`} />
            {inline.dependencies && (
              <>
                <Title level="H3" size="H6">
                  Dependencies
                </Title>
                <YamlViewer
                  value={inline.dependencies}
                  label={`Dependencies of Function ${name}`}
                />
              </>
            )}
          </>
        ) : git ? (
          <FieldList
            fields={[
              ['Repository', git.url],
              ['Reference', git.reference ?? '—'],
              ['Base directory', git.baseDir ?? '/'],
              ['Commit', f.status?.gitRepository?.commit || undefined],
              [
                'Authentication',
                git.auth && `${git.auth.type ?? '?'} (Secret ${git.auth.secretName ?? '?'})`,
              ],
            ]}
          />
        ) : (
          <Text>No source.</Text>
        )}
      </Panel>
    </>
  )
}
