// One host, one APIRule: the controller refuses a host that a VirtualService of another APIRule
// already uses ("Host is occupied by another Virtual Service").
import type { CheckIssue, DocPath } from '../issue.ts'
import type { HostIndex } from './context.ts'

/**
 * The APIRules other than `self` that use one of `hosts` (the host as written and as resolved).
 * `path` is the host's place in the document.
 */
export function occupiedHostIssues(
  hosts: readonly string[],
  self: string | undefined,
  index: HostIndex,
  path: DocPath,
): CheckIssue[] {
  const others = [...new Set(hosts.flatMap((h) => index.get(h) ?? []))].filter((k) => k !== self)
  const first = others[0]
  if (!first) return []
  const host = hosts[hosts.length - 1] ?? ''
  return [
    {
      kind: 'duplicate-host',
      path,
      message: `Host is occupied by another Virtual Service (APIRule ${first})`,
      explanation: `Host ${host} is also used by ${others.length === 1 ? 'APIRule' : 'APIRules'} ${others.join(', ')}. Only one of them can own it.`,
      severity: 'error',
      source: 'cluster',
    },
  ]
}
