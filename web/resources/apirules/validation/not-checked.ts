// A controller check the editor cannot make because the user may not read what it needs: a
// warning that names the check and the read, instead of silence.
import { CONTROLLER_CHECKS, type ControllerCheckId } from './controller-checks.ts'
import type { ClusterRead, DocPath, Issue } from './types.ts'

const WHAT: Record<ClusterRead, string> = {
  services: 'the Services of this namespace',
  gateways: 'Istio Gateways',
  externalGateways: 'ExternalGateways',
  virtualServices: 'VirtualServices',
  mesh: 'the Istio mesh config (ConfigMap istio-system/istio)',
  pods: 'the Pods of this namespace',
  endpointSlices: 'the EndpointSlices of this namespace',
}

export function notChecked(path: DocPath, read: ClusterRead, check: ControllerCheckId): Issue {
  return {
    path,
    message: `Not checked: you may not read ${WHAT[read]}, which the controller checks ("${CONTROLLER_CHECKS[check].message}")`,
    severity: 'warning',
    source: 'cluster',
  }
}
