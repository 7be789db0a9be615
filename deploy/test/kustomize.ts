// Renders this folder's kustomizations with the real `kubectl kustomize` (the kubectl built from
// the same Kubernetes release as the local cluster, see cluster/kubectl.ts), so tests check and
// dry-run exactly what `kubectl apply -k` would send. Plus small file helpers for the tests.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'
import { ensureKubectl } from '../../cluster/kubectl.ts'

export const DEPLOY_DIR = fileURLToPath(new URL('..', import.meta.url))
export const COMPONENTS = ['in-cluster', 'editor', 'extauth'] as const
export type ComponentName = (typeof COMPONENTS)[number]

/** Built on first use (minutes when the Go build cache is cold), then cached. */
export const KUBECTL = await ensureKubectl()

export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; [key: string]: unknown }
  [key: string]: unknown
}

/** The fields of a kustomization.yaml the tests look at (kustomize itself reads the rest). */
export interface Kustomization {
  apiVersion: string
  kind: 'Kustomization' | 'Component'
  resources?: string[]
  components?: string[]
}

export function readKustomization(dir: string): Kustomization {
  return parse(readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')) as Kustomization
}

/** `kubectl kustomize <dir>` as objects. */
export function kustomize(dir: string): Manifest[] {
  // stderr piped: kustomize's message ends up in the thrown error, not in the test output.
  const out = execFileSync(KUBECTL, ['kustomize', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return parseAllDocuments(out)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null)
}

/**
 * Renders the kustomization in `dir` with the given components of deploy/ added, the way a user's
 * overlay would: a temporary kustomization outside deploy/ (kustomize refuses cycles) that points
 * at both by relative paths (it refuses absolute ones).
 */
export function render(
  dir: string = DEPLOY_DIR,
  extraComponents: readonly string[] = [],
  extra: string[] = [],
): Manifest[] {
  if (extraComponents.length === 0 && extra.length === 0) return kustomize(dir)
  const overlay = mkdtempSync(path.join(tmpdir(), 'deploy-overlay-'))
  try {
    const rel = (p: string) => path.relative(overlay, p)
    writeFileSync(
      path.join(overlay, 'kustomization.yaml'),
      [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        `resources: [${rel(dir)}]`,
        `components: [${extraComponents.map((c) => rel(path.resolve(DEPLOY_DIR, c))).join(', ')}]`,
        ...extra,
        '',
      ].join('\n'),
    )
    return kustomize(overlay)
  } finally {
    rmSync(overlay, { recursive: true, force: true })
  }
}

export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`)
      return doc.toJS() as Manifest | null
    })
    .filter((m): m is Manifest => m !== null)
}

/** The one object of `kind` (and `name`, if given); throws unless there is exactly one. */
export function find<T = Manifest>(objects: Manifest[], kind: string, name?: string): Manifest & T {
  const found = objects.filter(
    (o) => o.kind === kind && (name === undefined || o.metadata.name === name),
  )
  if (found.length !== 1)
    throw new Error(`expected one ${kind} ${name ?? ''}, found ${found.length}`)
  return found[0] as Manifest & T
}

/** Every *.yaml file under deploy/, relative to it. */
export function yamlFiles(dir: string = DEPLOY_DIR, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) return yamlFiles(path.join(dir, entry.name), rel)
    return /\.ya?ml$/.test(entry.name) ? [rel] : []
  })
}

export function exists(rel: string): boolean {
  return existsSync(path.join(DEPLOY_DIR, rel))
}
