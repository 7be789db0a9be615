// Headless Chromium (Debian's /usr/bin/chromium) for the page benchmarks, and in-page probes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import { ensureChromium, CHROMIUM } from '../../scripts/ensure-chromium.ts'

export async function launchBrowser(): Promise<Browser> {
  await ensureChromium()
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

/** A fresh context: empty HTTP cache, no storage — a first visit. */
export function coldContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'block' })
}

/** Monaco's chunks and workers (the editor's YAML view), which list and form must not load. */
export const MONACO_RE = /\/assets\/(monaco|editor\.worker|yaml\.worker|YamlEditor)[-.][^/]*$/

export interface ResourceEntry {
  name: string
  initiatorType: string
  encodedBodySize: number
  transferSize: number
  responseEnd: number
}

/** Resource Timing entries of the page (same origin, so sizes are visible). */
export function resources(page: Page): Promise<ResourceEntry[]> {
  return page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => {
      const r = e as PerformanceResourceTiming
      return {
        name: r.name,
        initiatorType: r.initiatorType,
        encodedBodySize: r.encodedBodySize,
        transferSize: r.transferSize,
        responseEnd: r.responseEnd,
      }
    }),
  )
}

/**
 * Waits (polling every animation frame) until the API Rule list shows its count text and a
 * laid-out first row; returns performance.now() of that frame (ms since navigation start).
 */
export async function waitForList(page: Page, count: number, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    (n) => {
      const text = `${n} API Rules`
      const counted = [...document.querySelectorAll('[aria-live="polite"]')].some((e) =>
        (e.textContent ?? '').startsWith(text),
      )
      const row = document.querySelector('tr[data-key]')
      return counted && row && row.getBoundingClientRect().height > 0 ? performance.now() : false
    },
    count,
    { polling: 'raf', timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}

/** Waits for the not-found page's illustrated message; returns performance.now() then. */
export async function waitForNotFound(page: Page, timeoutMs = 60_000): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const el = document.querySelector('ui5-illustrated-message') as
        (HTMLElement & { titleText?: string }) | null
      const ok =
        el &&
        (el.titleText === 'Page not found' || el.getAttribute('title-text') === 'Page not found') &&
        el.getBoundingClientRect().height > 0
      return ok ? performance.now() : false
    },
    undefined,
    { polling: 'raf', timeout: timeoutMs },
  )
  return (await handle.jsonValue()) as number
}

const gzipCache = new Map<string, number>()

/** gzip -6 size of a built asset, read from the static dir the BFF serves. */
export async function gzipSize(staticDir: string, url: string): Promise<number> {
  const path = new URL(url).pathname
  const cached = gzipCache.get(path)
  if (cached !== undefined) return cached
  const size = gzipSync(await readFile(join(staticDir, path)), { level: 6 }).byteLength
  gzipCache.set(path, size)
  return size
}

export function isJs(url: string): boolean {
  return new URL(url).pathname.endsWith('.js')
}

/** Starts collecting requestAnimationFrame deltas in the page. */
export function startFrameRecorder(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__frames = []
    w.__recording = true
    let last = performance.now()
    const tick = (t: number) => {
      if (!w.__recording) return
      w.__frames.push(t - last)
      last = t
      requestAnimationFrame(tick)
    }
    requestAnimationFrame((t) => {
      last = t
      requestAnimationFrame(tick)
    })
  })
}

export function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean }
    w.__recording = false
    return w.__frames
  })
}
