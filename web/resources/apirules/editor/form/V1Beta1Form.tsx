// The deprecated v1beta1 form: host, service, gateway, rules with regex paths, access strategies
// and mutators (handler + config as YAML).
import { memo, useState } from 'react'
import {
  Button,
  Label,
  MessageStrip,
  Option,
  Select,
  TextArea,
  Title,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import '@ui5/webcomponents-icons/dist/v5/navigation-down-arrow.js'
import '@ui5/webcomponents-icons/dist/v5/navigation-up-arrow.js'
import { parse, stringify } from 'yaml'
import { V1BETA1_HANDLERS } from '../../domain/access.ts'
import {
  fieldId,
  useDocLength,
  useDocValue,
  useEditorContext,
  useFieldIssues,
  type Path,
} from '../../../../editor/form/context.ts'
import { IntField, IssueText, TextField } from '../../../../editor/form/fields.tsx'
import { ItemList } from '../../../../editor/form/collections.tsx'
import { MethodsField } from './MethodsField.tsx'
import { AlsoInYaml, ParseErrorBanner } from './V2Form.tsx'

export function DeprecationNotice({ onMigrate }: { onMigrate?: () => void }) {
  return (
    <MessageStrip design="Critical" hideCloseButton>
      APIRule v1beta1 is deprecated and no longer reconciled by current Kyma releases. Migrate it to
      v2.
      {onMigrate ? (
        <>
          {' '}
          <Button design="Transparent" onClick={onMigrate}>
            Migrate to v2
          </Button>
        </>
      ) : null}
    </MessageStrip>
  )
}

function ConfigField({ path, label }: { path: Path; label: string }) {
  const { store, readOnly } = useEditorContext()
  const value = useDocValue<unknown>(path)
  const id = fieldId(path)
  const format = (v: unknown) => (v === undefined ? '' : stringify(v, { lineWidth: 0 }).trimEnd())
  const [text, setText] = useState(() => format(value))
  const [shown, setShown] = useState(value)
  const [error, setError] = useState<string | null>(null)
  if (shown !== value) {
    setShown(value)
    if (!error) setText(format(value))
  }
  return (
    <div className="are-field">
      <Label for={id} showColon>
        {label}
      </Label>
      <div className="are-control">
        <TextArea
          id={id}
          rows={3}
          growing
          value={text}
          readonly={readOnly}
          valueState={error ? 'Negative' : 'None'}
          onInput={(e) => {
            const t = e.target.value ?? ''
            setText(t)
            try {
              const parsed: unknown = t.trim() ? parse(t) : undefined
              setError(null)
              store.setField(path, parsed)
            } catch (err) {
              setError(err instanceof Error ? err.message : String(err))
            }
          }}
        />
        {error ? (
          <div className="are-field-issues are-error">{`Config is not valid YAML: ${error}`}</div>
        ) : null}
      </div>
    </div>
  )
}

function HandlerList({
  path,
  title,
  noun,
  handlers,
}: {
  path: Path
  title: string
  noun: string
  handlers?: readonly string[]
}) {
  const { store, readOnly } = useEditorContext()
  const items = useDocValue<{ handler?: string }[]>(path) ?? []
  const issues = useFieldIssues(path)
  return (
    <div className="are-sub" role="group" aria-label={title}>
      <div className="are-kv-title">{title}</div>
      <IssueText id={`${fieldId(path)}-issues`} issues={issues} />
      <ItemList
        path={path}
        noun={noun.toLowerCase()}
        newItem={() => ({ handler: handlers?.[0] ?? 'header' })}
      >
        {(at, k) => {
          const id = fieldId([...at, 'handler'])
          const h = items[k]?.handler ?? ''
          return (
            <>
              {handlers ? (
                <div className="are-field">
                  <Label for={id} showColon>
                    Handler
                  </Label>
                  <Select
                    id={id}
                    value={h}
                    disabled={readOnly}
                    onChange={(e) =>
                      store.setField(
                        [...at, 'handler'],
                        e.detail.selectedOption?.getAttribute('value') ?? '',
                      )
                    }
                  >
                    {(handlers.includes(h) ? handlers : [h, ...handlers]).map((x) => (
                      <Option key={x} value={x}>
                        {x}
                      </Option>
                    ))}
                  </Select>
                </div>
              ) : (
                <TextField path={[...at, 'handler']} label="Handler" keepEmpty />
              )}
              <ConfigField path={[...at, 'config']} label="Config (YAML)" />
            </>
          )
        }}
      </ItemList>
    </div>
  )
}

const V1Rule = memo(function V1Rule({ index, count }: { index: number; count: number }) {
  const { store, readOnly } = useEditorContext()
  const path: Path = ['spec', 'rules', index]
  const n = index + 1
  const gid = fieldId(path)
  return (
    <section className="are-rule" role="group" aria-labelledby={`${gid}-title`}>
      <div className="are-rule-head">
        <Title level="H3" size="H5" id={`${gid}-title`}>{`Rule ${n}`}</Title>
        {!readOnly ? (
          <div className="are-rule-actions">
            <Button
              design="Transparent"
              icon="navigation-up-arrow"
              disabled={index === 0}
              accessibleName={`Move rule ${n} up`}
              onClick={() => store.moveItem(['spec', 'rules'], index, index - 1)}
            />
            <Button
              design="Transparent"
              icon="navigation-down-arrow"
              disabled={index === count - 1}
              accessibleName={`Move rule ${n} down`}
              onClick={() => store.moveItem(['spec', 'rules'], index, index + 1)}
            />
            <Button
              design="Transparent"
              icon="delete"
              accessibleName={`Remove rule ${n}`}
              onClick={() => store.deleteField(path)}
            />
          </div>
        ) : null}
      </div>
      <TextField
        path={[...path, 'path']}
        id={`${gid}-path`}
        label="Path"
        required
        keepEmpty
        help="A regular expression, e.g. /.* or /orders/.*"
      />
      <MethodsField path={[...path, 'methods']} />
      <HandlerList
        path={[...path, 'accessStrategies']}
        title="Access strategies"
        noun="Access strategy"
        handlers={V1BETA1_HANDLERS}
      />
      <HandlerList path={[...path, 'mutators']} title="Mutators" noun="Mutator" />
      <IntField path={[...path, 'timeout']} label="Timeout (seconds)" />
    </section>
  )
})

export function V1Beta1Form({ onMigrate }: { onMigrate?: () => void }) {
  const { store, readOnly, mode } = useEditorContext()
  const count = useDocLength(['spec', 'rules'])
  return (
    <div className="are-form" aria-label="APIRule v1beta1 form">
      <DeprecationNotice onMigrate={onMigrate} />
      <ParseErrorBanner />
      <section className="are-section">
        <TextField
          path={['metadata', 'name']}
          label="Name"
          required
          keepEmpty
          readOnly={mode === 'edit'}
        />
        <TextField path={['spec', 'host']} label="Host" required keepEmpty />
        <TextField path={['spec', 'service', 'name']} label="Service" keepEmpty />
        <IntField path={['spec', 'service', 'port']} label="Port" />
        <TextField path={['spec', 'gateway']} label="Gateway" required keepEmpty />
        <IntField path={['spec', 'timeout']} label="Timeout (seconds)" />
      </section>
      <section className="are-section">
        <Title level="H2" size="H4">{`Rules (${count})`}</Title>
        {Array.from({ length: count }, (_, i) => (
          <V1Rule key={i} index={i} count={count} />
        ))}
        {!readOnly ? (
          <Button
            icon="add"
            onClick={() =>
              store.insertItem(['spec', 'rules'], {
                path: '/.*',
                methods: ['GET'],
                accessStrategies: [{ handler: 'no_auth' }],
              })
            }
          >
            Add rule
          </Button>
        ) : null}
      </section>
      <AlsoInYaml version="v1beta1" />
    </div>
  )
}
