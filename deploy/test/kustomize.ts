// A small reader for this folder's kustomizations, so tests can check and dry-run exactly what
// `kubectl apply -k` would send without needing kubectl. It supports what deploy/ uses and throws on
// anything else: `resources` (files and folders), `components`, `images`, and `patches` given
// inline as JSON 6902 operations with a kind/name target. kustomize.test.ts compares the result
// with `kubectl kustomize` where kubectl is installed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, parseAllDocuments } from 'yaml'

export const DEPLOY_DIR = fileURLToPath(new URL('..', import.meta.url))
export const COMPONENTS = ['in-cluster', 'editor', 'extauth'] as const
export type ComponentName = (typeof COMPONENTS)[number]

export interface Manifest {
  apiVersion: string
  kind: string
  metadata: { name: string; namespace?: string; [key: string]: unknown }
  [key: string]: unknown
}

export interface PatchTarget {
  group?: string
  version?: string
  kind?: string
  name?: string
}

interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace'
  path: string
  value?: unknown
}

export interface Kustomization {
  apiVersion: string
  kind: 'Kustomization' | 'Component'
  resources?: string[]
  components?: string[]
  patches?: { target: PatchTarget; patch: string }[]
  images?: { name: string; newName?: string; newTag?: string }[]
}

const KNOWN_FIELDS = new Set(['apiVersion', 'kind', 'resources', 'components', 'patches', 'images'])

export function readKustomization(dir: string): Kustomization {
  const file = path.join(dir, 'kustomization.yaml')
  const k = parse(readFileSync(file, 'utf8')) as Kustomization
  const unknown = Object.keys(k).filter((key) => !KNOWN_FIELDS.has(key))
  if (unknown.length > 0) throw new Error(`${file}: unsupported fields ${unknown.join(', ')}`)
  return k
}

export function readManifests(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`)
      return doc.toJS() as Manifest | null
    })
    .filter((m): m is Manifest => m !== null)
}

/** Renders the kustomization in `dir` with the given components added, like an overlay would. */
export function render(
  dir: string = DEPLOY_DIR,
  extraComponents: readonly string[] = [],
): Manifest[] {
  const k = readKustomization(dir)
  const objects: Manifest[] = []
  for (const entry of k.resources ?? []) {
    const target = path.resolve(dir, entry)
    if (statSync(target).isDirectory()) objects.push(...render(target))
    else objects.push(...readManifests(target))
  }
  const components = [
    ...(k.components ?? []).map((c) => path.resolve(dir, c)),
    ...extraComponents.map((c) => path.resolve(DEPLOY_DIR, c)),
  ]
  for (const componentDir of components) {
    const component = readKustomization(componentDir)
    if (component.kind !== 'Component') throw new Error(`${componentDir} is not a Component`)
    for (const entry of component.resources ?? []) {
      objects.push(...readManifests(path.resolve(componentDir, entry)))
    }
    applyPatches(objects, component.patches ?? [])
  }
  applyPatches(objects, k.patches ?? [])
  for (const image of k.images ?? []) setImage(objects, image)
  return objects
}

function applyPatches(objects: Manifest[], patches: NonNullable<Kustomization['patches']>): void {
  for (const { target, patch } of patches) {
    const matches = objects.filter((o) => matchesTarget(o, target))
    if (matches.length === 0)
      throw new Error(`patch target ${JSON.stringify(target)} matches nothing`)
    const ops = parse(patch) as JsonPatchOp[]
    for (const op of ops) {
      if (!['add', 'remove', 'replace'].includes(op.op)) {
        throw new Error(`unsupported patch operation ${JSON.stringify(op)}`)
      }
    }
    for (const object of matches) for (const op of ops) applyOp(object, op)
  }
}

export function matchesTarget(object: Manifest, target: PatchTarget): boolean {
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : ['', object.apiVersion]
  return (
    (target.group === undefined || target.group === group) &&
    (target.version === undefined || target.version === version) &&
    (target.kind === undefined || target.kind === object.kind) &&
    (target.name === undefined || target.name === object.metadata.name)
  )
}

function applyOp(object: Manifest, op: JsonPatchOp): void {
  const keys = op.path
    .split('/')
    .slice(1)
    .map((k) => k.replaceAll('~1', '/').replaceAll('~0', '~'))
  const last = keys.pop()
  if (last === undefined) throw new Error(`patch path "${op.path}" names the whole object`)
  let parent: unknown = object
  for (const key of keys) {
    parent = (parent as Record<string, unknown>)[key]
    if (parent === null || typeof parent !== 'object') {
      throw new Error(`patch path "${op.path}" does not exist`)
    }
  }
  const missing = () => new Error(`patch path "${op.path}" does not exist`)
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last)
    if (!Number.isInteger(index) || index < 0 || index > parent.length) throw missing()
    if (op.op === 'add') parent.splice(index, 0, op.value)
    else if (index === parent.length) throw missing()
    else if (op.op === 'replace') parent[index] = op.value
    else parent.splice(index, 1)
    return
  }
  const record = parent as Record<string, unknown>
  if (op.op !== 'add' && !(last in record)) throw missing()
  if (op.op === 'remove') delete record[last]
  else record[last] = op.value
}

function setImage(objects: Manifest[], image: NonNullable<Kustomization['images']>[number]): void {
  for (const container of podContainers(objects)) {
    const [name, tag] = splitImage(container.image)
    if (name !== image.name) continue
    container.image = `${image.newName ?? name}:${image.newTag ?? tag}`
  }
}

function splitImage(image: string): [string, string] {
  const at = image.lastIndexOf(':')
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, 'latest']
}

export interface Container {
  name: string
  image: string
  [key: string]: unknown
}

function podContainers(objects: Manifest[]): Container[] {
  return objects.flatMap((o) => {
    const spec = (o.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)
      ?.template?.spec
    return spec?.containers ?? []
  })
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
