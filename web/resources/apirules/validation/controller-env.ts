// The controller's per-rule checks that read other objects: the rule's Service and the Pods it
// selects (the sidecar-injection check), and the external authorizers in the Istio mesh config.
// A check runs only on what the editor has read; a read the user may not make is a warning.
import { arr, isObj, type Obj } from '../../../api/json.ts'
import { controllerError } from './controller-jwt.ts'
import { notChecked } from './not-checked.ts'
import type { DocPath, Issue, ValidationContext } from './types.ts'

const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

/** The Service a rule routes to, resolved as the controller does (rule, spec; namespace likewise). */
export function ruleService(
  spec: Obj,
  rule: Obj,
  namespace: string,
): { name: string; namespace: string; port?: number } | { problem: string } {
  const svc = isObj(rule.service) ? rule.service : isObj(spec.service) ? spec.service : undefined
  if (!svc || svc.name === undefined || svc.name === null)
    return { problem: 'service name is required but missing' }
  const name = str(svc.name) ?? ''
  if (name === '') return { problem: 'resource name may not be empty' }
  const ns =
    (isObj(rule.service) ? str(rule.service.namespace) : undefined) ??
    (isObj(spec.service) ? str(spec.service.namespace) : undefined) ??
    namespace
  return {
    name,
    namespace: ns || 'default',
    port: typeof svc.port === 'number' ? svc.port : undefined,
  }
}

const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v)

/** The sidecar-injection check of one rule (and the Service lookup it starts with). */
export function sidecarIssues(
  spec: Obj,
  rule: Obj,
  at: DocPath,
  namespace: string,
  ctx: ValidationContext,
): Issue[] {
  const target = ruleService(spec, rule, namespace)
  if ('problem' in target) return [controllerError('serviceNameMissing', at, target.problem)]
  // Services are known for the editor's namespace only.
  const complete = target.namespace === (ctx.namespace ?? namespace)
  if (!complete) return []
  if (!ctx.services)
    return ctx.unreadable?.includes('services')
      ? [notChecked(at, 'services', 'serviceNotFound')]
      : []
  const svc = ctx.services.find(
    (s) => s.name === target.name && (s.namespace ?? namespace) === target.namespace,
  )
  if (!svc)
    return [
      {
        ...controllerError('serviceNotFound', at, `Service "${target.name}" not found`),
        kind: 'missing-service',
        explanation: `Service "${target.name}" not found in namespace "${target.namespace}"`,
      },
    ]
  if (svc.selector === undefined) return []
  if (svc.selector === null || Object.keys(svc.selector).length === 0)
    return [controllerError('noSelector', at)]
  if (!ctx.pods)
    return ctx.unreadable?.includes('pods') ? [notChecked(at, 'pods', 'noSidecar')] : []
  const selector = svc.selector
  return ctx.pods
    .filter((p) => p.namespace === target.namespace && !p.sidecar && selects(selector, p.labels))
    .map((p) => controllerError('noSidecar', at, p.namespace, p.name))
}

/** The external authorizers of one rule against the mesh config's extension providers. */
export function extAuthIssues(rule: Obj, at: DocPath, ctx: ValidationContext): Issue[] {
  if (!isObj(rule.extAuth)) return []
  const list: DocPath = [...at, 'extAuth', 'authorizers']
  const mesh = ctx.mesh
  if (!mesh)
    return ctx.unreadable?.includes('mesh') ? [notChecked(list, 'mesh', 'authorizerNotFound')] : []
  if ('problem' in mesh) {
    if (mesh.problem === 'absent')
      return [controllerError('istioConfigMapMissing', [...at, 'extAuth'])]
    return [
      controllerError(mesh.problem === 'no-mesh-key' ? 'meshKeyMissing' : 'meshUnparsable', list),
    ]
  }
  const out: Issue[] = []
  arr(rule.extAuth.authorizers).forEach((name, k) => {
    if (typeof name !== 'string') return
    const provider = mesh.providers.find((p) => p.name === name)
    if (!provider)
      out.push({
        ...controllerError('authorizerNotFound', [...list, k]),
        explanation: `No extension provider "${name}" in the Istio mesh config; it has ${
          mesh.providers.map((p) => p.name).join(', ') || 'none'
        }.`,
      })
    else if (!provider.http) out.push(controllerError('authorizerNotHttp', [...list, k]))
  })
  return out
}
