// Monaco + monaco-yaml, bundled locally (no CDN). Loaded only when the YAML or Split view opens.
// Workarounds from the toolchain notes: the lean editor entry, a local yaml worker, and the
// createWebWorker shim monaco-worker-manager@2 needs on monaco >= 0.53.
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/register.all'
import 'monaco-editor/languages/definitions/yaml/register'
import { configureMonacoYaml, type MonacoYaml, type MonacoYamlOptions } from 'monaco-yaml'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import YamlWorker from './yaml.worker.ts?worker'
import { APIRULE_SCHEMA_URI, type JsonSchema } from '../../resources/apirules/validation/schema.ts'

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

/** Model URIs the APIRule schema applies to. */
export const MODEL_PREFIX = 'file:///apirules/'

let yaml: MonacoYaml | undefined
let lastSchema: JsonSchema | undefined

/** Points monaco-yaml at the APIRule schema of the version being edited. */
export function configureApiRuleSchema(schema: JsonSchema | undefined): void {
  if (schema === lastSchema) return
  lastSchema = schema
  const options: MonacoYamlOptions = {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    schemas: schema
      ? [{ uri: APIRULE_SCHEMA_URI, fileMatch: ['**/apirules/*.yaml'], schema: schema as never }]
      : [],
  }
  if (!yaml) yaml = configureMonacoYaml(monaco, options)
  else void yaml.update(options)
}

let snippetsRegistered = false

function ruleSnippet(access: string): string {
  return ['- path: ${1:/*}', '  methods:', '    - ${2:GET}', access].join('\n')
}

/** Completion snippets for the three kinds of v2 rules. */
export function registerSnippets(): void {
  if (snippetsRegistered) return
  snippetsRegistered = true
  const snippets = [
    {
      label: 'rule: noAuth',
      doc: 'A public rule (no authentication).',
      body: ruleSnippet('  noAuth: true'),
    },
    {
      label: 'rule: jwt',
      doc: 'A rule that requires a JWT from an issuer.',
      body: ruleSnippet(
        [
          '  jwt:',
          '    authentications:',
          '      - issuer: ${3:https://issuer.example.com}',
          '        jwksUri: ${4:https://issuer.example.com/.well-known/jwks.json}',
        ].join('\n'),
      ),
    },
    {
      label: 'rule: extAuth',
      doc: 'A rule checked by an external authorizer from the Istio mesh config.',
      body: ruleSnippet(['  extAuth:', '    authorizers:', '      - ${3:oauth2-proxy}'].join('\n')),
    },
  ]
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
        suggestions: snippets.map((s) => ({
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
