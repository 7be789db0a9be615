// kube-controller-manager for the local cluster: only the controllers that make sense without
// nodes, on loopback, with its own client certificate. What they bring: deleted namespaces finish
// deleting, garbage collection (ownerReferences), the aggregated `view`/`edit`/`admin` roles, and a
// `default` ServiceAccount (with its token Secret support) in every namespace.
import { join } from 'node:path'
import type { Pki } from './certs.ts'
import { ensureClientCert } from './certs.ts'
import { writeCertKubeconfig } from './kubeconfig.ts'
import { type ManagedProcess, startProcess } from './processes.ts'

/** Controller names as kube-controller-manager 1.36 spells them (they end in `-controller`). */
export const LOCAL_CONTROLLERS = [
  'namespace-controller',
  'garbage-collector-controller',
  'clusterrole-aggregation-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
] as const

export function controllerManagerArgs(kubeconfig: string, pki: Pki): string[] {
  return [
    `--kubeconfig=${kubeconfig}`,
    '--leader-elect=false',
    '--bind-address=127.0.0.1',
    // No serving endpoint: nothing scrapes it, and it would need a port and its own certificate.
    '--secure-port=0',
    `--controllers=${LOCAL_CONTROLLERS.join(',')}`,
    // Each controller acts as its own ServiceAccount with its bootstrap role, as on a real cluster,
    // instead of everything acting as the controller manager.
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${pki.saKey}`,
    `--root-ca-file=${pki.caCert}`,
  ]
}

/** Starts kube-controller-manager as `system:kube-controller-manager` (bound by bootstrap RBAC). */
export async function startControllerManager(opts: {
  binary: string
  server: string
  pki: Pki
  pkiDir: string
  logs: string
}): Promise<ManagedProcess> {
  const cert = await ensureClientCert(
    opts.pkiDir,
    'controller-manager',
    'system:kube-controller-manager',
  )
  const kubeconfig = join(opts.pkiDir, 'controller-manager.kubeconfig')
  await writeCertKubeconfig(kubeconfig, opts.server, opts.pki.caCert, cert)
  return startProcess(
    'kube-controller-manager',
    opts.binary,
    controllerManagerArgs(kubeconfig, opts.pki),
    join(opts.logs, 'kube-controller-manager.log'),
  )
}
