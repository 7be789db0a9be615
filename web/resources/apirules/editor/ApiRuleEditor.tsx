// The reusable APIRule editor: one EditorDocument shown as a form, as YAML (Monaco, lazy), or
// both; checks from useApiRuleChecks; the engine's save flow with the APIRule API; migration.
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ClipboardEvent,
} from 'react'
import { EditorDocument } from '../../../editor/document/EditorDocument.ts'
import { stripForEdit, toYaml } from '../../../editor/document/objects.ts'
import { getAt } from '../../../editor/document/structural.ts'
import { EditorContext, fieldId, type EditorContextValue } from '../../../editor/form/context.ts'
import { ProblemsPanel, saveBlockedReason } from '../../../editor/ProblemsPanel.tsx'
import { SaveDialogs } from '../../../editor/save/SaveDialogs.tsx'
import { useSaveFlow, type SaveAdapter } from '../../../editor/save/useSaveFlow.ts'
import {
  createApiRule,
  saveErrorMessage,
  isLostAnswer,
  getApiRule,
  replaceApiRule,
  toRequestObject,
} from './persist.ts'
import { isConflict } from '../../../api/write.ts'
import {
  rememberedView,
  rememberView,
  scheduleDrafts,
  writeDraft,
  type EditorView,
} from '../../../editor/draft.ts'
import {
  isTooBig,
  MAX_DOCUMENT_BYTES,
  reportedBytes,
  tooBigMessage,
} from '../../../editor/limits.ts'
import { StatusError } from '../../../api/client.ts'
import { crdVersion } from '../validation/schema.ts'
import { statusToIssues } from '../validation/server.ts'
import type { Issue } from '../validation/types.ts'
import { APIRULE_GROUP } from '../types.ts'
import { V2Form } from './form/V2Form.tsx'
import { V1Beta1Form } from './form/V1Beta1Form.tsx'
import { migrateToV2, needsMigration } from './migration/migrate.ts'
import { MigrationDialog, type MigrationProposal } from './MigrationDialog.tsx'
import { EditorMessages, EditorToolbar } from './EditorToolbar.tsx'
import { RULE_SNIPPETS } from './snippets.ts'
import { newApiRule, versionOfApiVersion } from './templates.ts'
import { useApiRuleChecks } from './useApiRuleChecks.ts'
import '../../../editor/editor.css'

const YamlEditor = lazy(() => import('../../../editor/monaco/YamlEditor.tsx'))

type Obj = Record<string, unknown>

export interface ApiRuleEditorProps {
  namespace: string
  /** The starting document: YAML text or an object (server fields are stripped from objects). */
  initial: string | object
  mode: 'create' | 'edit'
  /** Called with the object the API server returned after a successful create or save. */
  onSaved?: (saved: Obj) => void
  onCancel?: () => void
  /** Edit: the server object the edit started from (defaults to `initial`). */
  base?: object
  /** Controlled view (the page keeps it in the URL); uncontrolled: remembered in localStorage. */
  view?: EditorView
  onViewChange?: (view: EditorView) => void
  onDirtyChange?: (dirty: boolean) => void
  /** sessionStorage key for the unsaved text (omit to keep no draft). */
  draftKey?: string
  /** Open the v1beta1 → v2 migration dialog on start. */
  openMigration?: boolean
}

function initialText(initial: string | object): string {
  return typeof initial === 'string' ? initial : toYaml(stripForEdit(initial))
}

/** Test hook: called on every render of the editor itself (toolbar, problems, form shell). */
export const editorRenderProbe: { onRender?: () => void } = {}

