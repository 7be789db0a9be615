// The v2 form's gateway and hosts: an Istio Gateway of the cluster or an external one, and hosts
// (short names get the gateway's domain).
import { memo, useMemo } from 'react'
import { Label, RadioButton, Title } from '@ui5/webcomponents-react'
import { useGateways } from '../../../../api/lookups.ts'
import { DEFAULT_GATEWAY, gatewayDomainOf, gatewayServerHosts } from '../../domain/gateway.ts'
import { fullHost } from '../../domain/hosts.ts'
import { isValidV2Host } from '../../validation/host-format.ts'
import { useDocValue, useEditorContext, useFieldIssues } from '../../../../editor/form/context.ts'
import { ComboField, IssueText, TextField } from '../../../../editor/form/fields.tsx'

export const GatewaySection = memo(function GatewaySection() {
  const { store, readOnly } = useEditorContext()
  const gateways = useGateways()
  const gw = useDocValue<string>(['spec', 'gateway'])
  const ext = useDocValue<string>(['spec', 'externalGateway'])
  const host = useDocValue<string>(['spec', 'hosts', 0])
  const hostIssues = useFieldIssues(['spec', 'hosts'])
  const useExternal = ext !== undefined && gw === undefined
  const items = useMemo(
    () =>
      (gateways.data?.items ?? []).map((g) => ({
        value: `${g.metadata.namespace}/${g.metadata.name}`,
        additionalText: gatewayServerHosts(g).join(', '),
      })),
    [gateways.data],
  )
  const gwObj = gateways.data?.items.find(
    (g) => `${g.metadata.namespace}/${g.metadata.name}` === gw,
  )
  const domain = gatewayDomainOf(gwObj)
  const finalHost = host ? fullHost(host, domain) : undefined
  return (
    <section className="are-section" aria-labelledby="are-gw-title">
      <Title level="H2" size="H4" id="are-gw-title">
        Gateway and host
      </Title>
      <div className="are-field">
        <Label id="are-gw-kind" showColon>
          Gateway type
        </Label>
        <div role="radiogroup" aria-labelledby="are-gw-kind" className="are-radios">
          <RadioButton
            name="are-gw-kind"
            text="Istio Gateway"
            checked={!useExternal}
            readonly={readOnly}
            onChange={() =>
              store.update((doc) => {
                doc.deleteIn(['spec', 'externalGateway'])
                if (!doc.hasIn(['spec', 'gateway'])) doc.setIn(['spec', 'gateway'], DEFAULT_GATEWAY)
              })
            }
          />
          <RadioButton
            name="are-gw-kind"
            text="External gateway"
            checked={useExternal}
            readonly={readOnly}
            onChange={() =>
              store.update((doc) => {
                doc.deleteIn(['spec', 'gateway'])
                if (!doc.hasIn(['spec', 'externalGateway']))
                  doc.setIn(['spec', 'externalGateway'], '')
              })
            }
          />
        </div>
      </div>
      {useExternal ? (
        <TextField
          path={['spec', 'externalGateway']}
          label="External gateway"
          keepEmpty
          placeholder="namespace/name"
        />
      ) : (
        <ComboField
          path={['spec', 'gateway']}
          label="Gateway"
          items={items}
          loading={gateways.isLoading}
          placeholder={DEFAULT_GATEWAY}
          help="namespace/name of an Istio Gateway."
        />
      )}
      <TextField
        path={['spec', 'hosts', 0]}
        id="f-spec-hosts-0"
        label="Host"
        required
        keepEmpty
        placeholder={domain ? `my-app (→ my-app.${domain})` : 'my-app.example.com'}
        help={
          <>
            {domain
              ? `A short name gets the Gateway's domain ${domain}. `
              : 'A short name, a full domain name, or *.domain. '}
            {finalHost && isValidV2Host(host ?? '') ? (
              <span className="are-preview">
                URL:{' '}
                <a
                  href={`https://${finalHost}`}
                  target="_blank"
                  rel="noreferrer"
                >{`https://${finalHost.replace(/^\*\./, 'any.')}`}</a>
              </span>
            ) : null}
          </>
        }
      />
      <IssueText id="f-spec-hosts-issues" issues={hostIssues} />
    </section>
  )
})
