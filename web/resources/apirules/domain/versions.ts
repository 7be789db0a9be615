// Which APIRule version an object holds. v2 (= v2alpha1) is read and written; v1beta1 is the
// deprecated version the controller no longer reconciles (shared docs apirule-api.md, §3).
import { arr, isObj, type Obj } from '../../../api/json.ts'
import { ORIGINAL_VERSION_ANNOTATION, V1BETA1_SPEC_ANNOTATION } from '../types.ts'

/** True for `gateway.kyma-project.io/v1beta1` (any group prefix, as the editor's documents). */
export function isV1Beta1ApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && apiVersion.endsWith('/v1beta1')
}

/**
 * True when an APIRule (read through any version) holds v1beta1 data: it was written as v1beta1
 * (annotation), it is a v1beta1 read, or its spec has `host` but no v2 `hosts`/`rules`.
 */
export function isV1Beta1Shaped(obj: unknown): boolean {
  if (!isObj(obj)) return false
  const meta = isObj(obj.metadata) ? obj.metadata : {}
  const annotations = isObj(meta.annotations) ? meta.annotations : {}
  if (annotations[ORIGINAL_VERSION_ANNOTATION] === 'v1beta1') return true
  const spec = isObj(obj.spec) ? obj.spec : undefined
  if (!spec) return isV1Beta1ApiVersion(obj.apiVersion)
  const hasV2Hosts = Array.isArray(spec.hosts) && spec.hosts.length > 0
  if (!hasV2Hosts && typeof spec.host === 'string') return true
  const rules = arr(spec.rules)
  if (!hasV2Hosts && rules.some((r) => isObj(r) && Array.isArray(r.accessStrategies))) return true
  // v1beta1 data read through v2 without a conversion webhook keeps only the shared fields: no
  // hosts, and rules without any v2 access field (which a v2 write can never produce).
  const noV2Access = (r: unknown) =>
    isObj(r) && !('noAuth' in r) && !('jwt' in r) && !('extAuth' in r)
  if (!hasV2Hosts && rules.length > 0 && rules.every(noV2Access)) return true
  return false
}

/**
 * The v1beta1 spec the conversion webhook keeps in an annotation of an object that came in as
 * v1beta1 (undefined when there is none, or it is not a JSON object).
 */
export function v1beta1SpecFromAnnotation(annotations: unknown): Obj | undefined {
  const raw = isObj(annotations) ? annotations[V1BETA1_SPEC_ANNOTATION] : undefined
  if (typeof raw !== 'string' || !raw) return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    return isObj(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}
