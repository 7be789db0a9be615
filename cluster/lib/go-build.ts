// Builds the control-plane binaries (GO_TARGETS) from the tools module (cluster/tools/go.mod) into
// the cache dir.
// Each binary is linked to a temp name and renamed into place, so an interrupted build never leaves
// a half-written binary where fromDir() would pick it up.
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { GO_TARGETS, type BinaryName } from '../versions.ts'
import { run } from './exec.ts'
import { withFileLock } from './file-lock.ts'
import { fromDir, isExecutable } from './find-binaries.ts'
import { requireGo } from './go-toolchain.ts'
import { toolsModuleDir } from './paths.ts'
import { type Log, formatDuration, withHeartbeat } from './progress.ts'

async function buildOne(name: BinaryName, cacheDir: string, log: Log, env: NodeJS.ProcessEnv) {
  const target = GO_TARGETS[name]
  const tmp = join(cacheDir, `.${name}.tmp-${process.pid}`)
  const logPath = join(cacheDir, `build-${name}.log`)
  const logFile = createWriteStream(logPath)
  const args = ['build', '-trimpath', '-o', tmp, '-ldflags', target.ldflags]
  if (target.tags) args.push(`-tags=${target.tags}`)
  args.push(target.pkg)
  try {
    const res = await withHeartbeat(log, `go build ${name} (${target.pkg})`, () =>
      run('go', args, {
        cwd: toolsModuleDir,
        // Static binaries like upstream's release builds; no C toolchain needed.
        env: { ...env, CGO_ENABLED: '0' },
        watched: true,
        onStderr: (chunk) => logFile.write(chunk),
      }),
    )
    if (res.code !== 0) {
      const tail = res.stderr.trim().split('\n').slice(-30).join('\n')
      throw new Error(`go build ${name} failed (exit ${res.code}); full log: ${logPath}\n${tail}`)
    }
    await rename(tmp, join(cacheDir, name))
  } finally {
    logFile.end()
    await rm(tmp, { force: true })
  }
}

/** Builds whichever of `names` is missing in `cacheDir` and returns their paths. Safe to call concurrently. */
export async function buildIntoCache<N extends BinaryName>(
  cacheDir: string,
  names: readonly N[],
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<N, string>> {
  await mkdir(cacheDir, { recursive: true })
  return withFileLock(
    join(cacheDir, '.build.lock'),
    async () => {
      // Another process may have finished the build while we waited for the lock.
      const done = await fromDir(cacheDir, names)
      if (done) return done
      const goVersion = await requireGo(env, toolsModuleDir)
      // Temp files of builds that were killed before their rename.
      for (const f of await readdir(cacheDir)) {
        if (f.includes('.tmp-')) await rm(join(cacheDir, f), { force: true })
      }
      const started = performance.now()
      log(
        `building the control plane with Go ${goVersion} into ${cacheDir} ` +
          '(first time: several minutes and ~2 GB of Go build cache; later runs reuse it)',
      )
      for (const name of names) {
        if (!(await isExecutable(join(cacheDir, name)))) await buildOne(name, cacheDir, log, env)
      }
      log(`control plane built in ${formatDuration(performance.now() - started)}`)
      const built = await fromDir(cacheDir, names)
      if (!built) throw new Error(`build finished but binaries are missing in ${cacheDir}`)
      return built
    },
    () => log(`another process is building into ${cacheDir}; waiting for it`),
  )
}
