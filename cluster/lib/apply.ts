// Server-side apply of arbitrary objects: finds each kind's REST path through discovery, then
// PATCHes with application/apply-patch+yaml. Re-applying the same objects is a no-op, which makes
// RBAC, CRD and seed setup idempotent.
import { parseAllDocuments } from 'yaml'
import type { KubeClient } from './kube-client.ts'

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: {
    name: string
    namespace?: string
    uid?: string
    resourceVersion?: string
    labels?: Record<string, string>
    annotations?: Record<string, string>
    [k: string]: unknown
  }
  [k: string]: unknown
}

interface ApiResource {
  name: string
  kind: string
  namespaced: boolean
}

const discoveryCache = new WeakMap<KubeClient, Map<string, ApiResource[]>>()

async function resourcesOf(client: KubeClient, apiVersion: string, refresh: boolean) {
  let cache = discoveryCache.get(client)
  if (!cache) discoveryCache.set(client, (cache = new Map()))
  if (!refresh && cache.has(apiVersion)) return cache.get(apiVersion) ?? []
  const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`
  const res = await client.request<{ resources?: ApiResource[] }>('GET', path)
  const list = res.status === 200 ? (res.body.resources ?? []) : []
  cache.set(apiVersion, list)
  return list
}

/** REST path of an object's collection, or of the object itself when `withName` is set. */
export async function resourcePath(
  client: KubeClient,
  obj: Pick<KubeObject, 'apiVersion' | 'kind'> & {
    metadata: { name?: string; namespace?: string }
  },
  withName = true,
): Promise<string> {
  const find = async (refresh: boolean) =>
    (await resourcesOf(client, obj.apiVersion, refresh)).find(
      (r) => r.kind === obj.kind && !r.name.includes('/'),
    )
  // A CRD installed a moment ago may not be in the cached discovery yet.
  const res = (await find(false)) ?? (await find(true))
  if (!res) throw new Error(`the server does not serve ${obj.kind} in ${obj.apiVersion}`)
  const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`
  const ns = res.namespaced ? `/namespaces/${obj.metadata.namespace ?? 'default'}` : ''
  const name = withName && obj.metadata.name ? `/${encodeURIComponent(obj.metadata.name)}` : ''
  return `${base}${ns}/${res.name}${name}`
}

/** Server-side apply; `force` takes over fields another manager owns (we are the source of truth). */
export async function applyObject<T extends KubeObject>(
  client: KubeClient,
  obj: KubeObject,
  fieldManager: string,
): Promise<T> {
  const path = await resourcePath(client, obj)
  const query = `?fieldManager=${encodeURIComponent(fieldManager)}&force=true`
  return client.ok<T>('PATCH', path + query, obj, {
    'content-type': 'application/apply-patch+yaml',
  })
}

export async function applyAll(client: KubeClient, objs: KubeObject[], fieldManager: string) {
  const out: KubeObject[] = []
  for (const o of objs) out.push(await applyObject(client, o, fieldManager))
  return out
}

/** Parses a multi-document YAML string into objects (empty documents are skipped). */
export function parseYamlObjects(text: string): KubeObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => !!o && typeof o === 'object' && 'kind' in o)
}
