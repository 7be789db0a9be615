// Command lines of etcd and kube-apiserver for a controller-less local cluster (envtest style).
import type { Pki } from './certs.ts'

export interface EtcdPorts {
  client: number
  peer: number
}

export function etcdArgs(dataDir: string, ports: EtcdPorts, ephemeral: boolean): string[] {
  const client = `http://127.0.0.1:${ports.client}`
  const peer = `http://127.0.0.1:${ports.peer}`
  return [
    '--name=local',
    `--data-dir=${dataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=local=${peer}`,
    '--log-level=warn',
    // Test clusters are thrown away; skipping fsync makes writes (and so every test) faster.
    ...(ephemeral ? ['--unsafe-no-fsync=true'] : []),
  ]
}

export interface ApiserverConfig {
  etcdUrl: string
  port: number
  pki: Pki
  tokenFile: string
  /** AuthenticationConfiguration file (JWT authenticator for the local OpenID provider). */
  authenticationConfig?: string
}

export function apiserverArgs(c: ApiserverConfig): string[] {
  return [
    `--etcd-servers=${c.etcdUrl}`,
    '--bind-address=127.0.0.1',
    `--secure-port=${c.port}`,
    // With a loopback bind and possibly no default route, the server cannot pick an address itself.
    '--advertise-address=127.0.0.1',
    // Otherwise it keeps trying to write 127.0.0.1 into the `kubernetes` Endpoints, which
    // validation rejects (loopback) — log noise and retries for nothing.
    '--endpoint-reconciler-type=none',
    `--tls-cert-file=${c.pki.serverCert}`,
    `--tls-private-key-file=${c.pki.serverKey}`,
    `--client-ca-file=${c.pki.caCert}`,
    `--token-auth-file=${c.tokenFile}`,
    ...(c.authenticationConfig ? [`--authentication-config=${c.authenticationConfig}`] : []),
    '--authorization-mode=RBAC',
    // Only allocation: no kube-proxy, so these IPs carry no traffic.
    '--service-cluster-ip-range=10.96.0.0/12',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${c.pki.saPub}`,
    `--service-account-signing-key-file=${c.pki.saKey}`,
    // ServiceAccount admission rejects Pods until the `default` ServiceAccount exists, and only the
    // controller manager (not running here) creates it. Everything else works in-process.
    '--disable-admission-plugins=ServiceAccount',
    '--allow-privileged=true',
    '--profiling=false',
  ]
}
