// Playwright drives Debian's Chromium against the real BFF, which talks to the real local
// kube-apiserver. `npm run e2e` (scripts/e2e.ts) starts the cluster and exports its info file as
// KYMA_TEST_CLUSTER; the webServer below then runs the BFF with that cluster's kubeconfig.
import { defineConfig } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { E2E_PORT, EMBED_HOST_PORT } from './e2e/support/ports.ts'

const PORT = E2E_PORT
export const BASE_URL = `http://127.0.0.1:${PORT}`

function clusterKubeconfig(): string {
  const infoFile = process.env.KYMA_TEST_CLUSTER
  if (!infoFile) throw new Error('KYMA_TEST_CLUSTER is not set: run the suite with `npm run e2e`.')
  return (JSON.parse(readFileSync(infoFile, 'utf8')) as { kubeconfigPath: string }).kubeconfigPath
}

export default defineConfig({
  testDir: './e2e',
  testMatch: /.*\.spec\.ts/,
  outputDir: './test-results',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0, // a flaky test is a bug to fix, not to retry
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: {
    // The embedding spec frames the dashboard from a test page on 127.0.0.1:EMBED_HOST_PORT.
    command: `node server/main.ts --port ${PORT} --kubeconfig ${clusterKubeconfig()} --log-level warn --embed-allowed-origins http://127.0.0.1:${EMBED_HOST_PORT}`,
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
})
