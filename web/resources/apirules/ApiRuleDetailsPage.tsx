// APIRule details: status, host (open / copy URL / copy curl), service, gateway, timeout, CORS,
// rules with their access details, the resources the controller generated, events, and the YAML.
// Live over watch; Edit / Clone / Delete follow the user's permissions.
import {
  Button,
  Link,
  MessageStrip,
  Panel,
  Tab,
  TabContainer,
  Text,
  Title,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/delete.js'
import '@ui5/webcomponents-icons/dist/duplicate.js'
import '@ui5/webcomponents-icons/dist/edit.js'
import '@ui5/webcomponents-icons/dist/navigation-down-arrow.js'
import '@ui5/webcomponents-icons/dist/navigation-right-arrow.js'
import { Fragment, useMemo, useState, type ReactNode } from 'react'
import { useNavigate, useParams } from 'react-router'
import { describeError, errorMessage } from '../../api/errors.ts'
import { useAccessReview, type AccessCheck } from '../../api/access.ts'
import { useK8sDelete, useK8sList, useK8sObject } from '../../api/hooks.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import {
  APIRULES,
  APIRULES_V1BETA1,
  AUTHORIZATION_POLICIES,
  GATEWAYS,
  OATHKEEPER_RULES,
  REQUEST_AUTHENTICATIONS,
  SERVICES,
  VIRTUAL_SERVICES,
  type ResourceDescriptor,
} from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { ConnectionIndicator } from '../../components/ConnectionIndicator.tsx'
import { CopyButton } from '../../components/CopyButton.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { KeyValueTags } from '../../components/KeyValueTags.tsx'
import { LoadingSkeleton } from '../../components/LoadingSkeleton.tsx'
import { ObjectEvents } from '../../components/ObjectEvents.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { YamlViewer } from '../../components/YamlViewer.tsx'
import {
  apiRuleCreatePath,
  apiRuleEditPath,
  apiRuleListPath,
  apiRuleMigratePath,
  servicePath,
} from './links.ts'
import {
  gatewayDomains,
  hostUrl,
  isV1Beta1Shaped,
  resolveHost,
  serviceTargetLabel,
  toApiRuleView,
  type ApiRuleView,
  type RuleView,
} from './model.ts'
import { StatusBadge } from './StatusBadge.tsx'
import { StoredRuleProblems } from './StoredRuleProblems.tsx'
import { useGeneratedList } from './generated.ts'
import { APIRULE_GROUP } from './types.ts'
import { buildHostIndex, viewWarnings } from './warnings.ts'
import './apirules.css'
import { arr, isObj } from '../../api/json.ts'
import { shellQuote, shellWord } from '../../components/shell-quote.ts'

const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string')

const DEFAULT_TIMEOUT_S = 180

