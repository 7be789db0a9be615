// The v2 form's CORS policy: allowed origins (exact, prefix, regex), methods, headers, credentials
// and max age.
import { memo } from 'react'
import { Button, CheckBox, Input, Label, Select, Option, Title } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import { fieldId, useDocValue, useEditorContext } from '../../../../editor/form/context.ts'
import { CheckField, IntField, ListField } from '../../../../editor/form/fields.tsx'

const ORIGIN_KINDS = ['exact', 'prefix', 'regex'] as const

export const CorsSection = memo(function CorsSection() {
  const { store, readOnly } = useEditorContext()
  const cors = useDocValue<Record<string, unknown>>(['spec', 'corsPolicy'])
  const origins =
    useDocValue<Record<string, string>[]>(['spec', 'corsPolicy', 'allowOrigins']) ?? []
  return (
    <section className="are-section" aria-labelledby="are-cors-title">
      <Title level="H2" size="H4" id="are-cors-title">
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
