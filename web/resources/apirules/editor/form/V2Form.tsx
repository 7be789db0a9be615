// The v2 APIRule form. Each section subscribes to its own paths; rules are memoized one by one.
import { memo, useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { Input, MessageStrip, Title } from '@ui5/webcomponents-react'
import { useServices } from '../../../../api/lookups.ts'
import { formatPath } from '../../validation/paths.ts'
import { useDocValue, useEditorContext, useFieldIssues } from '../../../../editor/form/context.ts'
import {
  ComboField,
  FieldRow,
  IntField,
  IssueText,
  TextField,
} from '../../../../editor/form/fields.tsx'
import { KeyValueField } from '../../../../editor/form/collections.tsx'
import { RulesSection } from './RulesSection.tsx'
import { GatewaySection } from './GatewaySection.tsx'
import { CorsSection } from './CorsSection.tsx'
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
      <Title level="H2" size="H4" id="are-meta-title">
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
      <Title level="H2" size="H4" id="are-svc-title">
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
        <Title level="H2" size="H4" id="are-timeout-title">
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
