// Builds the Kyma API Gateway controller (github.com/kyma-project/api-gateway/cmd, release 3.10.0)
// from the separate Go module in cluster/controller into the user cache, next to a copy of the CRDs
// of the same source. Source, first that works: KYMA_API_GATEWAY_SOURCE (a .tar.gz of the upstream
// source, or its directory), else the Go module proxy. When neither works the caller goes on
// without the controller, so this returns a one-line reason instead of throwing.
import { createWriteStream } from 'node:fs'
import {
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  rename,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { API_GATEWAY, API_GATEWAY_SET } from '../versions.ts'
import { run } from './exec.ts'
import { withFileLock } from './file-lock.ts'
import { isExecutable } from './find-binaries.ts'
import { requireGo } from './go-toolchain.ts'
import { controllerModuleDir, repoRoot } from './paths.ts'
import { type Log, consoleLog, formatDuration, withHeartbeat } from './progress.ts'
import { binaryCacheRoot } from './paths.ts'
import { webhookPortReplace } from './webhook-port-build.ts'

export const SOURCE_ENV = 'KYMA_API_GATEWAY_SOURCE'

export type ApiGatewayBuild =
  { available: true; binary: string; crdDir: string } | { available: false; reason: string }

/** The controller's own CRDs, in the order SOURCES.md applies them (a later file of the same CRD wins). */
const CRD_FILES = [
  /^config\/crd\/bases\/[^/]+\.yaml$/,
  /^hack\/crds\/istio\.gen\.yaml$/,
  /^hack\/crds\/oathkeeper\.ory\.sh_rules\.yaml$/,
  /^hack\/crds\/gardener\/[^/]+\.yaml$/,
]

const howToProvide =
  `set ${SOURCE_ENV} to the upstream source of api-gateway ${API_GATEWAY.release} ` +
  '(a .tar.gz or a directory), or allow the Go module proxy to serve ' +
  `${API_GATEWAY.module}@${API_GATEWAY.version}`

/**
 * `-webhook-port`: built with the port setting of webhook-port-build.ts. The suffix keeps a binary
 * built without it (which always takes port 9443) from ever being reused.
 */
export function apiGatewayCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(binaryCacheRoot(env), `${API_GATEWAY_SET}-webhook-port`)
}

async function cached(dir: string): Promise<ApiGatewayBuild | undefined> {
  const binary = join(dir, 'manager')
  const crdDir = join(dir, 'crds')
  const crds = await readdir(crdDir).catch(() => [])
  return (await isExecutable(binary)) && crds.length
    ? { available: true, binary, crdDir }
    : undefined
}

/** The source folder (with go.mod) from KYMA_API_GATEWAY_SOURCE, extracting a tarball into `work`. */
async function sourceFromEnv(path: string, work: string): Promise<string> {
  const abs = resolve(repoRoot, path)
  const info = await stat(abs).catch(() => undefined)
  if (!info) throw new Error(`${SOURCE_ENV}=${path} does not exist`)
  let dir = abs
  if (info.isFile()) {
    dir = join(work, 'src')
    await mkdir(dir, { recursive: true })
    const res = await run('tar', ['-xzf', abs, '-C', dir])
    if (res.code !== 0) throw new Error(`cannot extract ${abs}: ${res.stderr.trim()}`)
    const top = await readdir(dir)
    if (top.length === 1 && top[0]) dir = join(dir, top[0])
  }
  const gomod = await readFile(join(dir, 'go.mod'), 'utf8').catch(() => '')
  if (!gomod.startsWith(`module ${API_GATEWAY.module}\n`)) {
    throw new Error(`${SOURCE_ENV}=${path} is not the source of ${API_GATEWAY.module}`)
  }
  return dir
}

/** The module from the Go module proxy (verified against the checksum database by `go`). */
async function sourceFromProxy(env: NodeJS.ProcessEnv): Promise<string> {
  const res = await run(
    'go',
    ['mod', 'download', '-json', `${API_GATEWAY.module}@${API_GATEWAY.version}`],
    {
      cwd: controllerModuleDir,
      env,
    },
  )
  const out = JSON.parse(res.stdout || '{}') as { Dir?: string; Error?: string }
  if (res.code !== 0 || !out.Dir) {
    const why = (out.Error ?? res.stderr).split('\n')[0]?.trim() ?? `exit ${res.code}`
    throw new Error(`the Go module proxy did not serve it (${why})`)
  }
  return out.Dir
}

