// The reusable APIRule editor: one EditorDocument shown as a form, as YAML (Monaco, lazy), or
// both; validation in three layers; dry run, diff and conflict handling on save.
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
import {
  Button,
  CheckBox,
  Dialog,
  MessageStrip,
  Option,
  Select,
  Label,
  Bar,
  Title,
} from '@ui5/webcomponents-react'
import { EditorDocument } from './document/EditorDocument.ts'
import { getAt } from './document/structural.ts'
import { EditorContext, type EditorContextValue } from './form/context.ts'
import { useEditorValidation } from './useEditorValidation.ts'
import { ProblemsPanel, saveBlockedReason } from './ProblemsPanel.tsx'
import { V2Form } from './form/V2Form.tsx'
import { V1Beta1Form } from './form/V1Beta1Form.tsx'
import { DiffView } from './save/DiffView.tsx'
import { threeWayMerge, type MergeResult } from './save/merge.ts'
import { statusOnlyChange } from './save/status-only.ts'
import {
  createApiRule,
  errorMessage,
  getApiRule,
  isConflict,
  replaceApiRule,
  toRequestObject,
} from './save/persist.ts'
import { migrateToV2, needsMigration, type MigrationResult } from './migration/migrate.ts'
import { newApiRule, stripForEdit, toYaml, versionOfApiVersion } from './templates.ts'
import {
  rememberedView,
  rememberView,
  scheduleDrafts,
  writeDraft,
  type EditorView,
} from './draft.ts'
import {
  useApiRuleCrd,
  useGateways,
  useOtherApiRules,
  useServedVersions,
  useServices,
} from './api.ts'
import { StatusError } from '../api/client.ts'
import { apiRuleJsonSchema, crdVersion } from '../resources/apirules/validation/schema.ts'
import { statusToIssues } from '../resources/apirules/validation/server.ts'
import { formatPath } from '../resources/apirules/validation/paths.ts'
import type { Issue, ValidationContext } from '../resources/apirules/validation/types.ts'
import { APIRULE_GROUP } from '../resources/apirules/types.ts'
import { isTooBig, MAX_DOCUMENT_BYTES, reportedBytes, tooBigMessage } from './limits.ts'
import './editor.css'

const YamlEditor = lazy(() => import('./monaco/YamlEditor.tsx'))

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

type ServerWarnings = { texts: string[]; onSave: boolean }
const NO_WARNINGS: ServerWarnings = { texts: [], onSave: false }

type Dialogs =
  | { kind: 'none' }
  | { kind: 'diff' }
  | { kind: 'conflict'; server: Obj; merge: MergeResult; serverText: string }
  | { kind: 'migrate'; result: MigrationResult; text: string }

