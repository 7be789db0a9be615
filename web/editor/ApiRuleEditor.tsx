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
} from 'react'
import {
  Button,
  Dialog,
  MessageStrip,
  Option,
  Select,
  Label,
  Bar,
  Title,
} from '@ui5/webcomponents-react'
import { EditorDocument } from './document/EditorDocument.ts'
import { IssueStore } from './document/IssueStore.ts'
import { getAt } from './document/structural.ts'
import { EditorContext, fieldId, type EditorContextValue } from './form/context.ts'
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
import { rememberedView, rememberView, writeDraft, type EditorView } from './draft.ts'
import {
  useApiRuleCrd,
  useGateways,
  useOtherApiRules,
  useServedVersions,
  useServices,
} from './api.ts'
import { StatusError } from '../api/client.ts'
import { validateApiRule } from '../resources/apirules/validation/validate.ts'
import { apiRuleJsonSchema } from '../resources/apirules/validation/schema.ts'
import { statusToIssues } from '../resources/apirules/validation/server.ts'
import { formatPath } from '../resources/apirules/validation/paths.ts'
import type { Issue, ValidationContext } from '../resources/apirules/validation/types.ts'
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

type Dialogs =
  | { kind: 'none' }
  | { kind: 'diff' }
  | { kind: 'conflict'; server: Obj; merge: MergeResult; serverText: string }
  | { kind: 'migrate'; result: MigrationResult; text: string }

export function ApiRuleEditor(props: ApiRuleEditorProps) {
  const { namespace, mode } = props
  const [store] = useState(() => new EditorDocument(initialText(props.initial)))
  const [issueStore] = useState(() => new IssueStore())
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
    [crd, namespace, services.data, gateways.data, others.data],
  )
  const schema = useMemo(() => (crd ? apiRuleJsonSchema(crd, version) : undefined), [crd, version])

  // --- validation: client issues on every change (coalesced), server issues until the next edit ---
  const serverIssues = useRef<Issue[]>([])
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      timer = undefined
      issueStore.set([...serverIssues.current, ...validateApiRule(store.value, version, vctx)])
    }
    run()
    const off = store.subscribe(() => {
      serverIssues.current = [] // they described an older text
      timer ??= setTimeout(run, 30)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [store, issueStore, vctx, version])
  const issues = useSyncExternalStore(issueStore.subscribe, () => issueStore.all)
  const showServerIssues = (list: Issue[]) => {
    serverIssues.current = list
    issueStore.set([...list, ...validateApiRule(store.value, version, vctx)])
  }

  // --- drafts ---
  const { draftKey } = props
  useEffect(() => {
    if (!draftKey) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = store.subscribe(() => {
      clearTimeout(timer)
      timer = setTimeout(
        () => writeDraft(draftKey, store.text !== base.text ? store.text : null),
        250,
      )
    })
    return () => {
      off()
      clearTimeout(timer)
    }
  }, [store, draftKey, base.text])

  // --- announcements ---
  const [announce, setAnnounce] = useState('')
  const [alert, setAlert] = useState('')
  const [busy, setBusy] = useState(false)
  const [dialog, setDialog] = useState<Dialogs>({ kind: 'none' })

  const requestObject = useCallback(
    (rv?: string) =>
      toRequestObject(store.value, namespace, mode === 'edit' ? (rv ?? baseRv) : undefined),
    [store, namespace, mode, baseRv],
  )

  const failWith = useCallback(
    (err: unknown, what: string) => {
      if (err instanceof StatusError) showServerIssues(statusToIssues(err.status))
      setAlert(`${what} failed: ${errorMessage(err)}`)
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- showServerIssues reads refs and stable stores
    [version, vctx],
  )

  const validateOnServer = async () => {
    if (store.error) return setAlert('The YAML does not parse; fix it first.')
    setBusy(true)
    setAlert('')
    try {
      const obj = requestObject()
      if (mode === 'create') await createApiRule(obj, namespace, true)
      else await replaceApiRule(obj, namespace, true)
      showServerIssues([])
      setAnnounce('The API server accepts this APIRule (dry run).')
    } catch (err) {
      if (isConflict(err)) await onConflict()
      else failWith(err, 'Server validation')
    } finally {
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

  const save = async (opts: { confirmed?: boolean; rv?: string; retried?: boolean } = {}) => {
    if (busy) return
    if (store.error)
      return setAlert(`The YAML does not parse (line ${store.error.line}); fix it before saving.`)
    if (mode === 'edit' && !opts.confirmed) return setDialog({ kind: 'diff' })
    setDialog({ kind: 'none' })
    setBusy(true)
    setAlert('')
    try {
      const obj = requestObject(opts.rv)
      if (mode === 'create') {
        await createApiRule(obj, namespace, true)
        finishSave(await createApiRule(obj, namespace, false))
      } else {
        await replaceApiRule(obj, namespace, true)
        finishSave(await replaceApiRule(obj, namespace, false))
      }
    } catch (err) {
      if (isConflict(err))
        await onConflict(
          opts.retried ? undefined : (rv) => save({ confirmed: true, rv, retried: true }),
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

  const openMigration = useCallback(() => {
    const result = migrateToV2(store.value)
    setDialog({ kind: 'migrate', result, text: toYaml(result.object) })
  }, [store])
  const didOpenMigration = useRef(false)
  useEffect(() => {
    if (props.openMigration && !didOpenMigration.current && migratable) {
      didOpenMigration.current = true
      openMigration()
    }
  }, [props.openMigration, migratable, openMigration])

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

  const errors = issues.filter((i) => i.severity === 'error')
  const warnings = issues.filter((i) => i.severity === 'warning')
  const form = version === 'v1beta1' ? <V1Beta1Form onMigrate={openMigration} /> : <V2Form />
  const yaml = (
    <Suspense fallback={<p role="status">Loading the YAML editor…</p>}>
      <YamlEditor
        store={store}
        issues={issueStore}
        schema={schema}
        onSave={onSaveShortcut}
        label="YAML"
      />
    </Suspense>
  )
  const servedOptions = (served.data ?? ['v2']).filter((v) => v === 'v2' || v === 'v1beta1')

  return (
    <EditorContext value={ctx}>
      <div
        className="are-root"
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
            disabled={busy || (mode === 'edit' && !dirty)}
          >
            {mode === 'create' ? 'Create' : 'Save'}
          </Button>
        </div>
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
        <div role="status" aria-live="polite" className="are-sr">
          {announce}
        </div>
        {announce ? (
          <MessageStrip design="Positive" onClose={() => setAnnounce('')}>
            {announce}
          </MessageStrip>
        ) : null}
        <div className={`are-body ${view === 'split' ? 'are-split' : ''}`}>
          {view !== 'yaml' ? form : null}
          {view !== 'form' ? yaml : null}
        </div>
        <section aria-label="Validation">
          <p role="status" aria-live="polite">
            {errors.length || warnings.length
              ? `${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`
              : 'No problems found'}
          </p>
          {issues.length ? (
            <ul className="are-issues">
              {issues.map((i, k) => (
                <li key={k} className={i.severity === 'error' ? 'are-error' : 'are-warning'}>
                  <button
                    type="button"
                    onClick={() => document.getElementById(fieldId(i.path))?.focus()}
                  >
                    {`${i.severity === 'error' ? 'Error' : 'Warning'} (${i.source}) ${formatPath(i.path) || '(object)'}: ${i.message}`}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
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
