// The Overview panels of an APIRule: its default Service, Gateway and host, timeout and CORS.
import { Panel, Text } from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import { arr, isObj } from '../../../api/json.ts'
import { servicePath } from '../../../app/links.ts'
import { FieldList } from '../../../components/FieldList.tsx'
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
        <FieldList
          fields={[
            ['Gateway', view.gateway ?? '—'],
            ['External gateway', view.externalGateway],
            ['Host', view.host ?? '—'],
          ]}
        />
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
        <FieldList
          fields={[
            [
              'Name',
              <RouterLink to={servicePath(s.namespace ?? view.namespace, s.name)}>
                {s.name}
              </RouterLink>,
            ],
            ['Namespace', s.namespace ?? view.namespace],
            ['Port', s.port || '—'],
            ['External', s.external === undefined ? undefined : s.external ? 'Yes' : 'No'],
          ]}
        />
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
      <FieldList
        fields={[
          ['Allow origins', origins || '—'],
          ['Allow methods', stringsOf(c.allowMethods).join(', ') || '—'],
          ['Allow headers', stringsOf(c.allowHeaders).join(', ') || '—'],
          ['Expose headers', stringsOf(c.exposeHeaders).join(', ') || '—'],
          [
            'Allow credentials',
            c.allowCredentials === true ? 'Yes' : c.allowCredentials === false ? 'No' : '—',
          ],
          [
            'Max age',
            typeof c.maxAge === 'number'
              ? `${c.maxAge} s`
              : typeof c.maxAge === 'string'
                ? c.maxAge
                : '—',
          ],
        ]}
      />
    )
  }
  return (
    <Panel headerText="CORS" fixed accessibleName="CORS">
      {content}
    </Panel>
  )
}