export function ApiRuleEditor(props: ApiRuleEditorProps) {
  const { namespace, mode, draftKey, onSaved } = props
  editorRenderProbe.onRender?.()
  const [store] = useState(() => new EditorDocument(initialText(props.initial)))

  // --- view ---
  const [ownView, setOwnView] = useState<EditorView>(() => props.view ?? rememberedView())
  const view = props.view ?? ownView
  const setView = (v: EditorView) => {
    rememberView(v)
    setOwnView(v)
    props.onViewChange?.(v)
  }

  // --- checks and the save flow ---
  const checks = useApiRuleChecks(
    store,
    namespace,
    mode,
    mode === 'edit' ? (props.base ?? props.initial) : undefined,
  )
  const { version, validation } = checks
  const issues = useSyncExternalStore(
    validation.issueStore.subscribe,
    () => validation.issueStore.all,
  )
  const adapter = useMemo<SaveAdapter<Issue>>(
    () => ({
      mode,
      noun: 'APIRule',
      write: (obj, dryRun, onWarnings) =>
        (mode === 'create' ? createApiRule : replaceApiRule)(obj, namespace, dryRun, onWarnings),
      read: (name, apiVersion) => getApiRule(versionOfApiVersion(apiVersion), namespace, name),
      toRequest: (value, rv) => toRequestObject(value, namespace, rv),
      isConflict,
      refusalIssues: (err) =>
        err instanceof StatusError && !isLostAnswer(err) ? statusToIssues(err.status) : undefined,
      errorMessage: saveErrorMessage,
      // The version's own deprecation warning is already shown by the form.
      knownWarning: crdVersion(checks.crd, version)?.deprecationWarning,
      onSaved: (saved) => {
        if (draftKey) writeDraft(draftKey, null)
        onSaved?.(saved)
      },
    }),
    [mode, namespace, checks.crd, version, draftKey, onSaved],
  )
  const flow = useSaveFlow(
    store,
    () => {
      const obj = (props.base ??
        (typeof props.initial === 'object' ? props.initial : undefined)) as Obj | undefined
      return {
        text: obj ? toYaml(stripForEdit(obj)) : initialText(props.initial),
        object: obj ? stripForEdit(obj) : undefined,
      }
    },
    validation,
    adapter,
  )
  const { base, setAlert, setAnnounce } = flow

  // --- snapshots that change rarely (no re-render per keystroke) ---
  const readOnly = useSyncExternalStore(store.subscribe, () => store.error !== null)
  const dirty = useSyncExternalStore(store.subscribe, () => store.text !== base.text)
  const migratable = useSyncExternalStore(store.subscribe, () => needsMigration(store.value))
  const { onDirtyChange } = props
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])

  // The namespace picker (create from all namespaces) may change the namespace: the YAML follows.
  const shownNamespace = useRef(namespace)
  useEffect(() => {
    if (shownNamespace.current === namespace) return
    shownNamespace.current = namespace
    if (!store.error && getAt(store.value, ['metadata', 'namespace']) !== undefined)
      store.setField(['metadata', 'namespace'], namespace)
  }, [namespace, store])

  // A new APIRule starts at its name, so keyboard users need not Tab through the page to reach it
  // (the form loads lazily: wait a few frames for the field).
  const startView = useRef(view)
  useEffect(() => {
    if (mode !== 'create' || startView.current === 'yaml') return
    let tries = 0
    let frame = 0
    const focusName = () => {
      const el = document.getElementById(fieldId(['metadata', 'name']))
      if (el) el.focus()
      else if (tries++ < 120) frame = requestAnimationFrame(focusName)
    }
    focusName()
    return () => cancelAnimationFrame(frame)
  }, [mode])

  // --- drafts: written once typing pauses ---
  useEffect(() => {
    if (!draftKey) return
    return scheduleDrafts(store, (text) => writeDraft(draftKey, text !== base.text ? text : null))
  }, [store, draftKey, base.text])

  /** Characters in Monaco while its text is over the limit (the document waits), else 0. */
  const [oversizeChars, setOversizeChars] = useState(0)
  /** Refuses a paste that would make the document bigger than the cluster can store. */
  const refuseHugePaste = (e: ClipboardEvent) => {
    const pasted = e.clipboardData.getData('text/plain')
    if (!isTooBig(pasted)) return
    e.preventDefault()
    e.stopPropagation() // in the capture phase: the editor below never sees the text
    setAlert(tooBigMessage(reportedBytes(pasted), 'pasted text'))
  }

  const saveRef = useRef(flow.save)
  useEffect(() => {
    saveRef.current = flow.save
  })
  const onSaveShortcut = useCallback(() => void saveRef.current(), [])

  // --- migration ---
  const [migration, setMigration] = useState<MigrationProposal>()
  const openMigration = useCallback(() => {
    const result = migrateToV2(store.value)
    setMigration({ result, text: toYaml(result.object) })
  }, [store])
  const didOpenMigration = useRef(false)
  useEffect(() => {
    if (props.openMigration && !didOpenMigration.current && migratable) {
      didOpenMigration.current = true
      openMigration()
    }
  }, [props.openMigration, migratable, openMigration])

  /** A v1beta1-shaped object (spec.host) goes through the migration; anything else gets v2. */
  const convertUnserved = () => {
    if (store.error) return
    const v1beta1Shape = getAt(store.value, ['spec', 'host']) !== undefined
    store.setField(['apiVersion'], `${APIRULE_GROUP}/${v1beta1Shape ? 'v1beta1' : 'v2'}`)
    if (v1beta1Shape) openMigration()
  }

  const switchVersion = (v: string) => {
    const name = String(getAt(store.value, ['metadata', 'name']) ?? '')
    const svc = getAt(store.value, ['spec', 'service']) as { name?: string; port?: number }
    const prefill = { name, service: svc?.name, port: svc?.port }
    store.replaceText(toYaml(newApiRule(namespace, v === 'v1beta1' ? 'v1beta1' : 'v2', prefill)))
  }

  const ctx = useMemo<EditorContextValue>(
    () => ({ store, issues: validation.issueStore, readOnly, namespace, mode }),
    [store, validation.issueStore, readOnly, namespace, mode],
  )

  const blockedReason = oversizeChars
    ? `${mode === 'create' ? 'Create' : 'Save'} is disabled: the YAML is over ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB; make it smaller.`
    : saveBlockedReason(issues, mode)
  const form = version === 'v1beta1' ? <V1Beta1Form onMigrate={openMigration} /> : <V2Form />
  const yaml = (
    <Suspense fallback={<p role="status">Loading the YAML editor…</p>}>
      <YamlEditor
        store={store}
        issues={validation.issueStore}
        schema={checks.schema}
        snippets={RULE_SNIPPETS}
        onSave={onSaveShortcut}
        label="YAML"
        onOversize={setOversizeChars}
      />
    </Suspense>
  )

  return (
    <EditorContext value={ctx}>
      <div
        className="are-root"
        onPasteCapture={refuseHugePaste}
        onKeyDownCapture={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault()
            void flow.save()
          }
        }}
      >
        <EditorToolbar
          mode={mode}
          view={view}
          onView={setView}
          version={version}
          servedVersions={checks.servedVersions}
          onVersion={switchVersion}
          migratable={migratable}
          onMigrate={openMigration}
          onCancel={props.onCancel}
          flow={flow}
          canSave={mode === 'create' || dirty}
          blockedReason={blockedReason}
        />
        <EditorMessages
          mode={mode}
          flow={flow}
          blockedReason={blockedReason}
          bundledSchema={checks.bundledSchema}
          unservedVersion={checks.unservedVersion}
          onConvertUnserved={convertUnserved}
        />
        <div className={`are-body ${view === 'split' ? 'are-split' : ''}`}>
          {view !== 'yaml' ? form : null}
          {view !== 'form' ? yaml : null}
        </div>
        <ProblemsPanel
          issues={issues}
          hiddenErrors={validation.hiddenErrors}
          onServerCheck={flow.busy ? undefined : () => void flow.validateOnServer()}
          validating={validation.validating}
        />
      </div>
      <SaveDialogs flow={flow} currentText={() => store.text} noun="APIRule" />
      <MigrationDialog
        proposal={migration}
        currentText={store.text}
        onClose={() => setMigration(undefined)}
        onUse={(text) => {
          store.replaceText(text)
          setMigration(undefined)
          setAnnounce('Converted to v2 in the editor. Review and save to apply it.')
        }}
      />
    </EditorContext>
  )
}
