// Starting documents for the editor: new APIRules, "Expose" prefills, clones, and objects loaded
// for edit (with server-only parts removed from the editable text).
import { APIRULE_GROUP, ORIGINAL_VERSION_ANNOTATION, V1BETA1_SPEC_ANNOTATION } from '../types.ts'
import { type Obj, isObj } from '../../../api/json.ts'
import { stripForEdit } from '../../../editor/document/objects.ts'
import { DEFAULT_GATEWAY } from '../domain/gateway.ts'

export { stripForEdit, toYaml, YAML_OPTIONS } from '../../../editor/document/objects.ts'

export interface Prefill {
  name?: string
  service?: string
  port?: number
}

export function newApiRule(ns: string, version: 'v2' | 'v1beta1', prefill: Prefill = {}): Obj {
  const svcName = prefill.service ?? ''
  const service: Obj = { name: svcName, port: prefill.port ?? 80 }
  if (version === 'v1beta1')
    return {
      apiVersion: `${APIRULE_GROUP}/v1beta1`,
      kind: 'APIRule',
      metadata: { name: prefill.name ?? svcName, namespace: ns },
      spec: {
        host: svcName,
        service,
        gateway: DEFAULT_GATEWAY,
        rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'no_auth' }] }],
      },
    }
  return {
    apiVersion: `${APIRULE_GROUP}/v2`,
    kind: 'APIRule',
    metadata: { name: prefill.name ?? svcName, namespace: ns },
    spec: {
      hosts: [svcName],
      service,
      gateway: DEFAULT_GATEWAY,
      // No access strategy on purpose: the user chooses between No auth, JWT and External auth.
      rules: [{ path: '/*', methods: ['GET'] }],
    },
  }
}

/** `base`, or `base-2`, `base-3`, … : the first that `taken` does not contain. */
export function uniqueName(base: string, taken: (candidate: string) => boolean): string {
  if (!base || !taken(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken(candidate)) return candidate
  }
}

/** Other APIRules, as the editor knows them (namespace, name, hosts). */
export interface KnownApiRule {
  namespace: string
  name: string
  hosts: string[]
}

/**
 * A prefilled new APIRule (Expose, Clone) made unique: its name is free in `ns`, and its short or
 * full host is used by no other APIRule in any namespace (the controller would refuse it).
 */
export function withUniqueNameAndHost(obj: Obj, ns: string, others: readonly KnownApiRule[]): Obj {
  const meta = isObj(obj.metadata) ? obj.metadata : {}
  const spec = isObj(obj.spec) ? obj.spec : {}
  const name = typeof meta.name === 'string' ? meta.name : ''
  const hosts = Array.isArray(spec.hosts) ? spec.hosts : undefined
  const host = typeof hosts?.[0] === 'string' ? hosts[0] : undefined
  const nameTaken = (n: string) => others.some((r) => r.namespace === ns && r.name === n)
  // a short host `hello` and a full `hello.example.com` clash on their first label
  const hostTaken = (h: string) =>
    others.some((r) => r.hosts.some((o) => o === h || (!h.includes('.') && o.split('.')[0] === h)))
  let uniqueHost = host
  if (host && !host.startsWith('*') && hostTaken(host)) {
    uniqueHost = uniqueName(host.split('.')[0] ?? host, (c) =>
      hostTaken(host.includes('.') ? [c, ...host.split('.').slice(1)].join('.') : c),
    )
    if (host.includes('.')) uniqueHost = [uniqueHost, ...host.split('.').slice(1)].join('.')
  }
  const uniqueRuleName = uniqueName(name, nameTaken)
  return {
    ...obj,
    metadata: { ...meta, name: uniqueRuleName },
    ...(hosts ? { spec: { ...spec, hosts: [uniqueHost, ...hosts.slice(1)] } } : {}),
  }
}

/** A copy to create: same spec, fresh metadata (name + "-copy"), no server fields. */
export function cloneForCreate(obj: unknown, ns: string): Obj {
  const src = stripForEdit(obj)
  const meta = isObj(src.metadata) ? src.metadata : {}
  const out: Obj = { name: `${String(meta.name ?? 'apirule')}-copy`, namespace: ns }
  if (isObj(meta.labels)) out.labels = meta.labels
  if (isObj(meta.annotations)) {
    const ann = { ...meta.annotations }
    delete ann[ORIGINAL_VERSION_ANNOTATION]
    delete ann[V1BETA1_SPEC_ANNOTATION]
    delete ann['kubectl.kubernetes.io/last-applied-configuration']
    if (Object.keys(ann).length) out.annotations = ann
  }
  return { apiVersion: src.apiVersion, kind: src.kind ?? 'APIRule', metadata: out, spec: src.spec }
}

export function versionOfApiVersion(apiVersion: unknown): 'v2' | 'v1beta1' | 'v2alpha1' {
  const v = typeof apiVersion === 'string' ? apiVersion.split('/')[1] : undefined
  return v === 'v1beta1' ? 'v1beta1' : v === 'v2alpha1' ? 'v2alpha1' : 'v2'
}
