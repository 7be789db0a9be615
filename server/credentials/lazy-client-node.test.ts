// @kubernetes/client-node costs ~85 MB of RSS (its entry point loads the whole generated API), so the
// BFF must load it only when it reads a kubeconfig. Vitest's own module graph cannot tell (other test
// files import the library), so each case builds the server in a fresh Node process that records
// every module it loads through a synchronous `module.registerHooks` load hook — that hook sees ESM
// imports, dynamic imports and require() alike — and prints the list of loaded URLs.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const serverDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const MARKER = 'LOADED-MODULES:'

// Runs in the child. argv: [config flags as JSON, environment as JSON].
const CHILD = `
import { registerHooks } from 'node:module'
const loaded = []
registerHooks({
  load(url, context, nextLoad) {
    loaded.push(url)
    return nextLoad(url, context)
  },
})
const [flags, env] = process.argv.slice(1).map((a) => JSON.parse(a))
const { parseConfig } = await import(${JSON.stringify(pathToFileURL(path.join(serverDir, 'config.ts')).href)})
const { buildServer } = await import(${JSON.stringify(pathToFileURL(path.join(serverDir, 'app.ts')).href)})
const app = await buildServer(parseConfig(flags, env))
await app.ready()
await app.close()
process.stdout.write('\\n${MARKER}' + JSON.stringify(loaded) + '\\n')
`

let dir: string
let token: string
let ca: string
let kubeconfig: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lazy-client-node-'))
  token = path.join(dir, 'token')
  ca = path.join(dir, 'ca.crt')
  kubeconfig = path.join(dir, 'kubeconfig')
  await writeFile(token, 'service-account-token\n')
  // Read as bytes only; nothing connects in these tests.
  await writeFile(ca, '-----BEGIN CERTIFICATE-----\nfixture\n-----END CERTIFICATE-----\n')
  await writeFile(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: fixture',
      'clusters: [{name: c, cluster: {server: "https://127.0.0.1:9", insecure-skip-tls-verify: true}}]',
      'users: [{name: u, user: {token: fixture-token}}]',
      'contexts: [{name: fixture, context: {cluster: c, user: u}}]',
      '',
    ].join('\n'),
  )
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function loadedModules(flags: string[], env: Record<string, string> = {}): Promise<string[]> {
  const { stdout } = await run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      CHILD,
      JSON.stringify(['--port', '0', '--log-level', 'error', '--static-dir', dir, ...flags]),
      JSON.stringify(env),
    ],
    // No KUBECONFIG or in-cluster variables leak in from the test runner's environment.
    { env: { PATH: process.env.PATH ?? '' }, cwd: dir, timeout: 20_000 },
  )
  const line = stdout.split('\n').find((l) => l.startsWith(MARKER))
  if (line === undefined) throw new Error(`child printed no module list:\n${stdout}`)
  return JSON.parse(line.slice(MARKER.length)) as string[]
}

const clientNode = (urls: string[]) =>
  urls.filter((u) => u.includes('/node_modules/@kubernetes/client-node/'))

const inClusterEnv = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' }

describe('@kubernetes/client-node is loaded only for a kubeconfig', () => {
  it('is not loaded in in-cluster mode', async () => {
    const urls = await loadedModules(
      ['--auth-mode', 'in-cluster', '--in-cluster-token-file', token, '--in-cluster-ca-file', ca],
      inClusterEnv,
    )
    // The hook did see the server being loaded, so an empty match is meaningful.
    expect(urls.some((u) => u.endsWith('/server/app.ts'))).toBe(true)
    expect(urls.some((u) => u.includes('/node_modules/fastify/'))).toBe(true)
    expect(clientNode(urls)).toEqual([])
  })

  it('is not loaded in token mode with --server and --ca-file', async () => {
    const urls = await loadedModules([
      '--auth-mode',
      'token',
      '--server',
      'https://127.0.0.1:9',
      '--ca-file',
      ca,
    ])
    expect(clientNode(urls)).toEqual([])
  })

  it('is not loaded in token mode taking the cluster from the in-cluster environment', async () => {
    const urls = await loadedModules(
      ['--auth-mode', 'token', '--in-cluster-ca-file', ca],
      inClusterEnv,
    )
    expect(clientNode(urls)).toEqual([])
  })

  it('is loaded in kubeconfig mode, and in token mode with a kubeconfig cluster', async () => {
    for (const mode of ['kubeconfig', 'token']) {
      const urls = await loadedModules(['--auth-mode', mode, '--kubeconfig', kubeconfig])
      expect(clientNode(urls).length, mode).toBeGreaterThan(0)
    }
  })
})

// openid-client and its dependencies (≈ 20 MB of RSS with the oidc modules) likewise: oidc mode only.
describe('openid-client is loaded only in oidc mode', () => {
  const openidClient = (urls: string[]) =>
    urls.filter((u) => u.includes('/node_modules/openid-client/'))

  // (A kubeconfig brings it in through @kubernetes/client-node's own OIDC support.)
  it('is not loaded in in-cluster mode, nor in token mode with --server', async () => {
    const inCluster = await loadedModules(
      ['--auth-mode', 'in-cluster', '--in-cluster-token-file', token, '--in-cluster-ca-file', ca],
      inClusterEnv,
    )
    expect(inCluster.some((u) => u.endsWith('/server/app.ts'))).toBe(true)
    expect(openidClient(inCluster)).toEqual([])
    const tokenMode = await loadedModules([
      '--auth-mode',
      'token',
      '--server',
      'https://127.0.0.1:9',
      '--ca-file',
      ca,
    ])
    expect(openidClient(tokenMode)).toEqual([])
  })

  it('is loaded in oidc mode', async () => {
    const urls = await loadedModules([
      '--auth-mode',
      'oidc',
      '--kubeconfig',
      kubeconfig,
      '--oidc-issuer',
      'https://127.0.0.1:9',
      '--oidc-client-id',
      'dashboard',
    ])
    expect(openidClient(urls).length).toBeGreaterThan(0)
  })
})
