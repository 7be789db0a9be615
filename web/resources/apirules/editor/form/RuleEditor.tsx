// One v2 rule. Memoized on primitive props and subscribed to its own paths only, so a keystroke in
// one rule re-renders nothing in the others. In a long list (more than COLLAPSE_ABOVE rules) each
// rule is a collapsible section: collapsed, it is one line of plain text and mounts none of its
// UI5 inputs (mounting them is what made large APIRules slow to open: every ui5-input forces a
// style and layout pass when it renders).
import { memo, useMemo, useState } from 'react'
import { Button, CheckBox, Label, MessageStrip, RadioButton, Title } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import '@ui5/webcomponents-icons/dist/v5/navigation-down-arrow.js'
import '@ui5/webcomponents-icons/dist/v5/navigation-up-arrow.js'
import { isObj } from '../../../../api/json.ts'
import { ACCESS_LABELS, v2AccessKind, type V2AccessKind } from '../../domain/access.ts'
import {
  fieldId,
  useDocSelect,
  useEditorContext,
  useFieldIssues,
  useHasErrorsUnder,
  type Path,
} from '../../../../editor/form/context.ts'
import {
  IntField,
  IssueText,
  ListField,
  MultiSelectField,
  TextField,
} from '../../../../editor/form/fields.tsx'
import { useMeshConfigMap } from '../../../../api/lookups.ts'
import { meshConfigOf } from '../../domain/mesh.ts'
import { KeyValueField } from '../../../../editor/form/collections.tsx'
import { MethodsField } from './MethodsField.tsx'
import { JwtEditor } from './JwtEditor.tsx'

