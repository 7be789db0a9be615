// serverless.kyma-project.io/v1alpha2 Function: the fields the dashboard reads.
import type { K8sObject } from '../../api/k8s-types.ts'

export const FUNCTION_NAME_LABEL = 'serverless.kyma-project.io/function-name'
/** The Service the Function controller creates listens on this port. */
export const FUNCTION_SERVICE_PORT = 80

export interface FunctionCondition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastTransitionTime?: string
}

/** An env var; `valueFrom` references a Secret or ConfigMap key (never resolved by the dashboard). */
export interface FunctionEnvVar {
  name: string
  value?: string
  valueFrom?: {
    secretKeyRef?: { name?: string; key?: string }
    configMapKeyRef?: { name?: string; key?: string }
    fieldRef?: { fieldPath?: string }
    resourceFieldRef?: { resource?: string }
  }
}

export interface KymaFunction extends K8sObject {
  apiVersion?: 'serverless.kyma-project.io/v1alpha2'
  kind?: 'Function'
  spec: {
    runtime: string
    source: {
      inline?: { source: string; dependencies?: string }
      gitRepository?: {
        url: string
        baseDir?: string
        reference?: string
        auth?: { type?: string; secretName?: string }
      }
    }
    replicas?: number
    env?: FunctionEnvVar[]
    resourceConfiguration?: {
      function?: {
        profile?: string
        resources?: { requests?: Record<string, string>; limits?: Record<string, string> }
      }
    }
    secretMounts?: { secretName: string; mountPath: string }[]
    runtimeImageOverride?: string
  }
  status?: {
    conditions?: FunctionCondition[]
    replicas?: number
    runtime?: string
    runtimeImage?: string
    functionResourceProfile?: string
    gitRepository?: { url?: string; baseDir?: string; reference?: string; commit?: string }
  }
}
