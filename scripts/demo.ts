// `npm run demo [-- <name>] [--headed] [--pace <ms>]`: plays a walkthrough (without a name: every
// one, the screenshot set of every page included) against a fresh local
// cluster (demo data included) and a dashboard started for it, with on-screen captions, and
// writes a video (.webm) and numbered screenshots to demo-output/<name>/.
// `npm run demo -- --list` lists the demos (e2e/demos/<name>.ts).
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm, symlink } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startDemoCluster } from '../cluster/demo-cluster.ts'
import { silentLog } from '../cluster/lib/progress.ts'
import type { Demo, DemoContext } from '../e2e/demos/kit.ts'
import { showCaption } from '../e2e/demos/kit.ts'
import { startBff } from '../e2e/support/bff.ts'
import { buildIfStale } from './build-if-stale.ts'
import { CHROMIUM, ensureChromium } from './ensure-chromium.ts'
import { isMain, log, repoRoot, run, useVendoredApiGatewaySource } from './lib.ts'

const DEMO_DIR = join(repoRoot, 'e2e/demos')
const OUTPUT_DIR = join(repoRoot, 'demo-output')
const VIEWPORT = { width: 1280, height: 720 }

const USAGE = `Usage: npm run demo -- [name] [--headed] [--pace <ms>] [--list]

  name        the demo to play (default: every demo, e.g. lesson and screens); see --list
  --headed    show the browser window (default: headless)
  --pace      milliseconds per "beat" between steps (default 1800)
  --list      list the demos and exit`

/** Demo modules: every e2e/demos/<name>.ts except the kit. */
export async function loadDemos(): Promise<Map<string, Demo>> {
  const demos = new Map<string, Demo>()
  for (const file of (await readdir(DEMO_DIR)).sort()) {
    if (!file.endsWith('.ts') || file === 'kit.ts') continue
    const mod = (await import(join(DEMO_DIR, file))) as { demo?: Demo }
    if (mod.demo) demos.set(file.slice(0, -3), mod.demo)
  }
  return demos
}

/**
 * Playwright records video with its own ffmpeg build, normally downloaded by `playwright install`
 * (impossible here). Debian's ffmpeg (apt) does the same job: when Playwright's is missing, link
 * the system one into a project-local Playwright registry and point PLAYWRIGHT_BROWSERS_PATH at
 * it. Must run before @playwright/test is imported (it reads the variable when it loads).
 */
async function ensureFfmpeg(): Promise<void> {
  const browsers = JSON.parse(
    readFileSync(join(repoRoot, 'node_modules/playwright-core/browsers.json'), 'utf8'),
  ) as { browsers: { name: string; revision: string }[] }
  const revision = browsers.browsers.find((b) => b.name === 'ffmpeg')?.revision
  if (!revision) throw new Error('playwright-core/browsers.json names no ffmpeg revision')
  const registry =
    process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(homedir(), '.cache', 'ms-playwright')
  if (existsSync(join(registry, `ffmpeg-${revision}`, 'ffmpeg-linux'))) return

  const system = '/usr/bin/ffmpeg'
  if (!existsSync(system)) {
    if (process.getuid?.() !== 0)
      throw new Error('Recording the demo video needs ffmpeg: sudo apt-get install -y ffmpeg')
    log('Installing Debian ffmpeg for the demo video (apt-get install ffmpeg)…')
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
    const code = await run('apt-get', ['install', '-y', '-qq', 'ffmpeg'], { env })
    if (code !== 0 || !existsSync(system)) throw new Error('apt-get install ffmpeg failed')
  }
  const local = join(repoRoot, 'node_modules/.cache/kyma-demo-playwright')
  const dir = join(local, `ffmpeg-${revision}`)
  await mkdir(dir, { recursive: true })
  if (!existsSync(join(dir, 'ffmpeg-linux'))) await symlink(system, join(dir, 'ffmpeg-linux'))
  process.env.PLAYWRIGHT_BROWSERS_PATH = local
}

const isLocal = (url: string) =>
  /^(data|blob|about):/.test(url) || ['127.0.0.1', 'localhost'].includes(new URL(url).hostname)

async function play(name: string, demo: Demo, opts: { headed: boolean; pace: number }) {
  const out = join(OUTPUT_DIR, name)
  await rm(out, { recursive: true, force: true })
  await mkdir(out, { recursive: true })

  await buildIfStale()
  log('Starting a local cluster with the demo data…')
  const stateDir = await mkdtemp(join(tmpdir(), 'kyma-demo-'))
  useVendoredApiGatewaySource()
  const cluster = await startDemoCluster({ stateDir, ephemeral: true, log: silentLog })
  if (!cluster.info.apiGateway.running) {
    log(
      `No API Gateway controller: ${cluster.info.apiGateway.reason} (the demo shows "Not reconciled")`,
    )
  }
  const bff = await startBff(['--kubeconfig', cluster.kubeconfigPath])
  log(`Dashboard for the demo at ${bff.url}`)

  const { chromium } = await import('@playwright/test')
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !opts.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  })
  const context = await browser.newContext({
    baseURL: bff.url,
    viewport: VIEWPORT,
    colorScheme: 'light',
    recordVideo: { dir: out, size: VIEWPORT },
  })
  // Same rule as the e2e suite: nothing leaves the machine.
  await context.route('**/*', (route) =>
    isLocal(route.request().url()) ? route.continue() : route.abort('blockedbyclient'),
  )
  const page = await context.newPage()
  let shots = 0
  const d: DemoContext = {
    page,
    async caption(text) {
      await showCaption(page, text)
      await page.waitForTimeout(opts.pace)
    },
    async shot(label) {
      shots++
      const file = `${String(shots).padStart(2, '0')}-${label.replace(/[^a-z0-9-]+/gi, '-')}.png`
      await page.screenshot({ path: join(out, file) })
    },
    pause: (ms) => page.waitForTimeout(ms ?? opts.pace),
    type: (text) => page.keyboard.type(text, { delay: 60 }),
  }

  let failed: unknown
  try {
    log(`Playing "${demo.title}"…`)
    await demo.run(d)
  } catch (err) {
    failed = err
    await page.screenshot({ path: join(out, 'failure.png') }).catch(() => {})
  } finally {
    const video = page.video()
    await context.close()
    if (video) await rename(await video.path(), join(out, `${name}.webm`))
    await browser.close()
    await bff.stop()
    await cluster.stop()
    await rm(stateDir, { recursive: true, force: true })
  }
  if (failed) throw failed
  log(`Done: ${shots} screenshots and ${name}.webm in ${out}`)
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      list: { type: 'boolean' },
      headed: { type: 'boolean' },
      pace: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  // Before the demos load @playwright/test (see ensureFfmpeg).
  if (!values.list) await ensureFfmpeg()
  const demos = await loadDemos()
  if (values.list) {
    for (const [name, demo] of demos)
      console.log(`${name.padEnd(12)} ${demo.title}\n${' '.repeat(13)}${demo.description}`)
    return 0
  }
  // No name: every demo (the lesson and the screenshot set of every page).
  const names = positionals[0] ? [positionals[0]] : [...demos.keys()]
  const unknown = names.find((n) => !demos.has(n))
  if (unknown) {
    console.error(`No demo "${unknown}". Available: ${[...demos.keys()].join(', ')}`)
    return 2
  }
  await ensureChromium()
  for (const name of names) {
    await play(name, demos.get(name)!, {
      headed: !!values.headed,
      pace: Number(values.pace ?? 1800),
    })
  }
  return 0
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err instanceof Error ? (err.stack ?? err.message) : err)
      process.exit(1)
    },
  )
}
