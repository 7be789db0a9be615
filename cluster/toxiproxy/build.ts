// Builds Toxiproxy (github.com/Shopify/toxiproxy/v2, the server of cmd/server) from the Go module
// in this folder into the user cache, like the control-plane binaries: locked against concurrent
// builds, linked to a temp name and renamed into place, reused afterwards. The fault tests and the
// remote-cluster benchmarks call ensureToxiproxy(), so a fresh clone builds it on first use.
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { run } from '../lib/exec.ts'
import { withFileLock } from '../lib/file-lock.ts'
import { isExecutable } from '../lib/find-binaries.ts'
import { requireGo } from '../lib/go-toolchain.ts'
import { binaryCacheRoot } from '../lib/paths.ts'
import { type Log, consoleLog, formatDuration, withHeartbeat } from '../lib/progress.ts'

/** The release go.mod requires; bump both together. */
export const TOXIPROXY_VERSION = '2.5.0'
const moduleDir = fileURLToPath(new URL('.', import.meta.url))
const PKG = 'github.com/Shopify/toxiproxy/v2/cmd/server'

export function toxiproxyCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(binaryCacheRoot(env), `toxiproxy-${TOXIPROXY_VERSION}`)
}

/** The path of the cached toxiproxy-server, building it first when it is missing. */
export async function ensureToxiproxy(
  log: Log = consoleLog,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const dir = toxiproxyCacheDir(env)
  const binary = join(dir, 'toxiproxy-server')
  if (await isExecutable(binary)) return binary
  await mkdir(dir, { recursive: true })
  return withFileLock(
    join(dir, '.build.lock'),
    async () => {
      if (await isExecutable(binary)) return binary
      const goVersion = await requireGo(env, moduleDir)
      const started = performance.now()
      const tmp = join(dir, `.toxiproxy-server.tmp-${process.pid}`)
      const logPath = join(dir, 'build.log')
      const logFile = createWriteStream(logPath)
      try {
        const res = await withHeartbeat(log, `go build toxiproxy ${TOXIPROXY_VERSION}`, () =>
          run(
            'go',
            [
              'build',
              '-trimpath',
              '-o',
              tmp,
              '-ldflags',
              `-s -w -X github.com/Shopify/toxiproxy/v2.Version=${TOXIPROXY_VERSION}`,
              PKG,
            ],
            {
              cwd: moduleDir,
              env: { ...env, CGO_ENABLED: '0' },
              onStderr: (chunk) => logFile.write(chunk),
            },
          ),
        )
        if (res.code !== 0) {
          const tail = res.stderr.trim().split('\n').slice(-20).join('\n')
          throw new Error(`go build toxiproxy failed (exit ${res.code}); log: ${logPath}\n${tail}`)
        }
        await rename(tmp, binary)
      } finally {
        logFile.end()
        await rm(tmp, { force: true })
      }
      log(
        `toxiproxy ${TOXIPROXY_VERSION} built with Go ${goVersion} in ` +
          formatDuration(performance.now() - started),
      )
      return binary
    },
    () => log(`another process is building toxiproxy into ${dir}; waiting for it`),
  )
}

if (import.meta.main) console.log(await ensureToxiproxy())