export const PATH_HELP = (
  <>
    Exact path like <code>/orders</code>; <code>{'{*}'}</code> matches one segment (
    <code>{'/orders/{*}'}</code>); <code>{'{**}'}</code> matches any number of segments and must be
    the last operator (<code>{'/orders/{**}'}</code>); <code>/*</code> matches every path. Earlier
    rules win over later ones.
  </>
)

type Access = V2AccessKind

/**
 * The external authorizers: a picker of the mesh config's HTTP ext-authz providers (the only ones
 * the controller accepts) when the mesh config could be read, else free text.
 */
const AuthorizersField = memo(function AuthorizersField({ path }: { path: Path }) {
  const mesh = useMeshConfigMap()
  const providers = useMemo(() => {
    if (mesh.data === undefined) return undefined
    const config = meshConfigOf(mesh.data)
    return 'providers' in config
      ? config.providers.filter((p) => p.http).map((p) => p.name)
      : undefined
  }, [mesh.data])
  if (providers)
    return <MultiSelectField path={path} label="Authorizers" options={providers} required />
  return (
    <ListField
      path={path}
      label="Authorizers"
      required
      help={
        mesh.forbidden
          ? 'You may not read the Istio mesh config (ConfigMap istio-system/istio): type the names of its extension providers, separated by commas.'
          : 'Names of extension providers in the Istio mesh config, separated by commas.'
      }
    />
  )
})

/** More rules than this and they become collapsible, starting collapsed. */
export const COLLAPSE_ABOVE = 10
/** In a collapsible list the first rules still start expanded, like the top of a short list. */
export const INITIALLY_OPEN = 3

/** Test hook: called with the rule index whenever a per-rule component renders. */
export const ruleRenderProbe: { onRender?: (index: number) => void } = {}

const accessOf = (value: unknown): Access => (isObj(value) ? v2AccessKind(value) : 'none')

const hasServiceOf = (v: unknown) => !!(v && typeof v === 'object' && 'service' in v)
const hasRestrictionsOf = (v: unknown) => !!getAtKey(getAtKey(v, 'extAuth'), 'restrictions')

function getAtKey(v: unknown, k: string): unknown {
  return v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined
}

function summaryOf(value: unknown): string {
  const path = getAtKey(value, 'path')
  const methods = getAtKey(value, 'methods')
  return [
    typeof path === 'string' && path !== '' ? path : '(no path)',
    Array.isArray(methods) && methods.length ? methods.map(String).join(', ') : '(no methods)',
    ACCESS_LABELS[accessOf(value)],
  ].join(' · ')
}

export interface RuleEditorProps {
  index: number
  isLast: boolean
  /** The rule can be collapsed (a long list). */
  collapsible: boolean
  /** Expanded or collapsed by the user (or by "Expand all", or because it was just added). */
  open: boolean | undefined
  onOpenChange: (index: number, open: boolean) => void
  onMove: (from: number, to: number, open: boolean) => void
  onRemove: (index: number) => void
}

export const RuleEditor = memo(function RuleEditor(props: RuleEditorProps) {
  const { index, collapsible, open, onOpenChange } = props
  ruleRenderProbe.onRender?.(index)
  const path = useMemo<Path>(() => ['spec', 'rules', index], [index])
  const hasErrors = useHasErrorsUnder(path)
  // A rule starts expanded unless the list is long; one that shows an error opens and stays open
  // (it must not fold away under the cursor once the error is fixed), unless the user closes it.
  const [auto, setAuto] = useState(() => !collapsible || index < INITIALLY_OPEN || hasErrors)
  if (hasErrors && !auto) setAuto(true)
  const expanded = !collapsible || (open ?? auto)
  const n = index + 1
  const groupId = fieldId(path)

  return (
    <section
      className={`are-rule${expanded ? '' : ' are-rule-collapsed'}`}
      role="group"
      aria-labelledby={`${groupId}-title`}
    >
      <div className="are-rule-head">
        {collapsible ? (
          <div className="are-rule-heading" onClick={() => onOpenChange(index, !expanded)}>
            <button
              type="button"
              className="are-rule-toggle"
              aria-expanded={expanded}
              aria-controls={`${groupId}-body`}
              aria-label={`${expanded ? 'Collapse' : 'Expand'} rule ${n}`}
              title={`${expanded ? 'Collapse' : 'Expand'} rule ${n}`}
              onClick={(e) => {
                e.stopPropagation()
                onOpenChange(index, !expanded)
              }}
            >
              <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
            </button>
            <h5 id={`${groupId}-title`} className="are-rule-title">{`Rule ${n}`}</h5>
            {expanded ? null : <RuleSummary index={index} path={path} hasErrors={hasErrors} />}
          </div>
        ) : (
          <Title level="H3" size="H5" id={`${groupId}-title`}>{`Rule ${n}`}</Title>
        )}
        {expanded ? <RuleActions {...props} expanded={expanded} /> : null}
      </div>
      {expanded ? <RuleBody index={index} path={path} /> : null}
    </section>
  )
})

/** The collapsed rule's one line: path · methods · access (plain text, re-renders with its rule). */
const RuleSummary = memo(function RuleSummary({
  index,
  path,
  hasErrors,
}: {
  index: number
  path: Path
  hasErrors: boolean
}) {
  ruleRenderProbe.onRender?.(index)
  const summary = useDocSelect(path, summaryOf)
  return (
    <span className="are-rule-summary">
      {summary}
      {hasErrors ? <span className="are-error">{' · has errors'}</span> : null}
    </span>
  )
})

function RuleActions(props: RuleEditorProps & { expanded: boolean }) {
  const { readOnly } = useEditorContext()
  const { index, isLast, expanded, onMove, onRemove } = props
  const n = index + 1
  if (readOnly) return null
  return (
    <div className="are-rule-actions">
      <Button
        design="Transparent"
        icon="navigation-up-arrow"
        disabled={index === 0}
        accessibleName={`Move rule ${n} up`}
        tooltip={`Move rule ${n} up`}
        onClick={() => onMove(index, index - 1, expanded)}
      />
      <Button
        design="Transparent"
        icon="navigation-down-arrow"
        disabled={isLast}
        accessibleName={`Move rule ${n} down`}
        tooltip={`Move rule ${n} down`}
        onClick={() => onMove(index, index + 1, expanded)}
      />
      <Button
        design="Transparent"
        icon="delete"
        accessibleName={`Remove rule ${n}`}
        tooltip={`Remove rule ${n}`}
        onClick={() => onRemove(index)}
      />
    </div>
  )
}

/** The fields of one rule. Subscribes to the access kind and a few flags, not the whole rule. */
const RuleBody = memo(function RuleBody({ index, path }: { index: number; path: Path }) {
  ruleRenderProbe.onRender?.(index)
  const { store, readOnly } = useEditorContext()
  const ruleIssues = useFieldIssues(path)
  const access = useDocSelect(path, accessOf)
  const serviceSet = useDocSelect(path, hasServiceOf)
  const hasRestrictions = useDocSelect(path, hasRestrictionsOf)
  const n = index + 1
  const groupId = fieldId(path)
  const [showService, setShowService] = useState(serviceSet)
  const hasService = serviceSet || showService
  // stable paths, so the memoized fields below do not re-render with the rule
  const p = useMemo(
    () => ({
      path: [...path, 'path'],
      methods: [...path, 'methods'],
      jwt: [...path, 'jwt'],
      authorizers: [...path, 'extAuth', 'authorizers'],
      restrictions: [...path, 'extAuth', 'restrictions'],
      timeout: [...path, 'timeout'],
      serviceName: [...path, 'service', 'name'],
      servicePort: [...path, 'service', 'port'],
      serviceNamespace: [...path, 'service', 'namespace'],
      headers: [...path, 'request', 'headers'],
      cookies: [...path, 'request', 'cookies'],
    }),
    [path],
  )

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
    <div id={`${groupId}-body`} className="are-rule-body">
      <IssueText id={`${groupId}-issues`} issues={ruleIssues} />
      <TextField
        path={p.path}
        id={`${groupId}-path`}
        label="Path"
        required
        keepEmpty
        help={PATH_HELP}
        placeholder="/*"
      />
      <MethodsField path={p.methods} />
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
      {access === 'jwt' ? <JwtEditor path={p.jwt} title="JWT" /> : null}
      {access === 'extAuth' ? (
        <div className="are-sub" role="group" aria-label="External auth">
          <AuthorizersField path={p.authorizers} />
          {hasRestrictions ? (
            <>
              <JwtEditor path={p.restrictions} title="Restrictions (JWT)" />
              {!readOnly ? (
                <Button design="Transparent" onClick={() => store.deleteField(p.restrictions)}>
                  Remove restrictions
                </Button>
              ) : null}
            </>
          ) : !readOnly ? (
            <Button
              design="Transparent"
              icon="add"
              onClick={() =>
                store.setField(p.restrictions, {
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
        path={p.timeout}
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
          <TextField path={p.serviceName} label="Rule service" required keepEmpty />
          <IntField path={p.servicePort} label="Rule service port" required />
          <TextField path={p.serviceNamespace} label="Rule service namespace" />
        </div>
      ) : null}
      <KeyValueField path={p.headers} title="Request headers" noun="header" />
      <KeyValueField path={p.cookies} title="Request cookies" noun="cookie" />
    </div>
  )
})
