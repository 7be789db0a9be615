// Small helpers shared by the project's scripts.
import { spawn, type SpawnOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('..', import.meta.url))

/** Runs a command with inherited stdio; resolves with its exit code (never rejects on failure). */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', cwd: repoRoot, ...opts })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
  })
}

/** Path of a binary installed in node_modules/.bin. */
export function bin(name: string): string {
  return `${repoRoot}node_modules/.bin/${name}`
}

export function log(message: string) {
  process.stdout.write(`\x1b[1m[${new Date().toISOString().slice(11, 19)}] ${message}\x1b[0m\n`)
}

/** True when the module is the process's entry point (import.meta.main needs Node ≥ 24.2). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === process.argv[1]
}

/** Where a fresh CI clone finds the vendored controller source: `../shared` next to the repo. */
export const VENDORED_API_GATEWAY_SOURCE = '../shared/vendor/api-gateway-3.10.0-src.tar.gz'

/**
 * Sets KYMA_API_GATEWAY_SOURCE (resolved from the repo root) to the vendored source of the Kyma API
 * Gateway controller when it exists and nothing else is set, so tests build the controller on
 * machines whose Go module proxy does not serve it.
 */
export function useVendoredApiGatewaySource(): void {
  if (process.env.KYMA_API_GATEWAY_SOURCE) return
  const path = resolve(repoRoot, VENDORED_API_GATEWAY_SOURCE)
  if (existsSync(path)) process.env.KYMA_API_GATEWAY_SOURCE = path
}
