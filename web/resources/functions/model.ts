// Derived views of a Function for lists and details pages.
import type { Service } from '../services/types.ts'
import { FUNCTION_NAME_LABEL, FUNCTION_SERVICE_PORT, type KymaFunction } from './types.ts'

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
