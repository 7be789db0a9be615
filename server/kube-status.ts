// Builds Kubernetes Status bodies for the answers the BFF gives itself, so the SPA handles them
// exactly like errors from the API server.
import type { FastifyReply } from 'fastify'
import type { KubeStatus } from './kube-types.ts'

/** Prefix that tells a user the refusal comes from the dashboard, not from Kubernetes RBAC. */
export const DASHBOARD_REFUSAL = 'Refused by the dashboard server (not by Kubernetes RBAC)'

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  408: 'Timeout',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalError',
  502: 'ServiceUnavailable',
  503: 'ServiceUnavailable',
  504: 'Timeout',
}

export function kubeStatus(code: number, message: string, reason = REASONS[code]): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: reason ?? 'Unknown',
    code,
  }
}

export function sendStatus(reply: FastifyReply, code: number, message: string, reason?: string) {
  return reply
    .code(code)
    .header('content-type', 'application/json')
    .header('cache-control', 'no-store')
    .send(kubeStatus(code, message, reason))
}
