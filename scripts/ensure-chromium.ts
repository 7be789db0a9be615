// Playwright drives Debian's Chromium (browser downloads are impossible here). Install it when it
// is missing and we are root; otherwise stop with the exact command to run.
import { existsSync } from 'node:fs'
import { isMain, log, run } from './lib.ts'

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function ensureChromium(): Promise<void> {
  if (existsSync(CHROMIUM)) return
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Install it with:\n  sudo apt-get update && sudo apt-get install -y chromium fonts-liberation\n(or set CHROMIUM_PATH to a Chromium binary).`,
    )
  }
  log('Installing Debian Chromium for the browser tests (apt-get install chromium)…')
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if ((await run('apt-get', ['update', '-qq'], { env })) !== 0)
    throw new Error('apt-get update failed')
  const code = await run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-liberation'], {
    env,
  })
  if (code !== 0 || !existsSync(CHROMIUM)) throw new Error('apt-get install chromium failed')
}

if (isMain(import.meta.url)) {
  ensureChromium().catch((err: Error) => {
    console.error(err.message)
    process.exit(1)
  })
}
