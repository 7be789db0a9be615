// One v2 rule. Memoized on (index, count): a keystroke in another rule does not re-render it.
import { memo, useState } from 'react'
import { Button, CheckBox, Label, MessageStrip, RadioButton, Title } from '@ui5/webcomponents-react'
import type { ApiRuleV2Rule } from '../../resources/apirules/types.ts'
import {
  fieldId,
  useDocLength,
  useDocValue,
  useEditorContext,
  useFieldIssues,
  type Path,
} from './context.ts'
import {
  IntField,
  IssueText,
  KeyValueField,
  ListField,
  MethodsField,
  TextField,
} from './fields.tsx'

export const PATH_HELP = (
  <>
    Exact path like <code>/orders</code>; <code>{'{*}'}</code> matches one segment (
    <code>{'/orders/{*}'}</code>); <code>{'{**}'}</code> matches any number of segments and must be
    the last operator (<code>{'/orders/{**}'}</code>); <code>/*</code> matches every path. Earlier
    rules win over later ones.
  </>
)

type Access = 'noAuth' | 'jwt' | 'extAuth' | 'none'

function accessOf(rule: ApiRuleV2Rule | undefined): Access {
  if (!rule) return 'none'
  if (rule.jwt) return 'jwt'
  if (rule.extAuth) return 'extAuth'
  if (rule.noAuth === true) return 'noAuth'
  return 'none'
}

export const JwtEditor = memo(function JwtEditor({ path, title }: { path: Path; title: string }) {
  const { store, readOnly } = useEditorContext()
  const authn = useDocLength([...path, 'authentications'])
  const authz = useDocLength([...path, 'authorizations'])
  const issues = useFieldIssues([...path, 'authentications'])
  const authzIssues = useFieldIssues([...path, 'authorizations'])
  return (
    <div className="are-sub" role="group" aria-label={title}>
      <Title level="H6">{title}</Title>
      <IssueText id={`${fieldId(path)}-authn-issues`} issues={issues} />
      {Array.from({ length: authn }, (_, k) => {
        const at = [...path, 'authentications', k]
        return (
          <div key={k} className="are-item" role="group" aria-label={`Authentication ${k + 1}`}>
            <TextField
              path={[...at, 'issuer']}
              label="Issuer"
              required
              placeholder="https://issuer.example.com"
              keepEmpty
            />
            <TextField
              path={[...at, 'jwksUri']}
              label="JWKS URI"
              required
              placeholder="https://issuer.example.com/.well-known/jwks.json"
              keepEmpty
            />
            <TextField
              path={[...at, 'fromHeaders', 0, 'name']}
              label="Token from header"
              placeholder="Authorization"
            />
            <TextField
              path={[...at, 'fromHeaders', 0, 'prefix']}
              label="Header prefix"
              placeholder="Bearer "
            />
            <ListField path={[...at, 'fromParams']} label="Token from query parameter" />
            {!readOnly ? (
              <Button
                design="Transparent"
                icon="delete"
                onClick={() => store.deleteField([...path, 'authentications', k])}
              >
                {`Remove authentication ${k + 1}`}
              </Button>
            ) : null}
          </div>
        )
      })}
      {!readOnly ? (
        <Button
          icon="add"
          design="Transparent"
          onClick={() =>
            store.insertItem([...path, 'authentications'], { issuer: '', jwksUri: '' })
          }
        >
          Add authentication
        </Button>
      ) : null}
      <IssueText id={`${fieldId(path)}-authz-issues`} issues={authzIssues} />
      {Array.from({ length: authz }, (_, k) => {
        const at = [...path, 'authorizations', k]
        return (
          <div key={k} className="are-item" role="group" aria-label={`Authorization ${k + 1}`}>
            <ListField path={[...at, 'requiredScopes']} label="Required scopes" />
            <ListField path={[...at, 'audiences']} label="Audiences" />
            {!readOnly ? (
              <Button
                design="Transparent"
                icon="delete"
                onClick={() => store.deleteField([...path, 'authorizations', k])}
              >
                {`Remove authorization ${k + 1}`}
              </Button>
            ) : null}
          </div>
        )
      })}
      {!readOnly ? (
        <Button
          icon="add"
          design="Transparent"
          onClick={() => store.insertItem([...path, 'authorizations'], { requiredScopes: [] })}
        >
          Add authorization
        </Button>
      ) : null}
    </div>
  )
})

export const RuleEditor = memo(function RuleEditor({
  index,
  count,
}: {
  index: number
  count: number
}) {
  const { store, readOnly } = useEditorContext()
  const path: Path = ['spec', 'rules', index]
  const rule = useDocValue<ApiRuleV2Rule>(path)
  const ruleIssues = useFieldIssues(path)
  const access = accessOf(rule)
  const n = index + 1
  const groupId = fieldId(path)
  const [showService, setShowService] = useState(() => !!rule?.service)
  const hasService = !!rule?.service || showService

  const setAccess = (a: Access) => {
    store.update((doc) => {
      for (const k of ['noAuth', 'jwt', 'extAuth'])
        if (doc.hasIn([...path, k])) doc.deleteIn([...path, k])
      if (a === 'noAuth') doc.setIn([...path, 'noAuth'], true)
      if (a === 'jwt')
        doc.setIn(
          [...path, 'jwt'],
          doc.createNode({ authentications: [{ issuer: '', jwksUri: '' }] }),
        )
      if (a === 'extAuth') doc.setIn([...path, 'extAuth'], doc.createNode({ authorizers: [] }))
    })
  }

  return (
    <section className="are-rule" role="group" aria-labelledby={`${groupId}-title`}>
      <div className="are-rule-head">
        <Title level="H5" id={`${groupId}-title`}>{`Rule ${n}`}</Title>
        {!readOnly ? (
          <div className="are-rule-actions">
            <Button
              design="Transparent"
              icon="navigation-up-arrow"
              disabled={index === 0}
              accessibleName={`Move rule ${n} up`}
              tooltip={`Move rule ${n} up`}
              onClick={() => store.moveItem(['spec', 'rules'], index, index - 1)}
            />
            <Button
              design="Transparent"
              icon="navigation-down-arrow"
              disabled={index === count - 1}
              accessibleName={`Move rule ${n} down`}
              tooltip={`Move rule ${n} down`}
              onClick={() => store.moveItem(['spec', 'rules'], index, index + 1)}
            />
            <Button
              design="Transparent"
              icon="delete"
              accessibleName={`Remove rule ${n}`}
              tooltip={`Remove rule ${n}`}
              onClick={() => store.deleteField(path)}
            />
          </div>
        ) : null}
      </div>
      <IssueText id={`${groupId}-issues`} issues={ruleIssues} />
      <TextField
        path={[...path, 'path']}
        id={`${groupId}-path`}
        label="Path"
        required
        keepEmpty
        help={PATH_HELP}
        placeholder="/*"
      />
      <MethodsField path={[...path, 'methods']} />
      <div className="are-field">
        <Label id={`${groupId}-access-label`} required showColon>
          Access
        </Label>
        <div role="radiogroup" aria-labelledby={`${groupId}-access-label`} className="are-radios">
          <RadioButton
            name={`${groupId}-access`}
            text="No auth"
            checked={access === 'noAuth'}
            readonly={readOnly}
            onChange={() => setAccess('noAuth')}
          />
          <RadioButton
            name={`${groupId}-access`}
            text="JWT"
            checked={access === 'jwt'}
            readonly={readOnly}
            onChange={() => setAccess('jwt')}
          />
          <RadioButton
            name={`${groupId}-access`}
            text="External auth"
            checked={access === 'extAuth'}
            readonly={readOnly}
            onChange={() => setAccess('extAuth')}
          />
        </div>
      </div>
      {access === 'noAuth' ? (
        <MessageStrip design="Critical" hideCloseButton>
          This path will be public: anyone can call it without authentication.
        </MessageStrip>
      ) : null}
      {access === 'none' ? (
        <MessageStrip design="Information" hideCloseButton>
          Choose how requests to this path are authorized.
        </MessageStrip>
      ) : null}
      {access === 'jwt' ? <JwtEditor path={[...path, 'jwt']} title="JWT" /> : null}
      {access === 'extAuth' ? (
        <div className="are-sub" role="group" aria-label="External auth">
          <ListField
            path={[...path, 'extAuth', 'authorizers']}
            label="Authorizers"
            required
            help="Names of extension providers in the Istio mesh config, separated by commas."
          />
          {rule?.extAuth?.restrictions ? (
            <>
              <JwtEditor path={[...path, 'extAuth', 'restrictions']} title="Restrictions (JWT)" />
              {!readOnly ? (
                <Button
                  design="Transparent"
                  onClick={() => store.deleteField([...path, 'extAuth', 'restrictions'])}
                >
                  Remove restrictions
                </Button>
              ) : null}
            </>
          ) : !readOnly ? (
            <Button
              design="Transparent"
              icon="add"
              onClick={() =>
                store.setField([...path, 'extAuth', 'restrictions'], {
                  authentications: [{ issuer: '', jwksUri: '' }],
                })
              }
            >
              Add JWT restrictions
            </Button>
          ) : null}
        </div>
      ) : null}
      <IntField
        path={[...path, 'timeout']}
        label="Timeout (seconds)"
        help="1–3900; overrides the APIRule timeout for this rule."
      />
      <div className="are-field">
        <span />
        <CheckBox
          id={`${groupId}-own-service`}
          text="Use a different Service for this rule"
          checked={hasService}
          readonly={readOnly}
          onChange={(e) => {
            setShowService(e.target.checked)
            if (!e.target.checked) store.deleteField([...path, 'service'])
          }}
        />
      </div>
      {hasService ? (
        <div className="are-sub" role="group" aria-label={`Rule ${n} service`}>
          <TextField path={[...path, 'service', 'name']} label="Rule service" required keepEmpty />
          <IntField path={[...path, 'service', 'port']} label="Rule service port" required />
          <TextField path={[...path, 'service', 'namespace']} label="Rule service namespace" />
        </div>
      ) : null}
      <KeyValueField path={[...path, 'request', 'headers']} title="Request headers" noun="header" />
      <KeyValueField path={[...path, 'request', 'cookies']} title="Request cookies" noun="cookie" />
    </section>
  )
})
