// Starting documents for the editor: new APIRules, "Expose" prefills, clones, and objects loaded
// for edit (with server-only parts removed from the editable text).
import { stringify } from 'yaml'
import {
  APIRULE_GROUP,
  ORIGINAL_VERSION_ANNOTATION,
  V1BETA1_SPEC_ANNOTATION,
} from '../resources/apirules/types.ts'
import { type Obj, isObj } from '../api/json.ts'

export const DEFAULT_GATEWAY = 'kyma-system/kyma-gateway'

export const YAML_OPTIONS = { lineWidth: 0, indent: 2 } as const

export function toYaml(obj: unknown): string {
  return stringify(obj, YAML_OPTIONS)
}

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

/** Removes what the user must not edit: `status` and `metadata.managedFields`. */
export function stripForEdit(obj: unknown): Obj {
  if (!isObj(obj)) return {}
  const { status: _status, ...rest } = obj
  if (isObj(rest.metadata)) {
    const { managedFields: _mf, ...meta } = rest.metadata
    rest.metadata = meta
  }
  return rest
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
