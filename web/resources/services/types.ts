// core/v1 Service: the fields the dashboard reads.
import type { K8sObject } from '../../api/k8s-types.ts'

export interface ServicePort {
  name?: string
  port: number
  targetPort?: number | string
  protocol?: string
  nodePort?: number
}

export interface Service extends K8sObject {
  apiVersion?: 'v1'
  kind?: 'Service'
  spec?: {
    type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'
    clusterIP?: string
    ports?: ServicePort[]
    selector?: Record<string, string>
    externalName?: string
  }
}
