// Monaco + monaco-yaml, bundled locally (no CDN). Loaded only when the YAML or Split view opens.
// Workarounds from the toolchain notes: the lean editor entry, a local yaml worker, and the
// createWebWorker shim monaco-worker-manager@2 needs on monaco >= 0.53.
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/yaml/register'
import { configureMonacoYaml, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import YamlWorker from './yaml.worker.ts?worker'

type WorkerFactory = { getWorker: (id: string, label: string) => Worker }
const env = self as unknown as { MonacoEnvironment?: WorkerFactory }
env.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'yaml' ? new YamlWorker() : new EditorWorker()),
}

type CreateOpts = Parameters<typeof monaco.editor.createWebWorker>[0] & {
  worker?: unknown
  moduleId?: string
  label?: string
  createData?: unknown
}
const createWebWorker = monaco.editor.createWebWorker
monaco.editor.createWebWorker = ((opts: CreateOpts) => {
  if (opts.worker) return createWebWorker(opts)
  const worker = Promise.resolve(
    env.MonacoEnvironment!.getWorker(opts.moduleId ?? 'workerMain.js', opts.label ?? ''),
  ).then((w) => {
    w.postMessage('ignore')
    w.postMessage(opts.createData)
    return w
  })
  return createWebWorker({ ...opts, worker } as Parameters<typeof createWebWorker>[0])
}) as typeof createWebWorker

/** A JSON schema object (what monaco-yaml validates and completes against). */
export type JsonSchema = { [key: string]: unknown }

/** Model URIs of the editor's documents: the schema applies to these. */
export const MODEL_PREFIX = 'file:///documents/'
const SCHEMA_URI = 'inmemory://schemas/editor-document.json'

let yaml: MonacoYaml | undefined
let lastSchema: JsonSchema | undefined

/** Points monaco-yaml at the schema of the document being edited (none: no schema checks). */
export function configureSchema(schema: JsonSchema | undefined): void {
  if (schema === lastSchema) return
  lastSchema = schema
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: schema
      ? [{ uri: SCHEMA_URI, fileMatch: ['**/documents/*.yaml'], schema: schema as never }]
      : [],
  }
  if (!yaml) yaml = configureMonacoYaml(monaco, options)
  else void yaml.update(options)
}

/** A completion snippet of the YAML view (Monaco snippet syntax in `body`). */
export interface YamlSnippet {
  label: string
  doc: string
  body: string
}

const registeredSnippets = new Set<string>()

/** Offers `snippets` as YAML completions (each label once per page). */
export function registerSnippets(snippets: readonly YamlSnippet[]): void {
  const fresh = snippets.filter((s) => !registeredSnippets.has(s.label))
  if (!fresh.length) return
  for (const s of fresh) registeredSnippets.add(s.label)
  monaco.languages.registerCompletionItemProvider('yaml', {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position)
      const range = new monaco.Range(
        position.lineNumber,
        word.startColumn,
        position.lineNumber,
        word.endColumn,
      )
      return {
        suggestions: fresh.map((s) => ({
          label: s.label,
          kind: monaco.languages.CompletionItemKind.Snippet,
          documentation: s.doc,
          insertText: s.body,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range,
        })),
      }
    },
  })
}

export { monaco }