export function ApiRuleEditor(props: ApiRuleEditorProps) {
  const { namespace, mode } = props
  const [store] = useState(() => new EditorDocument(initialText(props.initial)))
  const [base, setBase] = useState<{ text: string; object: Obj | undefined }>(() => {
    const obj = (props.base ?? (typeof props.initial === 'object' ? props.initial : undefined)) as
      Obj | undefined
    return {
      text: obj ? toYaml(stripForEdit(obj)) : initialText(props.initial),
      object: obj ? stripForEdit(obj) : undefined,
    }
  })
  const baseRv = String(getAt(base.object, ['metadata', 'resourceVersion']) ?? '')

  // --- view ---
  const [ownView, setOwnView] = useState<EditorView>(() => props.view ?? rememberedView())
  const view = props.view ?? ownView
  const setView = (v: EditorView) => {
    rememberView(v)
    setOwnView(v)
    props.onViewChange?.(v)
  }

  // --- snapshots that change rarely (no re-render per keystroke) ---
  const readOnly = useSyncExternalStore(store.subscribe, () => store.error !== null)
  const dirty = useSyncExternalStore(store.subscribe, () => store.text !== base.text)
  const version = useSyncExternalStore(store.subscribe, () =>
    versionOfApiVersion(getAt(store.value, ['apiVersion'])),
  )
  const migratable = useSyncExternalStore(store.subscribe, () => needsMigration(store.value))

  const { onDirtyChange } = props
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange])

  // --- cluster context for validation ---
  const crdQuery = useApiRuleCrd()
  const crd = crdQuery.data?.crd
  const services = useServices(namespace)
  const gateways = useGateways()
  const others = useOtherApiRules()
  const served = useServedVersions(crd)
  const vctx = useMemo<ValidationContext>(
    () => ({
      crd,
      namespace,
      creating: mode === 'create',
      services: services.data?.items.map((s) => ({
        name: s.metadata.name ?? '',
        namespace,
        ports: (s.spec?.ports ?? []).map((p) => p.port),
      })),
      gateways: gateways.data?.items.map((g) => ({
        namespace: g.metadata.namespace ?? '',
        name: g.metadata.name ?? '',
        hosts: (g.spec?.servers ?? [])
          .flatMap((s) => s.hosts ?? [])
          .map((h) => (h.includes('/') ? h.slice(h.indexOf('/') + 1) : h)),
      })),
      apiRules: others.data?.items.map((r) => ({
        namespace: r.metadata.namespace ?? '',
        name: r.metadata.name ?? '',
        hosts: r.spec?.hosts ?? [],
      })),
    }),
    [crd, namespace, mode, services.data, gateways.data, others.data],
  )
  const schema = useMemo(() => (crd ? apiRuleJsonSchema(crd, version) : undefined), [crd, version])

  // The namespace picker (create from all namespaces) may change the namespace: the YAML follows.
  const shownNamespace = useRef(namespace)
  useEffect(() => {
    if (shownNamespace.current === namespace) return
    shownNamespace.current = namespace
    if (!store.error && getAt(store.value, ['metadata', 'namespace']) !== undefined)
      store.setField(['metadata', 'namespace'], namespace)
  }, [namespace, store])

  // A version the cluster does not serve (e.g. v1alpha1) cannot be written: say so, offer v2.
  const apiVersion = useSyncExternalStore(store.subscribe, () => {
    const v = getAt(store.value, ['apiVersion'])
    return typeof v === 'string' ? v : ''
  })
  const unservedVersion = useMemo(() => {
    const [group, v] = apiVersion.split('/')
    if (group !== APIRULE_GROUP || !v || !served.data || served.data.includes(v)) return undefined
    return v
  }, [apiVersion, served.data])
  const versionIssues = useMemo<Issue[]>(
    () =>
      unservedVersion
        ? [
            {
              path: ['apiVersion'],
              message: `The cluster does not serve APIRule version ${unservedVersion} (it serves ${(served.data ?? []).join(', ')})`,
              severity: 'error',
              source: 'cluster',
            },
          ]
        : [],
    [unservedVersion, served.data],
  )

  // --- validation: off the keystroke path; a blank Create form shows issues as fields are touched ---
  const validation = useEditorValidation(store, version, vctx, mode === 'edit', versionIssues)
  const { issueStore, setServerIssues, revealAll } = validation
  const issues = useSyncExternalStore(issueStore.subscribe, () => issueStore.all)

  // --- drafts ---
  const { draftKey } = props
  useEffect(() => {
    if (!draftKey) return
    return scheduleDrafts(store, (text) => writeDraft(draftKey, text !== base.text ? text : null))
  }, [store, draftKey, base.text])

  // --- announcements ---
  const [announce, setAnnounce] = useState('')
  const [alert, setAlert] = useState('')
  const [busy, setBusy] = useState(false)
  const [dialog, setDialog] = useState<Dialogs>({ kind: 'none' })
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
  /** The API server's `Warning` headers of the last dry run or save (which then waits for OK). */
  const [serverWarnings, setServerWarnings] = useState<ServerWarnings>(NO_WARNINGS)
  // An answer of the server describes the text it was sent; the next edit makes it stale.
  useEffect(
    () =>
      store.subscribe(() => {
        // Functional updates that keep the state when it is already empty: no re-render of the
        // whole editor on every keystroke (it matters at thousands of rules).
        setAlert('')
        setServerWarnings((w) => (w.texts.length ? NO_WARNINGS : w))
      }),
    [store],
  )

  const requestObject = useCallback(
    (rv?: string) =>
      toRequestObject(store.value, namespace, mode === 'edit' ? (rv ?? baseRv) : undefined),
    [store, namespace, mode, baseRv],
  )

  const failWith = useCallback(
    (err: unknown, what: string) => {
      // A Status is listed once, in the problems below (at its fields when it names them).
      if (err instanceof StatusError) {
        setServerIssues(statusToIssues(err.status))
        setAlert(`${what} failed: the API server refused it (see the problems below).`)
      } else setAlert(`${what} failed: ${errorMessage(err)}`)
    },
    [setServerIssues],
  )

  const validateOnServer = async () => {
    if (store.error) return setAlert('The YAML does not parse; fix it first.')
    setBusy(true)
    setAlert('')
    const warnings: string[] = []
    const collect = (w: string[]) => warnings.push(...w)
    try {
      const obj = requestObject()
      if (mode === 'create') await createApiRule(obj, namespace, true, collect)
      else await replaceApiRule(obj, namespace, true, collect)
      setServerIssues([])
      setAnnounce(
        warnings.length
          ? 'The API server accepts this APIRule (dry run), with warnings.'
          : 'The API server accepts this APIRule (dry run).',
      )
    } catch (err) {
      if (isConflict(err)) await onConflict()
      else failWith(err, 'Server validation')
    } finally {
      setServerWarnings({ texts: warnings, onSave: false })
      setBusy(false)
    }
  }

  const finishSave = (saved: Obj) => {
    if (draftKey) writeDraft(draftKey, null)
    const stripped = stripForEdit(saved)
    setBase({ text: store.text, object: stripped })
    setAnnounce(mode === 'create' ? 'APIRule created.' : 'APIRule saved.')
    props.onSaved?.(saved)
  }

  /** `retry` (once per save) resaves when only the controller's status write caused the 409. */
  async function onConflict(retry?: (rv: string) => Promise<void>) {
    try {
      const name = String(getAt(store.value, ['metadata', 'name']) ?? '')
      if (retry) {
        const baseVersion = versionOfApiVersion(getAt(base.object, ['apiVersion']))
        const rv = statusOnlyChange(base.object, await getApiRule(baseVersion, namespace, name))
        if (rv) return await retry(rv)
      }
      const server = stripForEdit(await getApiRule(version, namespace, name))
      const merge = threeWayMerge(base.object, store.value, server)
      setDialog({ kind: 'conflict', server, merge, serverText: toYaml(server) })
      setAlert('Someone else changed this APIRule since you opened it.')
    } catch (err) {
      failWith(err, 'Loading the current version')
    }
  }

  const save = async (
    opts: { confirmed?: boolean; rv?: string; acceptWarnings?: boolean; retried?: boolean } = {},
  ) => {
    if (busy) return
    if (store.error)
      return setAlert(`The YAML does not parse (line ${store.error.line}); fix it before saving.`)
    if (validation.allIssues.some((i) => i.severity === 'error')) {
      revealAll()
      setDialog({ kind: 'none' })
      return setAlert(
        `${mode === 'create' ? 'Create' : 'Save'} is blocked: fix the errors listed below first.`,
      )
    }
    if (mode === 'edit' && !opts.confirmed) return setDialog({ kind: 'diff' })
    setDialog({ kind: 'none' })
    setBusy(true)
    setAlert('')
    const warnings: string[] = []
    const collect = (w: string[]) => warnings.push(...w)
    try {
      const obj = requestObject(opts.rv)
      const write = mode === 'create' ? createApiRule : replaceApiRule
      await write(obj, namespace, true, collect)
      // The version's own deprecation warning is already shown by the form; any other waits for OK.
      const known = crdVersion(crd, version)?.deprecationWarning
      if (warnings.some((w) => w !== known) && !opts.acceptWarnings) {
        // Every warning is the user's to see before the write happens (e.g. a deprecated version).
        setServerWarnings({ texts: warnings, onSave: true })
        return
      }
      finishSave(await write(obj, namespace, false, collect))
      setServerWarnings({ texts: warnings, onSave: false })
    } catch (err) {
      setServerWarnings({ texts: warnings, onSave: false })
      if (isConflict(err))
        await onConflict(
          opts.retried ? undefined : (rv) => save({ ...opts, confirmed: true, rv, retried: true }),
        )
      else failWith(err, mode === 'create' ? 'Create' : 'Save')
    } finally {
      setBusy(false)
    }
  }
  const saveRef = useRef(save)
  useEffect(() => {
    saveRef.current = save
  })
  const onSaveShortcut = useCallback(() => void saveRef.current(), [])

  const reapply = (d: Extract<Dialogs, { kind: 'conflict' }>) => {
    store.update((doc) => {
      for (const c of d.merge.theirs) {
        if (c.value === undefined) {
          if (doc.hasIn(c.path)) doc.deleteIn(c.path)
        } else doc.setIn(c.path, doc.createNode(c.value))
      }
    })
    setBase({ text: d.serverText, object: d.server })
    setDialog({ kind: 'none' })
    setAlert('')
    setAnnounce(
      d.merge.conflicts.length
        ? `Reloaded. Your values were kept on ${d.merge.conflicts.length} conflicting field(s); review and save again.`
        : 'Reloaded the current version and re-applied your changes. Review and save again.',
    )
  }

  const [confirmDrop, setConfirmDrop] = useState(false)
  const openMigration = useCallback(() => {
    const result = migrateToV2(store.value)
    setConfirmDrop(false)
    setDialog({ kind: 'migrate', result, text: toYaml(result.object) })
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
    const cur = store.value as Obj
    const name = String(getAt(cur, ['metadata', 'name']) ?? '')
    const svc = getAt(cur, ['spec', 'service']) as { name?: string; port?: number } | undefined
    store.replaceText(
      toYaml(
        newApiRule(namespace, v === 'v1beta1' ? 'v1beta1' : 'v2', {
          name,
          service: svc?.name,
          port: svc?.port,
        }),
      ),
    )
  }

  const ctx = useMemo<EditorContextValue>(
    () => ({ store, issues: issueStore, readOnly, namespace, mode }),
    [store, issueStore, readOnly, namespace, mode],
  )

  const blockedReason = oversizeChars
    ? `${mode === 'create' ? 'Create' : 'Save'} is disabled: the YAML is over ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MiB; make it smaller.`
    : saveBlockedReason(issues, mode)
  const form = version === 'v1beta1' ? <V1Beta1Form onMigrate={openMigration} /> : <V2Form />
  const yaml = (
    <Suspense fallback={<p role="status">Loading the YAML editor…</p>}>
      <YamlEditor
        store={store}
        issues={issueStore}
        schema={schema}
        onSave={onSaveShortcut}
        label="YAML"
        onOversize={setOversizeChars}
      />
    </Suspense>
  )
  const servedOptions = (served.data ?? ['v2']).filter((v) => v === 'v2' || v === 'v1beta1')

  return (
    <EditorContext value={ctx}>
      <div
        className="are-root"
        onPasteCapture={refuseHugePaste}
        onKeyDownCapture={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault()
            void save()
          }
        }}
      >
        <div className="are-toolbar" role="toolbar" aria-label="Editor">
          <Button
            design={view === 'form' ? 'Emphasized' : 'Default'}
            onClick={() => setView('form')}
            tooltip="Show the form"
          >
            Form
          </Button>
          <Button
            design={view === 'yaml' ? 'Emphasized' : 'Default'}
            onClick={() => setView('yaml')}
            tooltip="Show the YAML"
          >
            YAML
          </Button>
          <Button
            design={view === 'split' ? 'Emphasized' : 'Default'}
            onClick={() => setView('split')}
            tooltip="Show form and YAML side by side"
          >
            Split
          </Button>
          {mode === 'create' && servedOptions.length > 1 ? (
            <>
              <Label for="are-version" showColon>
                API version
              </Label>
              <Select
                id="are-version"
                value={version}
                onChange={(e) =>
                  switchVersion(e.detail.selectedOption?.getAttribute('value') ?? 'v2')
                }
              >
                {servedOptions.map((v) => (
                  <Option key={v} value={v}>
                    {v === 'v1beta1' ? 'v1beta1 (deprecated)' : v}
                  </Option>
                ))}
              </Select>
            </>
          ) : null}
          <span className="are-spacer" />
          {migratable ? <Button onClick={openMigration}>Migrate to v2</Button> : null}
          <Button onClick={() => void validateOnServer()} disabled={busy}>
            Validate on server
          </Button>
          {props.onCancel ? (
            <Button design="Transparent" onClick={props.onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button
            design="Emphasized"
            onClick={() => void save()}
            disabled={busy || (mode === 'edit' && !dirty) || blockedReason !== undefined}
            tooltip={blockedReason}
            accessibleDescription={blockedReason}
          >
            {mode === 'create' ? 'Create' : 'Save'}
          </Button>
        </div>
        {blockedReason ? (
          <p className="are-blocked" id="are-save-blocked">
            {blockedReason}
          </p>
        ) : null}
        {crdQuery.data?.source === 'bundled' ? (
          <MessageStrip design="Information" hideCloseButton>
            The cluster's APIRule schema could not be read; checking against the bundled schema.
          </MessageStrip>
        ) : null}
        <div role="alert" aria-live="assertive">
          {alert ? (
            <MessageStrip design="Negative" onClose={() => setAlert('')}>
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
            {serverWarnings.onSave && !busy ? (
              <Button
                design="Transparent"
                onClick={() => void save({ confirmed: true, acceptWarnings: true })}
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
          <MessageStrip design="Positive" onClose={() => setAnnounce('')}>
            {announce}
          </MessageStrip>
        ) : null}
        {unservedVersion ? (
          <MessageStrip design="Negative" hideCloseButton>
            {`This cluster does not serve APIRule ${unservedVersion}; it cannot be created or saved in that version. `}
            <Button design="Transparent" onClick={convertUnserved}>
              Convert to v2
            </Button>
          </MessageStrip>
        ) : null}
        <div className={`are-body ${view === 'split' ? 'are-split' : ''}`}>
          {view !== 'yaml' ? form : null}
          {view !== 'form' ? yaml : null}
        </div>
        <ProblemsPanel issues={issues} hiddenErrors={validation.hiddenErrors} />
      </div>

      <Dialog
        open={dialog.kind === 'diff'}
        headerText="Review your changes"
        onClose={() => setDialog({ kind: 'none' })}
        footer={
          <Bar
            design="Footer"
            endContent={
              <>
                <Button design="Emphasized" onClick={() => void save({ confirmed: true })}>
                  Save
                </Button>
                <Button onClick={() => setDialog({ kind: 'none' })}>Cancel</Button>
              </>
            }
          />
        }
      >
        {dialog.kind === 'diff' ? (
          <DiffView before={base.text} after={store.text} label="Changes to save" />
        ) : null}
      </Dialog>

      <Dialog
        open={dialog.kind === 'conflict'}
        headerText="This APIRule was changed on the server"
        onClose={() => setDialog({ kind: 'none' })}
        footer={
          dialog.kind === 'conflict' ? (
            <Bar
              design="Footer"
              endContent={
                <>
                  <Button design="Emphasized" onClick={() => reapply(dialog)}>
                    Reload and re-apply my changes
                  </Button>
                  <Button
                    design="Negative"
                    onClick={() =>
                      void save({
                        confirmed: true,
                        rv: String(getAt(dialog.server, ['metadata', 'resourceVersion']) ?? ''),
                      })
                    }
                  >
                    Overwrite
                  </Button>
                  <Button onClick={() => setDialog({ kind: 'none' })}>Cancel</Button>
                </>
              }
            />
          ) : undefined
        }
      >
        {dialog.kind === 'conflict' ? (
          <>
            <Title level="H6">Changed on the server since you started</Title>
            <DiffView before={base.text} after={dialog.serverText} label="Server changes" />
            {dialog.merge.conflicts.length ? (
              <MessageStrip design="Critical" hideCloseButton>
                {`Both you and the server changed: ${dialog.merge.conflicts.map((c) => formatPath(c.path)).join(', ')}. Re-applying keeps your values there.`}
              </MessageStrip>
            ) : (
              <MessageStrip design="Positive" hideCloseButton>
                Your changes and the server's touch different fields; they can be combined
                automatically.
              </MessageStrip>
            )}
          </>
        ) : null}
      </Dialog>

      <Dialog
        open={dialog.kind === 'migrate'}
        headerText="Migrate to APIRule v2"
        onClose={() => setDialog({ kind: 'none' })}
        footer={
          dialog.kind === 'migrate' ? (
            <Bar
              design="Footer"
              endContent={
                <>
                  <Button
                    design="Emphasized"
                    disabled={dialog.result.dropped.length > 0 && !confirmDrop}
                    tooltip={
                      dialog.result.dropped.length > 0 && !confirmDrop
                        ? 'First confirm that the routes listed above are removed.'
                        : undefined
                    }
                    onClick={() => {
                      store.replaceText(dialog.text)
                      setDialog({ kind: 'none' })
                      setAnnounce('Converted to v2 in the editor. Review and save to apply it.')
                    }}
                  >
                    Use the v2 version
                  </Button>
                  <Button onClick={() => setDialog({ kind: 'none' })}>Cancel</Button>
                </>
              }
            />
          ) : undefined
        }
      >
        {dialog.kind === 'migrate' ? (
          <>
            {dialog.result.dropped.length ? (
              <section aria-label="Routes that cannot be converted" className="are-dropped">
                <MessageStrip design="Negative" hideCloseButton>
                  {`${dialog.result.dropped.length === 1 ? 'This route' : `These ${dialog.result.dropped.length} routes`} cannot be converted and will be removed: after saving, requests to ${dialog.result.dropped.length === 1 ? 'it' : 'them'} are no longer routed.`}
                </MessageStrip>
                <ul>
                  {dialog.result.dropped.map((d) => (
                    <li key={d.rule}>
                      {`Rule ${d.rule}: ${d.path} ${d.methods.join(', ')} — removed (${d.why})`}
                    </li>
                  ))}
                </ul>
                <CheckBox
                  text={`Remove ${dialog.result.dropped.length === 1 ? 'this route' : 'these routes'}`}
                  checked={confirmDrop}
                  onChange={(e) => setConfirmDrop(e.target.checked)}
                />
              </section>
            ) : null}
            {dialog.result.problems.length ? (
              <MessageStrip design="Critical" hideCloseButton>
                <ul>
                  {dialog.result.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              </MessageStrip>
            ) : (
              <MessageStrip design="Positive" hideCloseButton>
                Everything converted.
              </MessageStrip>
            )}
            {dialog.result.notes.length ? (
              <MessageStrip design="Information" hideCloseButton>
                <ul>
                  {dialog.result.notes.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              </MessageStrip>
            ) : null}
            <DiffView before={store.text} after={dialog.text} label="Migration result" />
          </>
        ) : null}
      </Dialog>
    </EditorContext>
  )
}
