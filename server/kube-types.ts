// The few Kubernetes API objects the BFF reads or writes itself (everything else only passes through).

/** meta.k8s.io/v1 Status, the API server's error (and some success) body. */
export interface KubeStatus {
  kind: 'Status'
  apiVersion: 'v1'
  metadata: Record<string, never>
  status: 'Success' | 'Failure'
  message: string
  reason: string
  code: number
  details?: { causes?: { reason?: string; message?: string; field?: string }[] }
}

/** GET /version */
export interface KubeVersionInfo {
  major: string
  minor: string
  gitVersion: string
  platform?: string
}

export interface KubeUserInfo {
  username?: string
  uid?: string
  groups?: string[]
}

/** authentication.k8s.io/v1 SelfSubjectReview (request and response). */
export interface SelfSubjectReview {
  apiVersion: 'authentication.k8s.io/v1'
  kind: 'SelfSubjectReview'
  status?: { userInfo?: KubeUserInfo }
}

/** authorization.k8s.io/v1 SelfSubjectAccessReview, used to validate tokens on servers without SelfSubjectReview. */
export interface SelfSubjectAccessReview {
  apiVersion: 'authorization.k8s.io/v1'
  kind: 'SelfSubjectAccessReview'
  spec: {
    resourceAttributes?: { group?: string; resource?: string; verb?: string; namespace?: string }
  }
  status?: { allowed: boolean; denied?: boolean; reason?: string }
}
