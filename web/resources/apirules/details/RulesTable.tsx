// The rules of an APIRule, in order (earlier rules win), each expandable to its access details.
import { Button, Panel, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/navigation-down-arrow.js'
import '@ui5/webcomponents-icons/dist/v5/navigation-right-arrow.js'
import { Fragment, useState, type ReactNode } from 'react'
import { arr, isObj } from '../../../api/json.ts'
import { CopyButton } from '../../../components/CopyButton.tsx'
import { FieldList } from '../../../components/FieldList.tsx'
import { PlainTable } from '../../../components/PlainTable.tsx'
import { YamlViewer } from '../../../components/YamlViewer.tsx'
import { controllerVerdict, problemsByRule } from '../domain/controller-status.ts'
import { stringsOf } from '../domain/fields.ts'
import { serviceTargetLabel } from '../domain/targets.ts'
import type { ApiRuleView, RuleView } from '../domain/view.ts'
import { curlCommand } from './curl.ts'

export function RulesTable({
  view,
  url,
}: {
  view: ApiRuleView
  /** The host's URL, when it has one: each rule then offers its own curl command. */
  url?: string | undefined
}) {
  // The controller's problems, each at its rule (it names them by attribute path).
  const byRule = problemsByRule(controllerVerdict(view.status))
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
        <PlainTable
          label="Rules"
          columns={[{ hidden: 'Actions' }, 'Path', 'Methods', 'Access', 'Service', 'Timeout']}
        >
          {view.rules.map((r) => {
            const expanded = open.has(r.index)
            const problems = byRule.get(r.index) ?? []
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
                    {url ? (
                      <CopyButton
                        text={curlCommand(url, view, r.index)}
                        accessibleName={`Copy curl command for rule ${r.index + 1}`}
                      />
                    ) : null}
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
                {problems.length > 0 && (
                  <tr className="kd-rule-problems">
                    <td />
                    <td colSpan={5}>
                      <ul aria-label={`Controller's problems with rule ${r.index + 1}`}>
                        {problems.map((p, k) => (
                          <li key={k} data-severity={p.severity}>
                            {`${p.severity === 'error' ? 'Error' : 'Warning'} from the API Gateway controller: ${p.message}`}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                )}
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
        </PlainTable>
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
            {stringsOf(a.fromParams).length > 0 && (
              <>
                <dt>From params</dt>
                <dd>{stringsOf(a.fromParams).join(', ')}</dd>
              </>
            )}
          </Fragment>
        ))}
        {authz.map((z, i) => (
          <Fragment key={`z${i}`}>
            <dt>{`Authorization ${i + 1}`}</dt>
            <dd>
              {[
                stringsOf(z.requiredScopes).length
                  ? `scopes: ${stringsOf(z.requiredScopes).join(', ')}`
                  : '',
                stringsOf(z.audiences).length
                  ? `audiences: ${stringsOf(z.audiences).join(', ')}`
                  : '',
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
      <FieldList fields={Object.entries(value).map(([k, v]) => [k, String(v)] as const)} />
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
        <Text>{stringsOf(raw.extAuth.authorizers).join(', ') || '—'}</Text>
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
