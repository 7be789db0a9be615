// The Dockerfile's key properties, checked without a Docker engine (hadolint lints it where it is
// installed; see the README): multi-stage, pinned Node 24 base, the same npm commands CI runs,
// a non-root numeric user in the runtime stage, and only what the server needs at runtime.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_FLAGS } from '../server/node-flags.ts'
import { type Stage, parseDockerfile, shellCommands } from './test/dockerfile.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const text = readFileSync(`${root}Dockerfile`, 'utf8')
const dockerfile = parseDockerfile(text)
const stages = dockerfile.stages
const runtime = stages.at(-1) as Stage
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  scripts: Record<string, string>
}
const of = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args)

describe('Dockerfile', () => {
  it('is multi-stage, on pinned official Node 24 images (no latest, no untagged images)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    const names = new Set<string>()
    for (const stage of stages) {
      if (!names.has(stage.image)) {
        expect(stage.image).toMatch(/^node:24(\.\d+)*-[a-z0-9.-]+(@sha256:[0-9a-f]{64})?$/)
        expect(stage.image).not.toMatch(/:latest\b/)
      }
      if (stage.name) names.add(stage.name)
    }
  })

  it('installs with exactly the npm commands CI uses and builds with the project build script', () => {
    const npm = stages
      .flatMap((s) => of(s, 'RUN').flatMap(shellCommands))
      .filter((c) => /^npm\b/.test(c))
    const build = stages.find((s) =>
      of(s, 'RUN').some((r) => shellCommands(r).includes('npm run build')),
    )
    expect(build, 'a stage that runs `npm run build`').toBeDefined()
    expect(pkg.scripts.build).toBeDefined()
    for (const command of npm) {
      const [, sub, ...rest] = command.split(' ')
      if (sub === 'run') {
        expect(rest, command).toEqual(['build'])
        continue
      }
      expect(sub, command).toBe('ci')
      // Flags only change what is installed or printed, never which versions (the lock file decides).
      for (const flag of rest) {
        expect(['--no-audit', '--no-fund', '--omit=dev', '--ignore-scripts'], command).toContain(
          flag,
        )
      }
    }
    expect(npm.filter((c) => c.startsWith('npm ci')).length).toBeGreaterThanOrEqual(1)
    // The production dependencies come from the lock file without dev dependencies.
    expect(npm.some((c) => c.startsWith('npm ci') && c.includes('--omit=dev'))).toBe(true)
  })

  it('never ADDs (no remote URLs, no archive magic), and never fetches with curl or wget', () => {
    for (const stage of stages) {
      expect(of(stage, 'ADD')).toEqual([])
      for (const run of of(stage, 'RUN')) expect(run).not.toMatch(/\b(curl|wget)\b/)
    }
  })

  it('runs the server as a non-root numeric user, as plain TypeScript, on port 8080', () => {
    const users = of(runtime, 'USER')
    expect(users.length).toBeGreaterThan(0)
    const [uid = '', gid] = (users.at(-1) ?? '').split(':')
    expect(uid).toMatch(/^\d+$/)
    expect(Number(uid)).toBeGreaterThan(0)
    if (gid !== undefined) expect(Number(gid)).toBeGreaterThan(0)
    // Exec form, with the same V8 flags as `npm start` and the benchmarks.
    const cmd = of(runtime, 'CMD')
    expect(cmd).toHaveLength(1)
    expect(JSON.parse(cmd[0] ?? '')).toEqual(['node', ...SERVER_NODE_FLAGS, 'server/main.ts'])
    expect(existsSync(`${root}server/main.ts`)).toBe(true)
    expect(of(runtime, 'EXPOSE')).toEqual(['8080'])
    const env = of(runtime, 'ENV').join(' ')
    for (const setting of ['NODE_ENV=production', 'HOST=0.0.0.0', 'PORT=8080']) {
      expect(env).toContain(setting)
    }
    expect(stages.flatMap((s) => of(s, 'HEALTHCHECK'))).toEqual([])
    expect(of(runtime, 'ENTRYPOINT')).toEqual([])
  })

  it('copies only what the runtime needs into the final image', () => {
    const copies = of(runtime, 'COPY').map((c) => c.replace(/\s+/g, ' '))
    const sources = copies.map((c) =>
      c
        .split(' ')
        .slice(0, -1)
        .filter((p) => !p.startsWith('--'))
        .join(' '),
    )
    expect(sources.sort()).toEqual(
      ['/app/node_modules', '/src/dist/web', 'package.json', 'server', 'protocol'].sort(),
    )
    expect(copies.find((c) => c.includes('node_modules'))).toMatch(/^--from=prod-deps /)
    expect(copies.find((c) => c.includes('dist/web'))).toMatch(/^--from=build /)
  })

  it('copies every file of the repository that the server imports (e.g. protocol/)', () => {
    const copied = of(runtime, 'COPY')
      .filter((c) => !c.startsWith('--from='))
      .map((c) => c.split(/\s+/)[0] ?? '')
    const imported = new Set<string>()
    const visit = (file: string) => {
      if (imported.has(file)) return
      imported.add(file)
      const source = readFileSync(`${root}${file}`, 'utf8')
      for (const [, spec = ''] of source.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
        visit(path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
      }
    }
    visit('server/main.ts')
    expect(imported.size).toBeGreaterThan(20)
    const outside = [...imported].filter(
      (file) => !copied.some((dir) => file === dir || file.startsWith(`${dir}/`)),
    )
    expect(outside).toEqual([])
  })
})

describe('.dockerignore', () => {
  const patterns = readFileSync(`${root}.dockerignore`, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  // Enough of Docker's matching for our patterns: literal paths (and everything below them),
  // `**/name` anywhere, `*` within one segment.
  const toRegExp = (pattern: string) => {
    const segment = (part: string) =>
      part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
    return new RegExp(`^${pattern.split('**/').map(segment).join('(?:.*/)?')}(?:/.*)?$`)
  }
  const ignored = (file: string) =>
    patterns.some((p) => !p.startsWith('!') && toRegExp(p).test(file))

  it('keeps local state, dependencies, build output and secrets out of the build context', () => {
    for (const file of [
      'node_modules/x',
      'web/node_modules/x',
      '.local-cluster/pki/ca.key',
      'dist/web/index.html',
      '.git/HEAD',
      'test-results/x',
      'server/app.test.ts',
      'server/test/bff.ts',
      '.env',
      'cluster/kubeconfig',
    ]) {
      expect(ignored(file), file).toBe(true)
    }
  })

  it('keeps everything the build and the runtime read', () => {
    for (const file of [
      'package.json',
      'package-lock.json',
      'vite.config.ts',
      'tsconfig.json',
      'web/index.html',
      'web/main.tsx',
      'public/favicon.svg',
      // The SPA bundles the APIRule CRD (web/resources/apirules/validation/bundled-crd.ts).
      'cluster/crds/apirules.gateway.kyma-project.io.yaml',
      'server/main.ts',
      'server/app.ts',
      'server/config.ts',
      'protocol/watch-stream.ts',
      'protocol/bff-http.ts',
    ]) {
      expect(existsSync(`${root}${file}`), file).toBe(true)
      expect(ignored(file), file).toBe(false)
    }
  })
})
