// The Istio mesh config (ConfigMap istio-system/istio, key `mesh`) as the API Gateway controller
// reads it: the extension providers an `extAuth` rule may name, and whether each is an HTTP
// ext-authz provider (the only kind the controller accepts).
import { parse } from 'yaml'
import { isObj } from '../../../api/json.ts'
import type { MeshConfig } from '../validation/types.ts'

export const MESH_CONFIG_MAP = { namespace: 'istio-system', name: 'istio', key: 'mesh' } as const

/** `data` of the ConfigMap (undefined: the ConfigMap does not exist). */
export function meshConfigOf(data: Record<string, string> | undefined | null): MeshConfig {
  if (data === undefined || data === null) return { problem: 'absent' }
  const text = data[MESH_CONFIG_MAP.key]
  if (text === undefined) return { problem: 'no-mesh-key' }
  let mesh: unknown
  try {
    mesh = parse(text)
  } catch {
    return { problem: 'unparsable' }
  }
  if (mesh === null || mesh === undefined) return { providers: [] }
  if (!isObj(mesh)) return { problem: 'unparsable' }
  const list = mesh.extensionProviders
  if (list === undefined || list === null) return { providers: [] }
  if (!Array.isArray(list)) return { problem: 'unparsable' }
  const providers = list.flatMap((p: unknown) =>
    isObj(p) && typeof p.name === 'string'
      ? [{ name: p.name, http: p.envoyExtAuthzHttp !== undefined && p.envoyExtAuthzHttp !== null }]
      : [],
  )
  return { providers }
}
