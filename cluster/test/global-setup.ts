// Vitest globalSetup of the `integration` project: one real kube-apiserver for the whole run,
// handed to test files as inject('cluster').
import type { TestProject } from 'vitest/node'
import { consoleLog, formatDuration } from '../lib/progress.ts'
import { startTestCluster } from './start-test-cluster.ts'

export default async function setup(project: TestProject) {
  const cluster = await startTestCluster()
  project.provide('cluster', cluster.info)
  return async () => {
    const started = performance.now()
    await cluster.stop()
    if (cluster.owned)
      consoleLog(`test cluster stopped in ${formatDuration(performance.now() - started)}`)
  }
}
