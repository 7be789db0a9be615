// Which cluster the dashboard is connected to, as whom: always visible in the ShellBar, so an
// operator never edits the wrong cluster by mistake.
import { Tag } from '@ui5/webcomponents-react'
import type { ClusterInfo } from '../api/hooks.ts'

export function clusterLabel(info: ClusterInfo): string {
  const who = info.user ? `${info.user} @ ` : ''
  const version = info.kubernetesVersion ? ` (${info.kubernetesVersion})` : ''
  return `${who}${info.context ?? info.server ?? 'cluster'}${version}`
}

/** `slot` is set by the ShellBar wrapper when it places this in its content slot. */
export function ClusterBadge({ info, slot }: { info: ClusterInfo | undefined; slot?: string }) {
  if (!info) return null
  return (
    <Tag slot={slot} design="Information" title={info.server} data-testid="cluster-badge">
      {clusterLabel(info)}
    </Tag>
  )
}
