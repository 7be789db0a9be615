// `npm start` builds the SPA only when a source file is newer than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { bin, log, repoRoot, run } from './lib.ts'

const INPUTS = ['web', 'protocol', 'public', 'vite.config.ts', 'package-lock.json']
const OUTPUT = join(repoRoot, 'dist/web/index.html')

function newestMtime(path: string): number {
  const st = statSync(path)
  if (!st.isDirectory()) return st.mtimeMs
  let newest = st.mtimeMs
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

export function isBuildStale(): boolean {
  if (!existsSync(OUTPUT)) return true
  const built = statSync(OUTPUT).mtimeMs
  return INPUTS.some((p) => existsSync(join(repoRoot, p)) && newestMtime(join(repoRoot, p)) > built)
}

export async function buildIfStale(): Promise<void> {
  if (!isBuildStale()) return
  log('Building the dashboard (vite build)…')
  const code = await run(bin('vite'), ['build', '--logLevel', 'warn'])
  if (code !== 0) throw new Error('vite build failed')
}
