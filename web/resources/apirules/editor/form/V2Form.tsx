// The v2 APIRule form. Each section subscribes to its own paths; rules are memoized one by one.
import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import {
  Button,
  CheckBox,
  Input,
  Label,
  MessageStrip,
  RadioButton,
  Select,
  Option,
  Title,
} from '@ui5/webcomponents-react'
import { gatewayDomainOf, gatewayHosts, useGateways, useServices } from '../../../../editor/api.ts'
import { formatPath } from '../../validation/paths.ts'
import { isValidV2Host } from '../../validation/cel.ts'
import { DEFAULT_GATEWAY } from '../templates.ts'
import {
  fieldId,
  useDocLength,
  useDocValue,
  useEditorContext,
  useFieldIssues,
} from '../../../../editor/form/context.ts'
import {
  CheckField,
  ComboField,
  FieldRow,
  IntField,
  IssueText,
  ListField,
  TextField,
} from '../../../../editor/form/fields.tsx'
import { KeyValueField } from '../../../../editor/form/collections.tsx'
import { COLLAPSE_ABOVE, RuleEditor } from './RuleEditor.tsx'
import { V1BETA1_FORM_SHAPE, V2_FORM_SHAPE } from '../form-shapes.ts'

export function ParseErrorBanner() {
  const error = useParseError()
  if (!error) return null
  return (
    <MessageStrip design="Negative" hideCloseButton role="alert">
      {`The YAML does not parse (line ${error.line}, column ${error.col}): ${error.message}. The form is read-only until it is fixed; nothing you typed is lost.`}
    </MessageStrip>
  )
}

function useParseError() {
  const { store } = useEditorContext()
  return useSyncExternalStore(
    store.subscribe,
    () => store.error,
    () => store.error,
  )
}

/** How long the document must rest before "Also in YAML" is recomputed (it walks every field). */
const ALSO_IN_YAML_DELAY_MS = 150

export const AlsoInYaml = memo(function AlsoInYaml({ version }: { version: 'v2' | 'v1beta1' }) {
  const { store } = useEditorContext()
  const compute = useCallback(
    () =>
      store
        .listUnknownFields(version === 'v1beta1' ? V1BETA1_FORM_SHAPE : V2_FORM_SHAPE)
        .map(formatPath)
        .join(', '),
    [store, version],
  )
  // Computed at mount, then off the keystroke path: after the edits pause.
  const [unknown, setUnknown] = useState(compute)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      clearTimeout(timer)
      timer = setTimeout(() => setUnknown(compute()), ALSO_IN_YAML_DELAY_MS)
    }
    schedule() // the version may have changed since the last computation
    const off = store.subscribe(schedule)
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [store, compute])
  if (!unknown) return null
  return (
    <MessageStrip design="Information" hideCloseButton className="are-also">
      {`Also in YAML (kept, edit them in the YAML view): ${unknown}`}
    </MessageStrip>
  )
})

const MetadataSection = memo(function MetadataSection() {
  const { mode, namespace } = useEditorContext()
  return (
    <section className="are-section" aria-labelledby="are-meta-title">
      <Title level="H4" id="are-meta-title">
        General
      </Title>
      <TextField
        path={['metadata', 'name']}
        label="Name"
        required
        keepEmpty
        readOnly={mode === 'edit'}
        help={mode === 'create' ? 'Lowercase letters, digits, "-" and ".".' : undefined}
      />
      <FieldRow id="f-metadata-namespace" label="Namespace">
        <Input id="f-metadata-namespace" value={namespace} readonly />
      </FieldRow>
      <KeyValueField path={['metadata', 'labels']} title="Labels" noun="label" />
      <KeyValueField path={['metadata', 'annotations']} title="Annotations" noun="annotation" />
    </section>
  )
})

const ServiceSection = memo(function ServiceSection() {
  const { namespace, store } = useEditorContext()
  const svcNs = useDocValue<string>(['spec', 'service', 'namespace'])
  const name = useDocValue<string>(['spec', 'service', 'name'])
  const services = useServices(svcNs || namespace)
  const items = useMemo(
    () =>
      (services.data?.items ?? []).map((s) => ({
        value: s.metadata.name ?? '',
        additionalText: (s.spec?.ports ?? []).map((p) => p.port).join(', '),
      })),
    [services.data],
  )
  const selected = services.data?.items.find((s) => s.metadata.name === name)
  const ports = useMemo(
    () =>
      (selected?.spec?.ports ?? []).map((p) => ({ value: String(p.port), additionalText: p.name })),
    [selected],
  )
  return (
    <section className="are-section" aria-labelledby="are-svc-title">
      <Title level="H4" id="are-svc-title">
        Service
      </Title>
      <ComboField
        path={['spec', 'service', 'name']}
        label="Service"
        items={items}
        loading={services.isLoading}
        help={services.isError ? 'Services could not be listed; type the name.' : undefined}
        onValue={(v) => {
          const svc = services.data?.items.find((s) => s.metadata.name === v)
          const p = svc?.spec?.ports ?? []
          if (p.length === 1 && p[0]) store.setField(['spec', 'service', 'port'], p[0].port)
        }}
      />
      <ComboField
        path={['spec', 'service', 'port']}
        label="Port"
        items={ports}
        asNumber
        help={selected && ports.length > 1 ? 'The Service has several ports; pick one.' : undefined}
      />
      <TextField
        path={['spec', 'service', 'namespace']}
        label="Service namespace"
        placeholder={namespace}
        help="Only when the Service is in another namespace."
      />
    </section>
  )
})

