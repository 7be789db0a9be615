// The save flow of an edited Kubernetes object, whatever its kind: errors first, a diff to
// confirm (edit), the current resourceVersion when only the controller's status write moved it, a
// dry run whose warnings wait for OK, the write, and on a 409 a three-way merge
// of the user's changes onto the server's version (or a silent retry when only the controller's
// status write moved the resourceVersion). The kind's API calls come in as a `SaveAdapter`.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { EditorDocument } from '../document/EditorDocument.ts'
import type { EditorIssue } from '../document/issues.ts'
import { stripForEdit, toYaml } from '../document/objects.ts'
import { getAt } from '../document/structural.ts'
import type { EditorValidation } from '../useEditorValidation.ts'
import { threeWayMerge, type MergeResult } from './merge.ts'
import { statusOnlyChange } from './status-only.ts'

type Obj = Record<string, unknown>

export interface SaveAdapter<I extends EditorIssue> {
  mode: 'create' | 'edit'
  /** What the object is called in messages: "APIRule saved." */
  noun: string
  /** Writes the object (or dry-runs it); `onWarnings` receives the API server's Warning headers. */
  write(obj: Obj, dryRun: boolean, onWarnings: (warnings: string[]) => void): Promise<Obj>
  /** The stored object named `name`, read in the API version `apiVersion` names. */
  read(name: string, apiVersion: unknown): Promise<unknown>
  /** The request body for the document's value, written against `resourceVersion` (edit). */
  toRequest(value: unknown, resourceVersion: string | undefined): Obj
  isConflict(err: unknown): boolean
  /** The issues a refusal names (listed at their fields), or undefined for other errors. */
  refusalIssues(err: unknown): I[] | undefined
  errorMessage(err: unknown): string
  /** A warning the page already shows (a deprecated version's): it needs no confirmation. */
  knownWarning?: string
  /** The object was written (create or save), as the API server returned it. */
  onSaved?: (saved: Obj) => void
}

export type SaveDialog =
  | { kind: 'none' }
  | { kind: 'diff' }
  | { kind: 'conflict'; server: Obj; merge: MergeResult; serverText: string }

export interface ServerWarnings {
  texts: string[]
  /** The warnings came from the dry run before a write, which waits for "Save anyway". */
  onSave: boolean
}
const NO_WARNINGS: ServerWarnings = { texts: [], onSave: false }

export interface SaveOptions {
  confirmed?: boolean
  rv?: string
  acceptWarnings?: boolean
  retried?: boolean
}

/** The text and object the edit started from (or was last saved as). */
export interface SaveBase {
  text: string
  object: Obj | undefined
}

