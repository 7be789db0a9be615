// APIRule details: status, host (open / copy URL / copy curl), service, gateway, timeout, CORS,
// rules with their access details, the resources the controller generated, events, and the YAML.
// Live over watch; Edit / Clone / Delete follow the user's permissions. The frame (states,
// header, labels, events, link back) is the shared DetailsPageFrame.
import { Link, MessageStrip, Tab, TabContainer, Text } from '@ui5/webcomponents-react'
import { useState } from 'react'
import { useParams } from 'react-router'
import type { K8sObject } from '../../api/k8s-types.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { DetailsPageFrame } from '../../components/DetailsPageFrame.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { YamlViewer } from '../../components/YamlViewer.tsx'
import { ApiRuleActions } from './details/ApiRuleActions.tsx'
import { GeneratedResources } from './details/GeneratedResources.tsx'
import { GitOpsActions } from './details/GitOpsActions.tsx'
import { lastChange } from './domain/gitops.ts'
import { OverviewPanels } from './details/OverviewPanels.tsx'
import { RulesTable } from './details/RulesTable.tsx'
import { hostUrl, isShortHost, resolveHost } from './domain/hosts.ts'
import type { ApiRuleView } from './domain/view.ts'
import { apiRuleEditPath, apiRuleListPath, apiRuleMigratePath } from './links.ts'
import { StatusBadge } from './StatusBadge.tsx'
import { StoredRuleProblems } from './StoredRuleProblems.tsx'
import { useApiRuleDetails } from './useApiRuleData.ts'
import type { ApiRuleWarning } from './warnings.ts'
import '../../components/page.css'
import './apirules.css'

export function ApiRuleDetailsPage() {
  const namespace = useNamespace()
  const name = useParams().name ?? ''
  const { result, view, warnings, domains } = useApiRuleDetails(namespace, name)
  return (
    <DetailsPageFrame
      kind="APIRule"
      namespace={namespace}
      name={name}
      result={result}
      listPath={apiRuleListPath(namespace)}
      listTitle="API Rules"
      eventsAlwaysOpen
      headerExtras={() =>
        view && (
          <>
            <StatusBadge status={view.status} />
            <ApiRuleActions view={view} />
          </>
        )
      }
    >
      {(object) =>
        view && <ApiRuleBody object={object} view={view} warnings={warnings} domains={domains} />
      }
    </DetailsPageFrame>
  )
}

function ApiRuleBody({
  object,
  view,
  warnings,
  domains,
}: {
  /** The v2 read (the view may show the v1beta1 one). */
  object: K8sObject
  view: ApiRuleView
  warnings: ApiRuleWarning[]
  domains: ReadonlyMap<string, string>
}) {
  const [tab, setTab] = useState<'overview' | 'yaml'>('overview')
  const { namespace, name, status } = view
  const changed = lastChange(object)
  const editPath = apiRuleEditPath(namespace, name, {
    version: view.needsMigration ? 'v1beta1' : undefined,
  })
  return (
    <>
      <div className="kd-muted">
        <span>{`Namespace ${namespace}`}</span>
        {' · '}
        <span>
          Created <Age timestamp={view.creationTimestamp} /> ago
        </span>
        {' · '}
        <span>
          {status.lastProcessedTime ? (
            <>
              Last processed <Age timestamp={status.lastProcessedTime} /> ago
            </>
          ) : (
            'Never processed by the API Gateway controller'
          )}
        </span>
        {changed ? (
          <>
            {' · '}
            <span>
              {`Last changed by ${changed.manager}${changed.operation ? ` (${changed.operation})` : ''} `}
              <Age timestamp={changed.time} /> ago
            </span>
          </>
        ) : null}
      </div>

      {status.description && (
        <MessageStrip
          design={
            status.state === 'Error'
              ? 'Negative'
              : status.state === 'Warning'
                ? 'Critical'
                : 'Information'
          }
          hideCloseButton
        >
          <span style={{ whiteSpace: 'pre-wrap' }}>{status.description}</span>
        </MessageStrip>
      )}
      {view.needsMigration ? (
        <MessageStrip design="Critical" hideCloseButton>
          {'This APIRule was written as v1beta1, which the API Gateway no longer reconciles. '}
          <RouterLink to={apiRuleMigratePath(namespace, name)}>Migrate it to v2</RouterLink>
        </MessageStrip>
      ) : (
        <StoredRuleProblems object={object} editPath={editPath} />
      )}
      {warnings.length > 0 && (
        <section className="kd-warnings" aria-label="Warnings">
          {warnings.map((w, i) => (
            <MessageStrip
              key={`${w.kind}-${i}`}
              design="Critical"
              hideCloseButton
              data-warning={w.kind}
            >
              {w.message}
            </MessageStrip>
          ))}
        </section>
      )}

      <HostLine view={view} domains={domains} />

      <TabContainer
        onTabSelect={(e) => setTab(e.detail.tab.dataset.tab === 'yaml' ? 'yaml' : 'overview')}
      >
        <Tab text="Overview" data-tab="overview" selected={tab === 'overview'} />
        <Tab text="YAML" data-tab="yaml" selected={tab === 'yaml'} />
      </TabContainer>

      {tab === 'yaml' ? (
        <>
          <GitOpsActions object={object} name={name} />
          <YamlViewer value={view.object} label={`YAML of ${name}`} />
        </>
      ) : (
        <>
          <OverviewPanels view={view} />
          <RulesTable view={view} url={hostUrl(resolveHost(view, domains))} />
          <GeneratedResources view={view} />
        </>
      )}
    </>
  )
}

/** The host: a link with "Copy URL" (each rule has its own curl command), or why there is no URL. */
function HostLine({ view, domains }: { view: ApiRuleView; domains: ReadonlyMap<string, string> }) {
  const resolved = resolveHost(view, domains)
  const url = hostUrl(resolved)
  return (
    <section aria-label="Host" className="kd-page-header">
      <Text>Host:</Text>
      {url ? (
        <>
          <Link href={url} target="_blank">
            {resolved}
          </Link>
          <CopyButton text={url} label="Copy URL" />
        </>
      ) : (
        <Text>
          {resolved ?? '—'}
          {resolved && resolved === view.host && isShortHost(resolved)
            ? ' (short host; the Gateway domain is unknown)'
            : ''}
        </Text>
      )}
    </section>
  )
}
