// The editor's validation loop: client issues after the edits pause (off the keystroke path),
// server issues until the next edit, the parse error as an issue, and which issues to show.
// A blank Create form is not a wall of red: an error shows once its field differs from the start
// (typed in the form or the YAML), or once the user tried to save (`revealAll`). Edits of a stored
// rule show everything from the start.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { EditorDocument } from './document/EditorDocument.ts'
import { IssueStore } from './document/IssueStore.ts'
import { deepEqual, getAt } from './document/structural.ts'
import { formatPath, type EditorIssue as Issue } from './document/issues.ts'

/**
 * Validates a document value off the keystroke path (after a pause, maybe in a worker) and calls
 * `done` with the issues, unless the returned cancel function is called first (the next edit).
 */
export type BackgroundValidator<I extends Issue> = (
  value: unknown,
  textLength: number,
  done: (issues: I[]) => void,
) => () => void

/** The parse error as an issue, so the problems summary counts it. */
export function parseIssue(store: EditorDocument): Issue | undefined {
  const e = store.error
  if (!e) return undefined
  return {
    path: [],
    message: `The YAML does not parse (line ${e.line}, column ${e.col}): ${e.message}`,
    severity: 'error',
    source: 'yaml',
  }
}

const NONE: readonly never[] = []

export interface EditorValidation<I extends Issue> {
  /** The issues to show (the store the form fields and Monaco read). */
  issueStore: IssueStore<I>
  /** Every issue known, shown or not. */
  allIssues: readonly I[]
  /** Errors known but not shown yet (untouched fields of a new rule). */
  hiddenErrors: number
  /** Shows every issue from now on (the user tried to save). */
  revealAll: () => void
  /** Issues from the API server's last answer; cleared by the next edit. */
  setServerIssues: (issues: I[]) => void
  /**
   * A validation run has been going on for a noticeable time (a large paste): the issues shown are
   * those of an older text, so the summary says "Validating…" rather than what they said.
   */
  validating: boolean
}

/** A run shorter than this never shows "Validating…", so typing does not make the summary flicker. */
const VALIDATING_AFTER_MS = 250

export function useEditorValidation<I extends Issue>(
  store: EditorDocument,
  /** A new function (e.g. another version or cluster context) validates the document again. */
  validate: BackgroundValidator<I>,
  showAllFromStart: boolean,
  /** Issues the page knows of itself (e.g. a version the cluster does not serve). */
  extraIssues: readonly I[] = NONE,
): EditorValidation<I> {
  const [issueStore] = useState(() => new IssueStore<I>())
  const [initialValue] = useState(() => store.value)
  const [all, setAll] = useState<readonly I[]>([])
  const [validating, setValidating] = useState(false)
  const client = useRef<I[]>([])
  const server = useRef<I[]>([])
  const showAll = useRef(showAllFromStart)
  /** formatPath keys of issues once shown: they stay shown. */
  const revealed = useRef(new Set<string>())

  const publish = useCallback(() => {
    // The parse error joins the domain's issues (whose `source` must allow 'yaml').
    const parse = parseIssue(store) as I | undefined
    const issues = [...(parse ? [parse] : []), ...extraIssues, ...server.current, ...client.current]
    const visible = issues.filter((i) => {
      if (showAll.current || i.severity === 'warning') return true
      if (i.source === 'server' || i.source === 'yaml') return true
      const key = formatPath(i.path)
      if (revealed.current.has(key)) return true
      if (getAt(store.value, i.path) !== getAt(initialValue, i.path)) {
        revealed.current.add(key)
        return true
      }
      return false
    })
    // The same issues again (most validation runs after a keystroke): no re-render of the editor.
    setAll((prev) => (deepEqual(prev, issues) ? prev : issues))
    issueStore.set(visible)
  }, [store, issueStore, initialValue, extraIssues])

  useEffect(() => {
    let cancelled = false
    let cancel: (() => void) | undefined
    let slow: ReturnType<typeof setTimeout> | undefined
    const run = () => {
      cancel?.()
      clearTimeout(slow)
      slow = setTimeout(() => setValidating(true), VALIDATING_AFTER_MS)
      const value = store.value
      cancel = validate(value, store.text.length, (issues) => {
        if (cancelled) return
        clearTimeout(slow)
        setValidating(false)
        client.current = issues
        publish()
      })
    }
    run()
    const off = store.subscribe(() => {
      if (server.current.length) server.current = [] // they described an older text
      if (store.error)
        publish() // the parse error shows at once; the last issues stay
      else run()
    })
    return () => {
      cancelled = true
      clearTimeout(slow)
      cancel?.()
      off()
    }
  }, [store, validate, publish])

  const revealAll = useCallback(() => {
    showAll.current = true
    publish()
  }, [publish])

  const setServerIssues = useCallback(
    (issues: I[]) => {
      server.current = issues
      publish()
    },
    [publish],
  )

  const visible = useSyncExternalStore(issueStore.subscribe, () => issueStore.all)
  const hiddenErrors =
    all.filter((i) => i.severity === 'error').length -
    visible.filter((i) => i.severity === 'error').length
  return { issueStore, allIssues: all, hiddenErrors, revealAll, setServerIssues, validating }
}