/** A curl command for the first rule (exact path when it has one, else `/`). */
export function curlCommand(url: string, view: ApiRuleView): string {
  const rule = view.rules[0]
  const path = rule && /^\/[^{*(?]*$/.test(rule.path) && !rule.path.includes('.*') ? rule.path : '/'
  const method = rule?.methods[0] ?? 'GET'
  const parts = ['curl', '-i']
  if (method !== 'GET') parts.push('-X', shellWord(method))
  // A fixed text; double quotes on purpose, so the user's shell fills in $TOKEN.
  if (rule && (rule.access === 'jwt' || rule.handlers.includes('jwt'))) {
    parts.push('-H', '"Authorization: Bearer $TOKEN"')
  }
  // Host and path come from the APIRule: quoted, so no value in them can run as a command.
  parts.push(shellQuote(`${url.replace(/\/$/, '')}${path}`))
  return parts.join(' ')
}

export function ApiRuleDetailsPage() {
  const namespace = useNamespace()
  const name = useParams().name ?? ''
  const navigate = useNavigate()

  const v2 = useK8sObject(APIRULES, namespace, name, { enabled: !!namespace })
  const v1Needed = !!v2.object && isV1Beta1Shaped(v2.object)
  const v1 = useK8sObject(APIRULES_V1BETA1, namespace, name, { enabled: v1Needed })
  const view = useMemo(
    () => (v2.object ? toApiRuleView(v2.object, v1.error ? undefined : v1.object) : undefined),
    [v2.object, v1.object, v1.error],
  )

  const gateways = useK8sList(GATEWAYS)
  const services = useK8sList(SERVICES, namespace, { enabled: !!namespace })
  const allRules = useK8sList(APIRULES)
  const nsRules = useK8sList(APIRULES, namespace, { enabled: !!allRules.error && !!namespace })
  const otherRules = allRules.error ? nsRules : allRules

  const gatewayItems = gateways.error ? undefined : gateways.items
  const domains = useMemo(() => gatewayDomains(gatewayItems ?? []), [gatewayItems])
  const otherViews = useMemo(
    () => otherRules.items.map((o) => toApiRuleView(o)),
    [otherRules.items],
  )
  const warnings = useMemo(() => {
    if (!view) return []
    return viewWarnings(view, {
      gateways: gateways.isLoading ? undefined : gatewayItems,
      services: services.error || services.isLoading ? undefined : services.items,
      serviceNamespaces: namespace ? [namespace] : undefined,
      hostIndex: otherRules.error ? undefined : buildHostIndex(otherViews, gatewayItems ?? []),
    })
  }, [view, gateways.isLoading, gatewayItems, services, namespace, otherRules.error, otherViews])

  const access = (verb: string): AccessCheck => ({
    verb,
    group: APIRULE_GROUP,
    resource: 'apirules',
    namespace,
    title: verb === 'create' ? 'APIRules' : 'APIRule',
    ...(verb === 'create' ? {} : { name }),
  })
  const canUpdate = useAccessReview(access('update'), { enabled: !!namespace })
  const canCreate = useAccessReview(access('create'), { enabled: !!namespace })
  const canDelete = useAccessReview(access('delete'), { enabled: !!namespace })

  const del = useK8sDelete(APIRULES)
  const [confirmOpen, setConfirmOpen] = useState(false)
  const [deleteError, setDeleteError] = useState<string>()
  const [tab, setTab] = useState<'overview' | 'yaml'>('overview')

  const listPath = apiRuleListPath(namespace)
  const backLink = <RouterLink to={listPath}>Back to API Rules</RouterLink>

  if (!namespace) {
    return (
      <main className="kd-page">
        <MessageStrip design="Information" hideCloseButton>
          Choose a namespace to see an APIRule.
        </MessageStrip>
      </main>
    )
  }
  if (v2.error) {
    return (
      <main className="kd-page" aria-label={`API Rule ${name}`}>
        <Title level="H1" size="H3">
          {name}
        </Title>
        <ErrorBanner
          error={v2.error}
          context={{ verb: 'get', resource: 'APIRule', name, namespace }}
          onRetry={v2.refetch}
          alwaysRetry
        />
        {backLink}
      </main>
    )
  }
  if (v2.isLoading || !view) {
    if (v2.deleted) {
      return (
        <main className="kd-page" aria-label={`API Rule ${name}`}>
          <Title level="H1" size="H3">
            {name}
          </Title>
          <MessageStrip design="Information" hideCloseButton>
            {`APIRule ${name} has been deleted.`}
          </MessageStrip>
          {backLink}
        </main>
      )
    }
    return (
      <main className="kd-page" aria-label={`API Rule ${name}`}>
        <LoadingSkeleton label="Loading API Rule" rows={6} />
      </main>
    )
  }

  const resolved = resolveHost(view, domains)
  const url = hostUrl(resolved)
  const editPath = view.needsMigration
    ? apiRuleEditPath(namespace, name, { version: 'v1beta1' })
    : apiRuleEditPath(namespace, name)

  return (
    <main className="kd-page" aria-labelledby="apirule-title">
      <div className="kd-page-header">
        <Title level="H1" size="H3" id="apirule-title">
          {view.name}
        </Title>
        <StatusBadge status={view.status} />
        <ConnectionIndicator state={v2.connection} />
        <span className="kd-spacer" />
        {[canUpdate, canCreate, canDelete].some((p) => !p.allowed && !p.isLoading) && (
          <Text className="kd-muted">
            {[canUpdate, canCreate, canDelete]
              .filter((p) => !p.allowed && !p.isLoading)
              .map((p) => p.reason)
              .join('. ')}
          </Text>
        )}
        <Button
          icon="edit"
          disabled={!canUpdate.allowed}
          tooltip={canUpdate.allowed ? 'Edit this API Rule' : canUpdate.reason}
          onClick={() => navigate(editPath)}
        >
          Edit
        </Button>
        <Button
          icon="duplicate"
          disabled={!canCreate.allowed}
          tooltip={canCreate.allowed ? 'Create a copy of this API Rule' : canCreate.reason}
          onClick={() => navigate(apiRuleCreatePath(namespace, { clone: name }))}
        >
          Clone
        </Button>
        <Button
          icon="delete"
          design="Negative"
          disabled={!canDelete.allowed}
          tooltip={canDelete.allowed ? 'Delete this API Rule' : canDelete.reason}
          onClick={() => setConfirmOpen(true)}
        >
          Delete
        </Button>
      </div>

      <div className="kd-muted">
        {backLink}
        {' · '}
        <span>{`Namespace ${view.namespace}`}</span>
        {' · '}
        <span>
          Created <Age timestamp={view.creationTimestamp} /> ago
        </span>
        {' · '}
        <span>
          {view.status.lastProcessedTime ? (
            <>
              Last processed <Age timestamp={view.status.lastProcessedTime} /> ago
            </>
          ) : (
            'Never processed by the API Gateway controller'
          )}
        </span>
      </div>

      {v2.deleted && (
        <MessageStrip design="Information" hideCloseButton>
          This APIRule has been deleted.
        </MessageStrip>
      )}
      {deleteError && (
        <MessageStrip design="Negative" onClose={() => setDeleteError(undefined)}>
          {deleteError}
        </MessageStrip>
      )}
      {view.status.description && (
        <MessageStrip
          design={
            view.status.state === 'Error'
              ? 'Negative'
              : view.status.state === 'Warning'
                ? 'Critical'
                : 'Information'
          }
          hideCloseButton
        >
          <span style={{ whiteSpace: 'pre-wrap' }}>{view.status.description}</span>
        </MessageStrip>
      )}
      {view.needsMigration && (
        <MessageStrip design="Critical" hideCloseButton>
          {'This APIRule was written as v1beta1, which the API Gateway no longer reconciles. '}
          <RouterLink to={apiRuleMigratePath(namespace, name)}>Migrate it to v2</RouterLink>
        </MessageStrip>
      )}
      {!view.needsMigration && v2.object ? (
        <StoredRuleProblems object={v2.object} editPath={editPath} />
      ) : null}
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

      <section aria-label="Host" className="kd-page-header">
        <Text>Host:</Text>
        {url ? (
          <>
            <Link href={url} target="_blank">
              {resolved}
            </Link>
            <CopyButton text={url} label="Copy URL" />
            <CopyButton text={curlCommand(url, view)} label="Copy curl command" />
          </>
        ) : (
          <Text>
            {resolved ?? '—'}
            {resolved && resolved === view.host && view.host && !view.host.includes('.')
              ? ' (short host; the Gateway domain is unknown)'
              : ''}
          </Text>
        )}
      </section>

      <TabContainer
        onTabSelect={(e) => setTab(e.detail.tab.dataset.tab === 'yaml' ? 'yaml' : 'overview')}
      >
        <Tab text="Overview" data-tab="overview" selected={tab === 'overview'} />
        <Tab text="YAML" data-tab="yaml" selected={tab === 'yaml'} />
      </TabContainer>

      {tab === 'yaml' ? (
        <YamlViewer value={view.object} label={`YAML of ${view.name}`} />
      ) : (
        <>
          <div className="kd-panels">
            <ServicePanel view={view} />
            <Panel headerText="Gateway" fixed accessibleName="Gateway">
              <dl className="kd-dl">
                <dt>Gateway</dt>
                <dd>{view.gateway ?? '—'}</dd>
                {view.externalGateway && (
                  <>
                    <dt>External gateway</dt>
                    <dd>{view.externalGateway}</dd>
                  </>
                )}
                <dt>Host</dt>
                <dd>{view.host ?? '—'}</dd>
              </dl>
            </Panel>
            <Panel headerText="Timeout" fixed accessibleName="Timeout">
              <Text>
                {view.timeout !== undefined
                  ? `${view.timeout} s`
                  : `${DEFAULT_TIMEOUT_S} s (default)`}
              </Text>
            </Panel>
            <CorsPanel view={view} />
          </div>

          <RulesTable view={view} />

          <Panel headerText="Labels" fixed accessibleName="Labels">
            <KeyValueTags values={view.labels} emptyText="No labels" />
          </Panel>

          <GeneratedResources view={view} />
          <ObjectEvents namespace={namespace} kind="APIRule" name={name} alwaysOpen />
        </>
      )}

      <ConfirmDialog
        open={confirmOpen}
        title="Delete API Rule?"
        message={`APIRule ${name} in namespace ${namespace} will be deleted, and its host stops routing to the service:`}
        items={[name]}
        busy={del.isPending}
        onConfirm={() =>
          del.mutate(
            { namespace, name },
            {
              onSuccess: () => {
                setConfirmOpen(false)
                navigate(listPath)
              },
              onError: (err) => {
                setConfirmOpen(false)
                setDeleteError(
                  errorMessage(err, { verb: 'delete', resource: 'APIRule', name, namespace }),
                )
              },
            },
          )
        }
        onCancel={() => setConfirmOpen(false)}
      />
    </main>
  )
}

// ---------------------------------------------------------------------------------------------

function ServicePanel({ view }: { view: ApiRuleView }) {
  const s = view.service
  return (
    <Panel headerText="Service" fixed accessibleName="Service">
      {s ? (
        <dl className="kd-dl">
          <dt>Name</dt>
          <dd>
            <RouterLink to={servicePath(s.namespace ?? view.namespace, s.name)}>
              {s.name}
            </RouterLink>
          </dd>
          <dt>Namespace</dt>
          <dd>{s.namespace ?? view.namespace}</dd>
          <dt>Port</dt>
          <dd>{s.port || '—'}</dd>
          {s.external !== undefined && (
            <>
              <dt>External</dt>
              <dd>{s.external ? 'Yes' : 'No'}</dd>
            </>
          )}
        </dl>
      ) : (
        <Text>No default service; each rule names its own.</Text>
      )}
    </Panel>
  )
}

function CorsPanel({ view }: { view: ApiRuleView }) {
  const c = view.corsPolicy
  let content: ReactNode
  if (!c) {
    content = (
      <Text>
        {view.version === 'v1beta1'
          ? 'None set: v1beta1 applies a permissive default policy (any origin).'
          : 'None: no CORS headers are sent (upstream CORS headers are removed).'}
      </Text>
    )
  } else {
    const origins = arr(c.allowOrigins)
      .map((o) =>
        isObj(o)
          ? Object.entries(o)
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(', ')
          : String(o),
      )
      .join('; ')
    content = (
      <dl className="kd-dl">
        <dt>Allow origins</dt>
        <dd>{origins || '—'}</dd>
        <dt>Allow methods</dt>
        <dd>{strs(c.allowMethods).join(', ') || '—'}</dd>
        <dt>Allow headers</dt>
        <dd>{strs(c.allowHeaders).join(', ') || '—'}</dd>
        <dt>Expose headers</dt>
        <dd>{strs(c.exposeHeaders).join(', ') || '—'}</dd>
        <dt>Allow credentials</dt>
        <dd>{c.allowCredentials === true ? 'Yes' : c.allowCredentials === false ? 'No' : '—'}</dd>
        <dt>Max age</dt>
        <dd>
          {typeof c.maxAge === 'number'
            ? `${c.maxAge} s`
            : typeof c.maxAge === 'string'
              ? c.maxAge
              : '—'}
        </dd>
      </dl>
    )
  }
  return (
    <Panel headerText="CORS" fixed accessibleName="CORS">
      {content}
    </Panel>
  )
}

function RulesTable({ view }: { view: ApiRuleView }) {
  const [open, setOpen] = useState<Set<number>>(new Set())
  const toggle = (i: number) =>
    setOpen((prev) => {
      const next = new Set(prev)
      if (next.has(i)) next.delete(i)
      else next.add(i)
      return next
    })
  return (
    <Panel headerText={`Rules (${view.rules.length})`} fixed accessibleName="Rules">
      {view.rules.length === 0 ? (
        <Text>
          {view.needsMigration
            ? 'No rules can be shown in v2 form: this v1beta1 APIRule could not be converted. Open the migration.'
            : 'No rules.'}
        </Text>
      ) : (
        <table className="kd-rules" aria-label="Rules">
          <thead>
            <tr>
              <th scope="col">
                <span className="kd-visually-hidden">Details</span>
              </th>
              <th scope="col">Path</th>
              <th scope="col">Methods</th>
              <th scope="col">Access</th>
              <th scope="col">Service</th>
              <th scope="col">Timeout</th>
            </tr>
          </thead>
          <tbody>
            {view.rules.map((r) => {
              const expanded = open.has(r.index)
              return (
                <Fragment key={r.index}>
                  <tr>
                    <td>
                      <Button
                        design="Transparent"
                        icon={expanded ? 'navigation-down-arrow' : 'navigation-right-arrow'}
                        accessibleName={`${expanded ? 'Hide' : 'Show'} details of rule ${r.index + 1}`}
                        accessibilityAttributes={{ expanded }}
                        onClick={() => toggle(r.index)}
                      />
                    </td>
                    <td>
                      <code>{r.path || '—'}</code>
                    </td>
                    <td>{r.methods.join(', ') || '—'}</td>
                    <td>{r.accessLabel}</td>
                    <td>
                      {r.service
                        ? serviceTargetLabel(
                            {
                              ...r.service,
                              namespace:
                                r.service.namespace ?? view.service?.namespace ?? view.namespace,
                            },
                            view.namespace,
                          )
                        : 'Default'}
                    </td>
                    <td>{r.timeout !== undefined ? `${r.timeout} s` : 'Default'}</td>
                  </tr>
                  {expanded && (
                    <tr className="kd-rule-details">
                      <td />
                      <td colSpan={5}>
                        <RuleDetails rule={r} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              )
            })}
          </tbody>
        </table>
      )}
    </Panel>
  )
}

function JwtDetails({ jwt, title }: { jwt: unknown; title: string }) {
  if (!isObj(jwt)) return null
  const auths = arr(jwt.authentications).filter(isObj)
  const authz = arr(jwt.authorizations).filter(isObj)
  return (
    <div>
      <strong>{title}</strong>
      <dl className="kd-dl">
        {auths.length === 0 && (
          <>
            <dt>Authentications</dt>
            <dd>None</dd>
          </>
        )}
        {auths.map((a, i) => (
          <Fragment key={`a${i}`}>
            <dt>{`Issuer ${auths.length > 1 ? i + 1 : ''}`.trim()}</dt>
            <dd>{typeof a.issuer === 'string' ? a.issuer : '—'}</dd>
            <dt>JWKS URI</dt>
            <dd>{typeof a.jwksUri === 'string' ? a.jwksUri : '—'}</dd>
            {arr(a.fromHeaders).length > 0 && (
              <>
                <dt>From headers</dt>
                <dd>
                  {arr(a.fromHeaders)
                    .filter(isObj)
                    .map(
                      (h) =>
                        `${String(h.name)}${h.prefix ? ` (prefix "${String(h.prefix)}")` : ''}`,
                    )
                    .join(', ')}
                </dd>
              </>
            )}
            {strs(a.fromParams).length > 0 && (
              <>
                <dt>From params</dt>
                <dd>{strs(a.fromParams).join(', ')}</dd>
              </>
            )}
          </Fragment>
        ))}
        {authz.map((z, i) => (
          <Fragment key={`z${i}`}>
            <dt>{`Authorization ${i + 1}`}</dt>
            <dd>
              {[
                strs(z.requiredScopes).length ? `scopes: ${strs(z.requiredScopes).join(', ')}` : '',
                strs(z.audiences).length ? `audiences: ${strs(z.audiences).join(', ')}` : '',
              ]
                .filter(Boolean)
                .join('; ') || '—'}
            </dd>
          </Fragment>
        ))}
      </dl>
    </div>
  )
}

function MapList({ title, value }: { title: string; value: unknown }) {
  if (!isObj(value) || Object.keys(value).length === 0) return null
  return (
    <div>
      <strong>{title}</strong>
      <dl className="kd-dl">
        {Object.entries(value).map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{String(v)}</dd>
          </Fragment>
        ))}
      </dl>
    </div>
  )
}

function RuleDetails({ rule }: { rule: RuleView }) {
  const raw = rule.raw
  const parts: ReactNode[] = []
  if (rule.handlers.length) {
    parts.push(
      <div key="v1">
        <strong>Access strategies and mutators (v1beta1)</strong>
        <YamlViewer
          value={{ accessStrategies: raw.accessStrategies ?? [], mutators: raw.mutators ?? [] }}
          label={`Access strategies of rule ${rule.index + 1}`}
        />
      </div>,
    )
  }
  if (raw.noAuth === true)
    parts.push(<Text key="noauth">No authentication: every request is let through.</Text>)
  if (isObj(raw.jwt)) parts.push(<JwtDetails key="jwt" jwt={raw.jwt} title="JWT" />)
  if (isObj(raw.extAuth)) {
    parts.push(
      <div key="ext">
        <strong>External authorizers</strong>
        <Text>{strs(raw.extAuth.authorizers).join(', ') || '—'}</Text>
        <JwtDetails jwt={raw.extAuth.restrictions} title="Restrictions (JWT)" />
      </div>,
    )
  }
  const request = isObj(raw.request) ? raw.request : undefined
  parts.push(<MapList key="headers" title="Request headers" value={request?.headers} />)
  parts.push(<MapList key="cookies" title="Request cookies" value={request?.cookies} />)
  if (rule.service) {
    parts.push(
      <Text key="svc">{`Service: ${rule.service.namespace ? `${rule.service.namespace}/` : ''}${rule.service.name}:${rule.service.port}`}</Text>,
    )
  }
  if (rule.timeout !== undefined)
    parts.push(<Text key="timeout">{`Timeout: ${rule.timeout} s`}</Text>)
  return <div style={{ display: 'flex', flexDirection: 'column', gap: '0.5rem' }}>{parts}</div>
}

// ---------------------------------------------------------------------------------------------

interface GeneratedKind {
  desc: ResourceDescriptor
  /** Namespace to look in; undefined = all namespaces. */
  namespace: string | undefined
}

function GeneratedResources({ view }: { view: ApiRuleView }) {
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
