// Runs the Kyma API Gateway controller next to the local kube-apiserver: its webhook certificate
// Secret, its process (loopback health probe, no metrics, log in the state dir), and the checks that
// it serves the APIRule conversion webhook before anything is stored through it.
import { join } from 'node:path'
import { Agent, fetch } from 'undici'
import type { KubeObject } from './apply.ts'
import { applyAll } from './apply.ts'
import { type Pki, ensureClientCert, ensureWebhookCert } from './certs.ts'
import type { KubeClient } from './kube-client.ts'
import { writeCertKubeconfig } from './kubeconfig.ts'
import { freePort } from './ports.ts'
import { type ManagedProcess, startProcess } from './processes.ts'
import { waitFor } from './wait.ts'
import { WEBHOOK_PORT_ENV } from './webhook-port-build.ts'
import { conversionWorks } from './conversion-probe.ts'

/** The APIRule CRD's conversion webhook URL for a cluster whose controller serves on `port`. */
export function conversionUrl(port: number): string {
  return `https://127.0.0.1:${port}/convert`
}

const NAMESPACE = 'kyma-system'
const SECRET = 'api-gateway-webhook-certificate'

function webhookSecret(chain: string, key: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: SECRET,
      namespace: NAMESPACE,
      labels: { 'kyma-project.io/module': 'api-gateway' },
    },
    type: 'Opaque',
    data: {
      'tls.crt': Buffer.from(chain).toString('base64'),
      'tls.key': Buffer.from(key).toString('base64'),
    },
  }
}

/** The CA bundle the APIRule CRD's conversion webhook must trust (the cluster CA signs the cert). */
export async function webhookCaBundle(pkiDir: string): Promise<string> {
  const { chain } = await ensureWebhookCert(pkiDir)
  return Buffer.from(chain).toString('base64')
}

export interface ApiGatewayRun {
  admin: KubeClient
  binary: string
  server: string
  pki: Pki
  pkiDir: string
  logsDir: string
  fieldManager: string
  readyTimeoutMs?: number
  /** The webhook's port (chosen per cluster; the built controller reads it from WEBHOOK_PORT_ENV). */
  webhookPort: number
}

/**
 * Applies the webhook Secret, starts the controller and waits until its probe says ready and the
 * conversion webhook answers over TLS with the certificate the CRD trusts. Throws (after stopping
 * it) if it exits or does not get there in time; the log is in `<logsDir>/api-gateway.log`.
 */
export async function startApiGateway(run: ApiGatewayRun): Promise<ManagedProcess> {
  const { chain, key } = await ensureWebhookCert(run.pkiDir)
  await applyAll(
    run.admin,
    [
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
      webhookSecret(chain, key),
    ],
    run.fieldManager,
  )
  // Cluster admin: upstream's RBAC manifests are not part of the source the binary is built from.
  const cert = await ensureClientCert(run.pkiDir, 'api-gateway', 'kyma-api-gateway-controller', [
    'system:masters',
  ])
  const kubeconfig = join(run.pkiDir, 'api-gateway.kubeconfig')
  await writeCertKubeconfig(kubeconfig, run.server, run.pki.caCert, cert)
  const probe = await freePort()
  const proc = startProcess(
    'api-gateway',
    run.binary,
    ['--metrics-bind-address=0', `--health-probe-bind-address=127.0.0.1:${probe}`],
    join(run.logsDir, 'api-gateway.log'),
    { KUBECONFIG: kubeconfig, [WEBHOOK_PORT_ENV]: String(run.webhookPort) },
  )
  const dispatcher = new Agent({ connect: { ca: chain } })
  try {
    await waitFor(
      'API Gateway controller ready',
      async () => {
        const ready = await fetch(`http://127.0.0.1:${probe}/readyz`)
        if (ready.status !== 200) return undefined
        // Ready = a real conversion answered over TLS with the certificate the CRD trusts: only
        // then can the API server read and write APIRules through it.
        return (await conversionWorks(conversionUrl(run.webhookPort), dispatcher)) || undefined
      },
      run.readyTimeoutMs ?? 60_000,
      200,
      proc.exited.then((c) => `exited (${c}); log ${proc.logPath}`),
    )
  } catch (err) {
    await proc.stop()
    throw err
  } finally {
    await dispatcher.close()
  }
  return proc
}
