// `npm run cluster`: a local kube-apiserver + etcd + kube-controller-manager with the Kyma CRDs, the
// Kyma API Gateway controller and demo data, running until Ctrl+C. Flags: see usage below.
import { parseArgs } from 'node:util'
import { type DemoCluster, startDemoCluster } from './demo-cluster.ts'
import { onStopRequest, stopExitCode } from './lib/stop-requests.ts'
import { consoleLog, formatDuration } from './lib/progress.ts'

// For `npm start` (scripts/kube-target.ts): an embedded cluster when there is no kubeconfig.
export { startDemoCluster } from './demo-cluster.ts'
export type { DemoCluster, DemoClusterOptions } from './demo-cluster.ts'

const usage = `Usage: npm run cluster -- [options]

Starts etcd, kube-apiserver and kube-controller-manager on 127.0.0.1 (building them with Go on
first use), installs RBAC and the Kyma/Istio CRDs, runs the Kyma API Gateway controller (built from
KYMA_API_GATEWAY_SOURCE or the Go module proxy), applies the demo data, prints the kubeconfig, then
runs until Ctrl+C.

Options:
  --port <n>       kube-apiserver port (default: a free port)
  --dir <path>     state dir: etcd data, certs, tokens, logs, kubeconfig (default: .local-cluster)
  --no-seed        do not apply the demo data set
  --no-controller  do not run the API Gateway controller (APIRules stay "Not reconciled")
  --help           show this help`

async function main() {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        dir: { type: 'string' },
        'no-seed': { type: 'boolean', default: false },
        'no-controller': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${usage}`)
    process.exit(2)
  }
  if (values.help) {
    console.log(usage)
    process.exit(0)
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    console.error(`--port must be a TCP port number, got ${values.port}\n\n${usage}`)
    process.exit(2)
  }

  // From the start, not only once the cluster is up: a stop during a build or a start must not
  // leave anything running (what is half-started is ended by the exit hooks and the watchdog).
  let cluster: DemoCluster | undefined
  onStopRequest((reason) => {
    consoleLog(`${reason}: stopping the local cluster`)
    void (cluster?.stop() ?? Promise.resolve()).finally(() => process.exit(stopExitCode(reason)))
  })
  try {
    cluster = await startDemoCluster({
      port,
      stateDir: values.dir,
      seed: !values['no-seed'],
      controller: !values['no-controller'],
      handleSignals: false,
    })
    const controller = cluster.info.apiGateway.running
      ? 'running (log: logs/api-gateway.log in the state dir)'
      : `not running: ${cluster.info.apiGateway.reason}`
    console.log(`
Local cluster is running (Ctrl+C to stop).
  server:      ${cluster.info.server}
  kubeconfig:  ${cluster.kubeconfigPath}   (contexts: local-admin, local-viewer, local-developer)
  kubectl:     ${cluster.info.kubectl}   (built from the same Kubernetes release)
  try:         KUBECONFIG=${cluster.kubeconfigPath} ${cluster.info.kubectl} get apirules -A
  controller:  ${controller}
  started in:  ${formatDuration(cluster.startupMs)} (kube-apiserver ready), ${formatDuration(cluster.readyMs)} until set up
`)
    // The stop request above ends the process; keep the event loop alive until then.
    setInterval(() => {}, 1 << 30)
  } catch (err) {
    consoleLog((err as Error).message)
    process.exit(1)
  }
}

if (import.meta.main) await main()
