// The Kubernetes API shapes the dashboard touches. Only what we read or write is typed;
// everything else stays `unknown` so that it is carried along untouched.
import type { WatchEventType } from '../../protocol/watch-stream.ts'

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  labels?: Record<string, string>
  annotations?: Record<string, string>
  ownerReferences?: OwnerReference[]
  finalizers?: string[]
  managedFields?: unknown[]
}

/** Any Kubernetes object. */
export interface K8sObject {
  apiVersion?: string
  kind?: string
  metadata: ObjectMeta
}

export interface ListMeta {
  resourceVersion?: string
  continue?: string
  remainingItemCount?: number
}

export interface K8sList<T extends K8sObject = K8sObject> {
  apiVersion?: string
  kind?: string
  metadata: ListMeta
  items: T[]
}

export interface StatusCause {
  reason?: string
  message?: string
  field?: string
}

/** meta/v1 Status: what the API server (and the BFF) answer on errors. */
export interface K8sStatus {
  kind: 'Status'
  apiVersion?: string
  status?: 'Success' | 'Failure'
  message?: string
  reason?: string
  code?: number
  details?: {
    name?: string
    group?: string
    kind?: string
    uid?: string
    causes?: StatusCause[]
    retryAfterSeconds?: number
  }
}

/** The event types of a Kubernetes watch, as the watch stream carries them. */
export type { WatchEventType } from '../../protocol/watch-stream.ts'

export interface WatchEvent<T extends K8sObject = K8sObject> {
  type: WatchEventType
  /** A K8sStatus when type is ERROR. */
  object: T | K8sStatus
}
