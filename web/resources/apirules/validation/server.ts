// Maps the API server's answer to a rejected request (a Status with details.causes) to Issues.
import type { K8sStatus } from '../../../api/k8s-types.ts'
import { parseFieldPath } from './paths.ts'
import type { Issue } from './types.ts'

/** Strips `Invalid value: "object": ` and similar prefixes the server puts before CEL messages. */
function cleanMessage(message: string): string {
  return message.replace(/^Invalid value: "object": /, '').trim()
}

export function statusToIssues(status: K8sStatus | undefined): Issue[] {
  if (!status) return []
  const causes = status.details?.causes ?? []
  const issues: Issue[] = causes
    .filter((c) => c.message || c.field)
    .map((c) => ({
      path: c.field ? parseFieldPath(c.field.replace(/^<nil>$/, '')) : [],
      message: cleanMessage(c.message ?? c.reason ?? 'Invalid value'),
      severity: 'error' as const,
      source: 'server' as const,
    }))
  if (issues.length === 0 && status.status === 'Failure' && status.message)
    issues.push({ path: [], message: status.message, severity: 'error', source: 'server' })
  return issues
}