export function useSaveFlow<I extends EditorIssue>(
  store: EditorDocument,
  initialBase: () => SaveBase,
  validation: EditorValidation<I>,
  adapter: SaveAdapter<I>,
) {
  const { mode } = adapter
  const [base, setBase] = useState<SaveBase>(initialBase)
  const [busy, setBusy] = useState(false)
  const [alert, setAlert] = useState('')
  const [announce, setAnnounce] = useState('')
  const [dialog, setDialog] = useState<SaveDialog>({ kind: 'none' })
  const [serverWarnings, setServerWarnings] = useState<ServerWarnings>(NO_WARNINGS)
  const baseRv = String(getAt(base.object, ['metadata', 'resourceVersion']) ?? '')
  const { setServerIssues, revealAll } = validation
  const verb = mode === 'create' ? 'Create' : 'Save'

  // An answer of the server describes the text it was sent; the next edit makes it stale.
  // Whether there is anything to clear: a setState call, even one that keeps the state, may run
  // the whole editor component again (React bails out only when no update is pending), and this
  // listener runs on every keystroke.
  const stale = useRef({ alert: false, warnings: false })
  useEffect(() => {
    stale.current = { alert: alert !== '', warnings: serverWarnings.texts.length > 0 }
  }, [alert, serverWarnings])
  useEffect(
    () =>
      store.subscribe(() => {
        if (stale.current.alert) setAlert('')
        if (stale.current.warnings) setServerWarnings(NO_WARNINGS)
        stale.current = { alert: false, warnings: false }
      }),
    [store],
  )

  const failWith = useCallback(
    (err: unknown, what: string) => {
      // A refusal is listed once, in the problems (at its fields when it names them).
      const issues = adapter.refusalIssues(err)
      if (issues) {
        setServerIssues(issues)
        setAlert(`${what} failed: the API server refused it (see the problems below).`)
      } else setAlert(`${what} failed: ${adapter.errorMessage(err)}`)
    },
    [adapter, setServerIssues],
  )

  const request = (rv?: string) =>
    adapter.toRequest(store.value, mode === 'edit' ? (rv ?? baseRv) : undefined)

  /**
   * The resourceVersion to save against: the server's current one when only what the controller
   * writes (status, resourceVersion) changed since the edit started — the controller writes status
   * after every reconcile, so a save right after one would otherwise be refused with 409 (and the
   * browser logs it). A real concurrent change (or a failed read) keeps the edit's own version, so
   * the API server still answers 409 and the conflict dialog merges the changes.
   */
  async function currentRv(): Promise<string> {
    try {
      const name = String(getAt(store.value, ['metadata', 'name']) ?? '')
      const current = await adapter.read(name, getAt(base.object, ['apiVersion']))
      return statusOnlyChange(base.object, current) ?? baseRv
    } catch {
      return baseRv
    }
  }

  /** `retry` (once per save) resaves when only the controller's status write caused the 409. */
  async function onConflict(retry?: (rv: string) => Promise<void>) {
    try {
      const name = String(getAt(store.value, ['metadata', 'name']) ?? '')
      if (retry) {
        const current = await adapter.read(name, getAt(base.object, ['apiVersion']))
        const rv = statusOnlyChange(base.object, current)
        if (rv) return await retry(rv)
      }
      const server = stripForEdit(await adapter.read(name, getAt(store.value, ['apiVersion'])))
      const merge = threeWayMerge(base.object, store.value, server)
      setDialog({ kind: 'conflict', server, merge, serverText: toYaml(server) })
      setAlert(`Someone else changed this ${adapter.noun} since you opened it.`)
    } catch (err) {
      failWith(err, 'Loading the current version')
    }
  }

  const validateOnServer = async () => {
    if (store.error) return setAlert('The YAML does not parse; fix it first.')
    setBusy(true)
    setAlert('')
    const warnings: string[] = []
    try {
      await adapter.write(request(), true, (w) => warnings.push(...w))
      setServerIssues([])
      setAnnounce(
        `The API server accepts this ${adapter.noun} (dry run)${warnings.length ? ', with warnings' : ''}.`,
      )
    } catch (err) {
      if (adapter.isConflict(err)) await onConflict()
      else failWith(err, 'Server validation')
    } finally {
      setServerWarnings({ texts: warnings, onSave: false })
      setBusy(false)
    }
  }

  const save = async (opts: SaveOptions = {}): Promise<void> => {
    if (busy) return
    if (store.error)
      return setAlert(`The YAML does not parse (line ${store.error.line}); fix it before saving.`)
    if (validation.allIssues.some((i) => i.severity === 'error')) {
      revealAll()
      setDialog({ kind: 'none' })
      return setAlert(`${verb} is blocked: fix the errors listed below first.`)
    }
    if (mode === 'edit' && !opts.confirmed) return setDialog({ kind: 'diff' })
    setDialog({ kind: 'none' })
    setBusy(true)
    setAlert('')
    const warnings: string[] = []
    const collect = (w: string[]) => warnings.push(...w)
    try {
      const obj = request(opts.rv ?? (mode === 'edit' ? await currentRv() : undefined))
      await adapter.write(obj, true, collect)
      if (warnings.some((w) => w !== adapter.knownWarning) && !opts.acceptWarnings) {
        // Every warning is the user's to see before the write happens (e.g. a deprecated version).
        setServerWarnings({ texts: warnings, onSave: true })
        return
      }
      const saved = await adapter.write(obj, false, collect)
      setBase({ text: store.text, object: stripForEdit(saved) })
      setAnnounce(`${adapter.noun} ${mode === 'create' ? 'created' : 'saved'}.`)
      adapter.onSaved?.(saved)
      setServerWarnings({ texts: warnings, onSave: false })
    } catch (err) {
      setServerWarnings({ texts: warnings, onSave: false })
      if (adapter.isConflict(err))
        await onConflict(
          opts.retried ? undefined : (rv) => save({ ...opts, confirmed: true, rv, retried: true }),
        )
      else failWith(err, verb)
    } finally {
      setBusy(false)
    }
  }

  /** Conflict dialog: takes the server's version and re-applies the user's changes onto it. */
  const reapply = (d: Extract<SaveDialog, { kind: 'conflict' }>) => {
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

  return {
    base,
    busy,
    alert,
    setAlert,
    announce,
    setAnnounce,
    dialog,
    setDialog,
    serverWarnings,
    save,
    validateOnServer,
    reapply,
  }
}

export type SaveFlow = ReturnType<typeof useSaveFlow>