async function copyCrds(srcDir: string, crdDir: string) {
  await mkdir(crdDir, { recursive: true })
  const files: string[] = []
  for (const sub of ['config/crd/bases', 'hack/crds', 'hack/crds/gardener']) {
    for (const f of await readdir(join(srcDir, sub)).catch(() => [])) files.push(`${sub}/${f}`)
  }
  let n = 0
  for (const pattern of CRD_FILES) {
    for (const f of files.filter((x) => pattern.test(x)).sort()) {
      // Numbered so that loading the folder in name order keeps the order above.
      const name = `${String(n++).padStart(2, '0')}-${f.replaceAll('/', '_')}`
      await copyFile(join(srcDir, f), join(crdDir, name))
    }
  }
  if (!n) throw new Error(`no CRDs found in ${srcDir}`)
}

async function build(cacheDir: string, log: Log, env: NodeJS.ProcessEnv): Promise<ApiGatewayBuild> {
  const work = await mkdtemp(join(cacheDir, '.work-'))
  const logPath = join(cacheDir, 'build.log')
  try {
    const fromEnv = env[SOURCE_ENV]
    const srcDir = fromEnv ? await sourceFromEnv(fromEnv, work) : await sourceFromProxy(env)
    // The committed go.mod/go.sum pin every dependency; a copy adds the replace to the source
    // folder, so the repository's files stay untouched and no upstream code is copied into it.
    const gomod = await readFile(join(controllerModuleDir, 'go.mod'), 'utf8')
    const modfile = join(work, 'go.mod')
    await writeFile(modfile, `${gomod}\nreplace ${API_GATEWAY.module} => ${srcDir}\n`)
    await copyFile(join(controllerModuleDir, 'go.sum'), join(work, 'go.sum'))
    // The webhook port from an environment variable: see webhook-port-build.ts.
    const portReplace = await webhookPortReplace(work, modfile, controllerModuleDir, env)
    await writeFile(modfile, `${await readFile(modfile, 'utf8')}${portReplace}\n`)
    const tmp = join(cacheDir, `.manager.tmp-${process.pid}`)
    const logFile = createWriteStream(logPath)
    const args = ['build', '-trimpath', `-modfile=${modfile}`, '-ldflags', '-s -w']
    const res = await withHeartbeat(
      log,
      `go build api-gateway controller (${API_GATEWAY.pkg})`,
      () =>
        run('go', [...args, '-o', tmp, API_GATEWAY.pkg], {
          cwd: controllerModuleDir,
          env: { ...env, CGO_ENABLED: '0' },
          watched: true,
          onStderr: (chunk) => logFile.write(chunk),
        }),
    ).finally(() => logFile.end())
    if (res.code !== 0) {
      await rm(tmp, { force: true })
      const last = res.stderr.trim().split('\n').slice(-1)[0] ?? ''
      return { available: false, reason: `go build failed (${last}); full log: ${logPath}` }
    }
    await copyCrds(srcDir, join(work, 'crds'))
    await rm(join(cacheDir, 'crds'), { recursive: true, force: true })
    await rename(join(work, 'crds'), join(cacheDir, 'crds'))
    await rename(tmp, join(cacheDir, 'manager'))
    return (await cached(cacheDir)) ?? { available: false, reason: 'build left no binary' }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/**
 * The controller binary and its CRD folder, built on first use; or why it is not available.
 * Never throws: without the controller the local cluster still works ("Not reconciled").
 */
export async function ensureApiGatewayController(
  opts: { log?: Log; env?: NodeJS.ProcessEnv } = {},
): Promise<ApiGatewayBuild> {
  const log = opts.log ?? consoleLog
  const env = opts.env ?? process.env
  const cacheDir = apiGatewayCacheDir(env)
  const hit = await cached(cacheDir)
  if (hit) return hit
  try {
    await mkdir(cacheDir, { recursive: true })
    return await withFileLock(
      join(cacheDir, '.build.lock'),
      async () => {
        const done = await cached(cacheDir)
        if (done) return done
        await requireGo(env, controllerModuleDir)
        const started = performance.now()
        const result = await build(cacheDir, log, env)
        if (result.available) {
          log(`API Gateway controller built in ${formatDuration(performance.now() - started)}`)
        }
        return result
      },
      () => log(`another process is building the API Gateway controller; waiting for it`),
    )
  } catch (err) {
    return { available: false, reason: (err as Error).message.split('\n')[0] ?? '' }
  }
}

/** The one line printed when the cluster goes on without the controller. */
export function withoutControllerLine(reason: string): string {
  return `API Gateway controller not available: ${reason}. Going on without it (APIRules show "Not reconciled"); to get it, ${howToProvide}.`
}
