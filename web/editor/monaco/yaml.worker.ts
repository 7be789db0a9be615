// The monaco-yaml language worker (a local entry so Vite pre-bundles its CommonJS dependencies).
import 'monaco-yaml/yaml.worker.js'
