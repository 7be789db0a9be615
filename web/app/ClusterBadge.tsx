// Which cluster the dashboard is connected to, as whom: always visible in the header bar, so an
// operator never edits the wrong cluster by mistake.
import type { ClusterInfo } from '../api/cluster-info.ts'

export function clusterLabel(info: ClusterInfo): string {
  const who = info.user ? `${info.user} @ ` : ''
  const version = info.kubernetesVersion ? ` (${info.kubernetesVersion})` : ''
  return `${who}${info.context ?? info.server ?? 'cluster'}${version}`
}

/** A plain element styled as an information tag (a UI5 Tag would add its code to the first load). */
export function ClusterBadge({ info }: { info: ClusterInfo | undefined }) {
  if (!info) return null
  return (
    <span className="app-cluster-badge" title={info.server} data-testid="cluster-badge">
      {clusterLabel(info)}
    </span>
  )
}
