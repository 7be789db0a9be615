// A small React wrapper around monaco.editor.create, two-way bound to an EditorDocument.
// Default export for React.lazy: importing this module loads Monaco.
import { useEffect, useRef } from 'react'
import { MODEL_PREFIX, monaco, registerSnippets, configureApiRuleSchema } from './setup.ts'
import type { EditorDocument } from '../document/EditorDocument.ts'
import type { IssueStore } from '../document/IssueStore.ts'
import type { JsonSchema } from '../../resources/apirules/validation/schema.ts'
import { MAX_DOCUMENT_BYTES } from '../limits.ts'

let modelCounter = 0

/** Monaco's built-in theme matching the UI5 theme on <html data-theme>. */
function monacoTheme(): string {
  const theme = document.documentElement.dataset.theme ?? ''
  if (theme === 'sap_horizon_hcb') return 'hc-black'
  if (theme === 'sap_horizon_hcw') return 'hc-light'
  return theme.endsWith('_dark') ? 'vs-dark' : 'vs'
}

export interface YamlEditorProps {
  store: EditorDocument
  issues: IssueStore
  schema: JsonSchema | undefined
  readOnly?: boolean
  onSave?: () => void
  label?: string
  /** Called with the text length while Monaco's text is over the document limit (then the
   * document does not follow it), and with 0 once it is back under. */
  onOversize?: (chars: number) => void
}

/** Replaces only the changed middle of the text, so the cursor and undo stack survive. */
function applyMinimalEdit(model: monaco.editor.ITextModel, next: string) {
  const prev = model.getValue()
  if (prev === next) return
  let start = 0
  const max = Math.min(prev.length, next.length)
  while (start < max && prev.charCodeAt(start) === next.charCodeAt(start)) start++
  let endPrev = prev.length
  let endNext = next.length
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--
    endNext--
  }
  const from = model.getPositionAt(start)
  const to = model.getPositionAt(endPrev)
  model.pushEditOperations(
    [],
    [
      {
        range: new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column),
        text: next.slice(start, endNext),
      },
    ],
    () => null,
  )
}

export default function YamlEditor({
  store,
  issues,
  schema,
  readOnly,
  onSave,
  label,
  onOversize,
}: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null)
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null)
  const onSaveRef = useRef(onSave)
  const onOversizeRef = useRef(onOversize)
  useEffect(() => {
    onSaveRef.current = onSave
    onOversizeRef.current = onOversize
  }, [onSave, onOversize])

  useEffect(() => {
    configureApiRuleSchema(schema)
  }, [schema])

  useEffect(() => {
    if (!host.current) return
    registerSnippets()
    const uri = monaco.Uri.parse(`${MODEL_PREFIX}${++modelCounter}.yaml`)
    const model = monaco.editor.createModel(store.text, 'yaml', uri)
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
      theme: monacoTheme(),
    })
    editorRef.current = editor
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current?.())
    let applying = false
    let oversize = false
    const sub = model.onDidChangeContent(() => {
      if (applying) return
      // Typed or dropped past the limit (pastes are refused earlier): the text stays in Monaco,
      // the document (form, validation, Save) waits until it is small enough again.
      const chars = model.getValueLength()
      if (chars > MAX_DOCUMENT_BYTES) {
        oversize = true
        onOversizeRef.current?.(chars)
        return
      }
      if (oversize) {
        oversize = false
        onOversizeRef.current?.(0)
      }
      store.replaceText(model.getValue())
    })
    const unsubscribe = store.subscribe(() => {
      if (store.text === model.getValue()) return
      applying = true
      try {
        applyMinimalEdit(model, store.text)
      } finally {
        applying = false
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
