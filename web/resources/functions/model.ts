// Derived views of a Function for lists and details pages.
import type { Service } from '../services/types.ts'
import {
  FUNCTION_NAME_LABEL,
  FUNCTION_SERVICE_PORT,
  type FunctionCondition,
  type KymaFunction,
} from './types.ts'

export type ConditionSummary = 'True' | 'False' | 'Unknown'

/** The status of one condition type (ConfigurationReady, Running), "Unknown" when absent. */
export function conditionStatus(fn: KymaFunction, type: string): ConditionSummary {
  return fn.status?.conditions?.find((c) => c.type === type)?.status ?? 'Unknown'
}

export function sourceType(fn: KymaFunction): 'Inline' | 'Git' | 'Unknown' {
  if (fn.spec?.source?.inline) return 'Inline'
  if (fn.spec?.source?.gitRepository) return 'Git'
  return 'Unknown'
}

/** spec.replicas defaults to 1 in the CRD. */
export function desiredReplicas(fn: KymaFunction): number {
  return fn.spec?.replicas ?? 1
}

/** The Service a Function is reached through: same name, same namespace (port 80). */
export function functionServiceRef(fn: KymaFunction) {
  return {
    namespace: fn.metadata.namespace ?? '',
    name: fn.metadata.name ?? '',
    port: FUNCTION_SERVICE_PORT,
  }
}

/** True when a Service belongs to a Function (owner reference or the serverless label). */
export function isFunctionService(svc: Service): boolean {
  return (
    svc.metadata.ownerReferences?.some((o) => o.kind === 'Function') === true ||
    svc.metadata.labels?.[FUNCTION_NAME_LABEL] !== undefined
  )
}

/** The condition itself (for its reason and message), if the controller has reported it. */
export function conditionOf(fn: KymaFunction, type: string): FunctionCondition | undefined {
  return fn.status?.conditions?.find((c) => c.type === type)
}

/** The condition types the serverless controller reports, in the order they are shown. */
export const FUNCTION_CONDITIONS = ['ConfigurationReady', 'Running'] as const

export const UNKNOWN_CONDITION_HINT =
  'No status reported yet: the serverless controller has not processed this Function (or is not running).'

export interface EnvVarSummary {
  name: string
  /** Where the value comes from — never the value itself, which may be a secret. */
  source: string
}

/** Env var names with the kind of their source; values are deliberately left out. */
export function envSummary(fn: KymaFunction): EnvVarSummary[] {
  return (fn.spec?.env ?? []).map((e) => {
    const from = e.valueFrom
    let source = 'value'
    if (from?.secretKeyRef) source = `Secret ${from.secretKeyRef.name ?? '?'}`
    else if (from?.configMapKeyRef) source = `ConfigMap ${from.configMapKeyRef.name ?? '?'}`
    else if (from?.fieldRef) source = `field ${from.fieldRef.fieldPath ?? '?'}`
    else if (from?.resourceFieldRef) source = `resource ${from.resourceFieldRef.resource ?? '?'}`
    else if (from) source = 'reference'
    return { name: e.name, source }
  })
}

/** "Profile S", explicit requests/limits, or the controller's default. */
export function resourcesSummary(fn: KymaFunction): string {
  const cfg = fn.spec?.resourceConfiguration?.function
  const fmt = (r: Record<string, string> | undefined) =>
    Object.entries(r ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
  const parts: string[] = []
  if (cfg?.profile) parts.push(`Profile ${cfg.profile}`)
  const requests = fmt(cfg?.resources?.requests)
  const limits = fmt(cfg?.resources?.limits)
  if (requests) parts.push(`requests: ${requests}`)
  if (limits) parts.push(`limits: ${limits}`)
  if (parts.length) return parts.join('; ')
  const applied = fn.status?.functionResourceProfile
  return applied ? `Default (profile ${applied})` : 'Default'
}

/** Whether a list of Services (of the Function's namespace) holds the Function's own Service. */
export function findFunctionService<S extends Service>(
  fn: KymaFunction,
  services: readonly S[],
): S | undefined {
  const ref = functionServiceRef(fn)
  return services.find(
    (s) =>
      s.metadata.name === ref.name && (s.metadata.namespace ?? ref.namespace) === ref.namespace,
  )
}
