// A small React wrapper around monaco.editor.create, two-way bound to an EditorDocument.
// Default export for React.lazy: importing this module loads Monaco.
import { useEffect, useRef } from 'react'
import {
  configureSchema,
  MODEL_PREFIX,
  monaco,
  registerSnippets,
  type JsonSchema,
  type YamlSnippet,
} from './setup.ts'
import type { EditorDocument } from '../document/EditorDocument.ts'
import type { IssueStore } from '../document/IssueStore.ts'
import { MAX_DOCUMENT_BYTES } from '../limits.ts'
import { changedSpan } from '../document/scalar-edit.ts'

let modelCounter = 0

/** Monaco's built-in theme matching the UI5 theme on <html data-theme>. */
function monacoTheme(): string {
  const theme = document.documentElement.dataset.theme ?? ''
  if (theme === 'sap_horizon_hcb') return 'hc-black'
  if (theme === 'sap_horizon_hcw') return 'hc-light'
  return theme.endsWith('_dark') ? 'vs-dark' : 'vs'
}

/** Options of each model: no bracket pair colorization (YAML hardly uses brackets). */
export const MODEL_OPTIONS: monaco.editor.ITextModelUpdateOptions = {
  bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false },
}

export interface YamlEditorProps {
  store: EditorDocument
  issues: IssueStore
  schema: JsonSchema | undefined
  /** Completion snippets offered in this editor. */
  snippets?: readonly YamlSnippet[]
  readOnly?: boolean
  onSave?: () => void
  label?: string
  /** Called with the text length while Monaco's text is over the document limit (then the
   * document does not follow it), and with 0 once it is back under. */
  onOversize?: (chars: number) => void
}

/** Replaces `from..to` of the model's text (offsets) with `insert`, as one undoable edit. */
function applyEdit(model: monaco.editor.ITextModel, from: number, to: number, insert: string) {
  const start = model.getPositionAt(from)
  const end = model.getPositionAt(to)
  model.pushEditOperations(
    [],
    [
      {
        range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
        text: insert,
      },
    ],
    () => null,
  )
}

/**
 * Brings the model from `shown` (the text it holds) to the document's text with one edit of the
 * changed middle, so the cursor and undo stack survive. The document usually says what changed;
 * otherwise the two texts are compared.
 */
function followDocument(model: monaco.editor.ITextModel, shown: string, store: EditorDocument) {
  const change = store.lastChange
  if (change && change.before === shown) {
    applyEdit(model, change.from, change.to, change.insert)
    return
  }
  if (shown === store.text) return
  const [start, endPrev, endNext] = changedSpan(shown, store.text)
  applyEdit(model, start, endPrev, store.text.slice(start, endNext))
}

