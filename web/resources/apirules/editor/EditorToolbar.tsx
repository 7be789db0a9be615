// The APIRule editor's toolbar (views, API version, migrate, validate, cancel, create/save) and
// the messages under it (why saving is blocked, server answers, an unserved version).
import { Button, Label, MessageStrip, Option, Select } from '@ui5/webcomponents-react'
import type { EditorView } from '../../../editor/draft.ts'
import type { SaveFlow } from '../../../editor/save/useSaveFlow.ts'

const VIEWS: { view: EditorView; label: string; tooltip: string }[] = [
  { view: 'form', label: 'Form', tooltip: 'Show the form' },
  { view: 'yaml', label: 'YAML', tooltip: 'Show the YAML' },
  { view: 'split', label: 'Split', tooltip: 'Show form and YAML side by side' },
]

export function EditorToolbar(props: {
  mode: 'create' | 'edit'
  view: EditorView
  onView: (view: EditorView) => void
  version: string
  servedVersions: readonly string[] | undefined
  onVersion: (version: string) => void
  migratable: boolean
  onMigrate: () => void
  onCancel?: () => void
  flow: SaveFlow
  /** Create, or an edit with changes. */
  canSave: boolean
  blockedReason: string | undefined
}) {
  const { mode, flow, blockedReason } = props
  const versions = (props.servedVersions ?? ['v2']).filter((v) => v === 'v2' || v === 'v1beta1')
  return (
    <div className="are-toolbar" role="toolbar" aria-label="Editor">
      {VIEWS.map((v) => (
        <Button
          key={v.view}
          design={props.view === v.view ? 'Emphasized' : 'Default'}
          onClick={() => props.onView(v.view)}
          tooltip={v.tooltip}
        >
          {v.label}
        </Button>
      ))}
      {mode === 'create' && versions.length > 1 ? (
        <>
          <Label for="are-version" showColon>
            API version
          </Label>
          <Select
            id="are-version"
            value={props.version}
            onChange={(e) =>
              props.onVersion(e.detail.selectedOption?.getAttribute('value') ?? 'v2')
            }
          >
            {versions.map((v) => (
              <Option key={v} value={v}>
                {v === 'v1beta1' ? 'v1beta1 (deprecated)' : v}
              </Option>
            ))}
          </Select>
        </>
      ) : null}
      <span className="are-spacer" />
      {props.migratable ? <Button onClick={props.onMigrate}>Migrate to v2</Button> : null}
      <Button onClick={() => void flow.validateOnServer()} disabled={flow.busy}>
        Validate on server
      </Button>
      {props.onCancel ? (
        <Button design="Transparent" onClick={props.onCancel}>
          Cancel
        </Button>
      ) : null}
      <Button
        design="Emphasized"
        onClick={() => void flow.save()}
        disabled={flow.busy || !props.canSave || blockedReason !== undefined}
        tooltip={blockedReason}
        accessibleDescription={blockedReason}
      >
        {mode === 'create' ? 'Create' : 'Save'}
      </Button>
    </div>
  )
}

export function EditorMessages(props: {
  mode: 'create' | 'edit'
  flow: SaveFlow
  blockedReason: string | undefined
  /** The cluster's CRD could not be read; the bundled schema is used. */
  bundledSchema: boolean
  unservedVersion: string | undefined
  onConvertUnserved: () => void
}) {
  const { flow, mode } = props
  const { alert, announce, serverWarnings } = flow
  return (
    <>
      {props.blockedReason ? (
        <p className="are-blocked" id="are-save-blocked">
          {props.blockedReason}
        </p>
      ) : null}
      {props.bundledSchema ? (
        <MessageStrip design="Information" hideCloseButton>
          The cluster's APIRule schema could not be read; checking against the bundled schema.
        </MessageStrip>
      ) : null}
      <div role="alert" aria-live="assertive">
        {alert ? (
          <MessageStrip design="Negative" onClose={() => flow.setAlert('')}>
            {alert}
          </MessageStrip>
        ) : null}
      </div>
      {serverWarnings.texts.length ? (
        <MessageStrip design="Critical" hideCloseButton className="are-server-warnings">
          <span>The API server warned:</span>
          <ul aria-label="Warnings from the API server">
            {serverWarnings.texts.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
          {serverWarnings.onSave && !flow.busy ? (
            <Button
              design="Transparent"
              onClick={() => void flow.save({ confirmed: true, acceptWarnings: true })}
            >
              {mode === 'create' ? 'Create anyway' : 'Save anyway'}
            </Button>
          ) : null}
        </MessageStrip>
      ) : null}
      <div role="status" aria-live="polite" className="are-sr">
        {announce}
      </div>
      {announce ? (
        <MessageStrip design="Positive" onClose={() => flow.setAnnounce('')}>
          {announce}
        </MessageStrip>
      ) : null}
      {props.unservedVersion ? (
        <MessageStrip design="Negative" hideCloseButton>
          {`This cluster does not serve APIRule ${props.unservedVersion}; it cannot be created or saved in that version. `}
          <Button design="Transparent" onClick={props.onConvertUnserved}>
            Convert to v2
          </Button>
        </MessageStrip>
      ) : null}
    </>
  )
}