const GatewaySection = memo(function GatewaySection() {
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
        additionalText: gatewayHosts(g).join(', '),
      })),
    [gateways.data],
  )
  const gwObj = gateways.data?.items.find(
    (g) => `${g.metadata.namespace}/${g.metadata.name}` === gw,
  )
  const domain = gatewayDomainOf(gwObj)
  const short = !!host && !host.includes('.')
  const finalHost = host ? (short ? (domain ? `${host}.${domain}` : undefined) : host) : undefined
  return (
    <section className="are-section" aria-labelledby="are-gw-title">
      <Title level="H4" id="are-gw-title">
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

const ORIGIN_KINDS = ['exact', 'prefix', 'regex'] as const

const CorsSection = memo(function CorsSection() {
  const { store, readOnly } = useEditorContext()
  const cors = useDocValue<Record<string, unknown>>(['spec', 'corsPolicy'])
  const origins =
    useDocValue<Record<string, string>[]>(['spec', 'corsPolicy', 'allowOrigins']) ?? []
  return (
    <section className="are-section" aria-labelledby="are-cors-title">
      <Title level="H4" id="are-cors-title">
        CORS
      </Title>
      <div className="are-field">
        <span />
        <CheckBox
          id="f-cors-enabled"
          text="Apply a CORS policy"
          checked={cors !== undefined}
          readonly={readOnly}
          onChange={(e) =>
            e.target.checked
              ? store.setField(['spec', 'corsPolicy'], {
                  allowOrigins: [{ exact: '' }],
                  allowMethods: ['GET'],
                })
              : store.deleteField(['spec', 'corsPolicy'])
          }
        />
      </div>
      {cors !== undefined ? (
        <>
          <div role="group" aria-label="Allowed origins" className="are-sub">
            <div className="are-kv-title">Allowed origins</div>
            {origins.map((o, i) => {
              const kind = (Object.keys(o ?? {})[0] ?? 'exact') as string
              const id = fieldId(['spec', 'corsPolicy', 'allowOrigins', i])
              return (
                <div className="are-kv-row" key={i}>
                  <Label for={`${id}-kind`}>{`Origin ${i + 1} match`}</Label>
                  <Select
                    id={`${id}-kind`}
                    value={kind}
                    disabled={readOnly}
                    onChange={(e) => {
                      const k = e.detail.selectedOption?.getAttribute('value') ?? 'exact'
                      store.setField(['spec', 'corsPolicy', 'allowOrigins', i], {
                        [k]: o?.[kind] ?? '',
                      })
                    }}
                  >
                    {ORIGIN_KINDS.map((k) => (
                      <Option key={k} value={k}>
                        {k}
                      </Option>
                    ))}
                  </Select>
                  <Label for={`${id}-value`}>{`Origin ${i + 1}`}</Label>
                  <Input
                    id={`${id}-value`}
                    value={o?.[kind] ?? ''}
                    readonly={readOnly}
                    onInput={(e) =>
                      store.setField(
                        ['spec', 'corsPolicy', 'allowOrigins', i, kind],
                        e.target.value ?? '',
                      )
                    }
                  />
                  {!readOnly ? (
                    <Button
                      design="Transparent"
                      icon="delete"
                      accessibleName={`Remove origin ${i + 1}`}
                      onClick={() => store.deleteField(['spec', 'corsPolicy', 'allowOrigins', i])}
                    />
                  ) : null}
                </div>
              )
            })}
            {!readOnly ? (
              <Button
                design="Transparent"
                icon="add"
                onClick={() =>
                  store.insertItem(['spec', 'corsPolicy', 'allowOrigins'], { exact: '' })
                }
              >
                Add origin
              </Button>
            ) : null}
          </div>
          <ListField path={['spec', 'corsPolicy', 'allowMethods']} label="Allowed methods" />
          <ListField path={['spec', 'corsPolicy', 'allowHeaders']} label="Allowed headers" />
          <ListField path={['spec', 'corsPolicy', 'exposeHeaders']} label="Exposed headers" />
          <CheckField path={['spec', 'corsPolicy', 'allowCredentials']} label="Allow credentials" />
          <IntField
            path={['spec', 'corsPolicy', 'maxAge']}
            label="Max age (seconds)"
            help="How long browsers may cache the preflight answer."
          />
        </>
      ) : null}
    </section>
  )
})

/** Explicit open/closed states of the rules: `all` from "Expand all"/"Collapse all", then per rule. */
/**
 * "Expand all" is offered up to this many rules: mounting every rule's UI5 inputs at once costs
 * time that grows faster than the number of inputs (each forces a style and layout pass), and
 * 100 rules block the page for tens of seconds.
 */
const EXPAND_ALL_MAX = 30

/** Rules per layout group. */
const RULE_GROUP = 25

interface OpenState {
  all: boolean | undefined
  byIndex: Readonly<Record<number, boolean>>
}

const RulesSection = memo(function RulesSection() {
  const { store, readOnly } = useEditorContext()
  const count = useDocLength(['spec', 'rules'])
  const issues = useFieldIssues(['spec', 'rules'])
  const collapsible = count > COLLAPSE_ABOVE
  const [open, setOpen] = useState<OpenState>({ all: undefined, byIndex: {} })

  const onOpenChange = useCallback((index: number, value: boolean) => {
    setOpen((o) => ({ ...o, byIndex: { ...o.byIndex, [index]: value } }))
  }, [])
  const onMove = useCallback(
    (from: number, to: number, fromOpen: boolean) => {
      store.moveItem(['spec', 'rules'], from, to)
      setOpen((o) => {
        const byIndex: Record<number, boolean> = { ...o.byIndex, [to]: fromOpen }
        const displaced = o.byIndex[to]
        if (displaced === undefined) delete byIndex[from]
        else byIndex[from] = displaced
        return { ...o, byIndex }
      })
    },
    [store],
  )
  const onRemove = useCallback(
    (index: number) => {
      store.deleteField(['spec', 'rules', index])
      setOpen((o) => {
        const byIndex: Record<number, boolean> = {}
        for (const [k, v] of Object.entries(o.byIndex)) {
          const i = Number(k)
          if (i < index) byIndex[i] = v
          else if (i > index) byIndex[i - 1] = v
        }
        return { ...o, byIndex }
      })
    },
    [store],
  )
  const addRule = () => {
    store.insertItem(['spec', 'rules'], { path: '/*', methods: ['GET'] })
    onOpenChange(count, true) // a new rule starts expanded
  }

  return (
    <section className="are-section" aria-labelledby="are-rules-title">
      <div className="are-rules-head">
        <Title level="H4" id="are-rules-title">{`Rules (${count})`}</Title>
        {collapsible ? (
          <div className="are-rules-toggles">
            {count <= EXPAND_ALL_MAX ? (
              <button
                type="button"
                className="are-link-button"
                onClick={() => setOpen({ all: true, byIndex: {} })}
              >
                Expand all
              </button>
            ) : null}
            <button
              type="button"
              className="are-link-button"
              onClick={() => setOpen({ all: false, byIndex: {} })}
            >
              Collapse all
            </button>
          </div>
        ) : null}
      </div>
      <IssueText id="f-spec-rules-issues" issues={issues} />
      {Array.from({ length: Math.ceil(count / RULE_GROUP) }, (_, g) => (
        // Groups of rules, each skipped by layout while off screen (see editor.css): a keystroke
        // then lays out one group instead of thousands of rules.
        <div key={g} className="are-rule-group">
          {Array.from({ length: Math.min(RULE_GROUP, count - g * RULE_GROUP) }, (_, k) => {
            const i = g * RULE_GROUP + k
            return (
              <RuleEditor
                key={i}
                index={i}
                isLast={i === count - 1}
                collapsible={collapsible}
                open={open.byIndex[i] ?? open.all}
                onOpenChange={onOpenChange}
                onMove={onMove}
                onRemove={onRemove}
              />
            )
          })}
        </div>
      ))}
      {!readOnly ? (
        <Button icon="add" onClick={addRule}>
          Add rule
        </Button>
      ) : null}
    </section>
  )
})

export function V2Form() {
  const specIssues = useFieldIssues(['spec'])
  return (
    <div className="are-form" aria-label="APIRule form">
      <ParseErrorBanner />
      <IssueText id="f-spec-issues" issues={specIssues} />
      <MetadataSection />
      <ServiceSection />
      <GatewaySection />
      <section className="are-section" aria-labelledby="are-timeout-title">
        <Title level="H4" id="are-timeout-title">
          Timeout
        </Title>
        <IntField
          path={['spec', 'timeout']}
          label="Timeout (seconds)"
          placeholder="180"
          help="1–3900 seconds; 180 when empty."
        />
      </section>
      <CorsSection />
      <RulesSection />
      <AlsoInYaml version="v2" />
    </div>
  )
}
