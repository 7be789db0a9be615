// The editor's validation loop: client issues after the edits pause (off the keystroke path),
// server issues until the next edit, the parse error as an issue, and which issues to show.
// A blank Create form is not a wall of red: an error shows once its field differs from the start
// (typed in the form or the YAML), or once the user tried to save (`revealAll`). Edits of a stored
// rule show everything from the start.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { EditorDocument } from './document/EditorDocument.ts'
import { IssueStore } from './document/IssueStore.ts'
import { getAt } from './document/structural.ts'
import { formatPath } from '../resources/apirules/validation/paths.ts'
import type { Issue, ValidationContext } from '../resources/apirules/validation/types.ts'
import { validateInBackground } from './validation-runner.ts'

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

const NONE: readonly Issue[] = []

export interface EditorValidation {
  /** The issues to show (the store the form fields and Monaco read). */
  issueStore: IssueStore
  /** Every issue known, shown or not. */
  allIssues: readonly Issue[]
  /** Errors known but not shown yet (untouched fields of a new rule). */
  hiddenErrors: number
  /** Shows every issue from now on (the user tried to save). */
  revealAll: () => void
  /** Issues from the API server's last answer; cleared by the next edit. */
  setServerIssues: (issues: Issue[]) => void
}

export function useEditorValidation(
  store: EditorDocument,
  version: string,
  vctx: ValidationContext,
  showAllFromStart: boolean,
  /** Issues the page knows of itself (e.g. a version the cluster does not serve). */
  extraIssues: readonly Issue[] = NONE,
): EditorValidation {
  const [issueStore] = useState(() => new IssueStore())
  const [initialValue] = useState(() => store.value)
  const [all, setAll] = useState<readonly Issue[]>([])
  const client = useRef<Issue[]>([])
  const server = useRef<Issue[]>([])
  const showAll = useRef(showAllFromStart)
  /** formatPath keys of issues once shown: they stay shown. */
  const revealed = useRef(new Set<string>())

  const publish = useCallback(() => {
    const parse = parseIssue(store)
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
    setAll(issues)
    issueStore.set(visible)
  }, [store, issueStore, initialValue, extraIssues])

  useEffect(() => {
    let cancelled = false
    let cancel: (() => void) | undefined
    const run = () => {
      cancel?.()
      const value = store.value
      cancel = validateInBackground(value, store.text.length, version, vctx, (issues) => {
        if (cancelled) return
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
      cancel?.()
      off()
    }
  }, [store, version, vctx, publish])

  const revealAll = useCallback(() => {
    showAll.current = true
    publish()
  }, [publish])

  const setServerIssues = useCallback(
    (issues: Issue[]) => {
      server.current = issues
      publish()
    },
    [publish],
  )

  const visible = useSyncExternalStore(issueStore.subscribe, () => issueStore.all)
  const hiddenErrors =
    all.filter((i) => i.severity === 'error').length -
    visible.filter((i) => i.severity === 'error').length
  return { issueStore, allIssues: all, hiddenErrors, revealAll, setServerIssues }
}