export default function YamlEditor({
  store,
  issues,
  schema,
  readOnly,
  onSave,
  label,
  onOversize,
  snippets,
}: YamlEditorProps) {
  const snippetsRef = useRef(snippets)
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const onSaveRef = useRef(onSave)
  const onOversizeRef = useRef(onOversize)
  useEffect(() => {
    onSaveRef.current = onSave
    onOversizeRef.current = onOversize
  }, [onSave, onOversize])

  useEffect(() => {
    configureSchema(schema)
  }, [schema])

  useEffect(() => {
    if (!host.current) return
    registerSnippets(snippetsRef.current ?? [])
    const uri = monaco.Uri.parse(`${MODEL_PREFIX}${++modelCounter}.yaml`)
    const model = monaco.editor.createModel(store.text, 'yaml', uri)
    // The editor option below does not reach the model, whose default colorizes bracket pairs: its
    // decoration provider then walks the bracket tree for every rendered line on every frame (the
    // largest part of the render after a keystroke in the profile of 100 rules).
    model.updateOptions(MODEL_OPTIONS)
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      ariaLabel: label ?? 'YAML',
      tabSize: 2,
      insertSpaces: true,
      scrollBeyondLastLine: false,
      quickSuggestions: { other: true, strings: true, comments: false },
      fixedOverflowWidgets: true,
      // 'dimmed' (the default) draws the last line number below WCAG contrast (axe: 1.75:1)
      renderFinalNewline: 'on',
      // Per keystroke at 300 KB these cost tens of ms: sticky scroll's default model is the
      // outline (the YAML worker's document symbols, thousands of them, re-sent after every edit;
      // the folding ranges it falls back to are computed anyway), and bracket pair colorization
      // re-parses brackets YAML hardly uses.
      stickyScroll: { enabled: true, defaultModel: 'foldingProviderModel' },
      bracketPairColorization: { enabled: false },
      // No CSS colors in an APIRule, and completion comes from the schema: neither needs the
      // whole text re-scanned (or sent to the editor worker) after every edit.
      colorDecorators: false,
      wordBasedSuggestions: 'off',
      theme: monacoTheme(),
    })
    editorRef.current = editor
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current?.())
    /** True while the model follows the document, or the document follows the model. */
    let syncing = false
    let oversize = false
    /** The text the model holds (kept here: no 300 KB getValue and compare per keystroke)… */
    let shown = model.getValue()
    /** …and the document revision it equals, or -1 when it may differ (e.g. normalized EOLs). */
    let shownRevision = shown === store.text ? store.revision : -1
    const sub = model.onDidChangeContent((e) => {
      if (syncing) return
      // Typed or dropped past the limit (pastes are refused earlier): the text stays in Monaco,
      // the document (form, validation, Save) waits until it is small enough again.
      const chars = model.getValueLength()
      if (chars > MAX_DOCUMENT_BYTES) {
        oversize = true
        shownRevision = -1
        onOversizeRef.current?.(chars)
        return
      }
      if (oversize) {
        oversize = false
        onOversizeRef.current?.(0)
      }
      const [only] = e.changes
      syncing = true
      try {
        if (e.changes.length === 1 && only && shownRevision === store.revision) {
          // A keystroke: the document applies it where Monaco says it happened.
          const from = only.rangeOffset
          shown = shown.slice(0, from) + only.text + shown.slice(from + only.rangeLength)
          store.editText(from, from + only.rangeLength, only.text)
        } else {
          shown = model.getValue()
          store.replaceText(shown)
        }
        shownRevision = store.revision
      } finally {
        syncing = false
      }
    })
    const unsubscribe = store.subscribe(() => {
      if (syncing || oversize) return
      syncing = true
      try {
        followDocument(model, shown, store)
        shown = store.text
        shownRevision = store.revision
      } finally {
        syncing = false
      }
    })
    const showMarkers = () => {
      const markers = issues.all
        .filter((i) => i.source !== 'schema') // monaco-yaml already marks schema problems
        .map((i) => {
          const r = store.rangeOf(i.path)
          return {
            severity:
              i.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: i.message,
            source: i.source,
            startLineNumber: r.startLine,
            startColumn: r.startColumn,
            endLineNumber: r.endLine,
            endColumn: r.endColumn,
          }
        })
      monaco.editor.setModelMarkers(model, 'apirule', markers)
    }
    // Markers need text ranges, which may re-parse the text: compute them when the editor is idle,
    // never on the keystroke path, and once for a burst of issue updates.
    let pending: (() => void) | undefined
    const scheduleMarkers = () => {
      if (pending) return
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(
          () => {
            pending = undefined
            showMarkers()
          },
          { timeout: 500 },
        )
        pending = () => cancelIdleCallback(id)
      } else {
        const id = setTimeout(() => {
          pending = undefined
          showMarkers()
        }, 50)
        pending = () => clearTimeout(id)
      }
    }
    showMarkers()
    const offIssues = issues.subscribe(scheduleMarkers)
    // Follow the app's light/dark theme (the ShellBar switch sets <html data-theme>).
    const themeObserver = new MutationObserver(() => monaco.editor.setTheme(monacoTheme()))
    themeObserver.observe(document.documentElement, { attributeFilter: ['data-theme'] })
    return () => {
      themeObserver.disconnect()
      pending?.()
      offIssues()
      unsubscribe()
      sub.dispose()
      editor.dispose()
      model.dispose()
      editorRef.current = null
    }
  }, [store, issues, label])

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: !!readOnly })
  }, [readOnly])

  return <div ref={host} className="are-monaco" data-testid="yaml-editor" />
}
