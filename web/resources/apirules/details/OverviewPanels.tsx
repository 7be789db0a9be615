// The Overview panels of an APIRule: its default Service, Gateway and host, timeout and CORS.
import { Panel, Text } from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import { arr, isObj } from '../../../api/json.ts'
import { servicePath } from '../../../app/links.ts'
import { RouterLink } from '../../../components/RouterLink.tsx'
import { stringsOf } from '../domain/fields.ts'
import type { ApiRuleView } from '../domain/view.ts'

/** The controller's timeout when neither the rule nor the spec sets one. */
const DEFAULT_TIMEOUT_S = 180

export function OverviewPanels({ view }: { view: ApiRuleView }) {
  return (
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
          {view.timeout !== undefined ? `${view.timeout} s` : `${DEFAULT_TIMEOUT_S} s (default)`}
        </Text>
      </Panel>
      <CorsPanel view={view} />
    </div>
  )
}

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
        <dd>{stringsOf(c.allowMethods).join(', ') || '—'}</dd>
        <dt>Allow headers</dt>
        <dd>{stringsOf(c.allowHeaders).join(', ') || '—'}</dd>
        <dt>Expose headers</dt>
        <dd>{stringsOf(c.exposeHeaders).join(', ') || '—'}</dd>
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
