// What a demo script gets: the page, on-screen captions, numbered screenshots and a human pace.
// Demos are plain scripts on top of the e2e page objects (not specs); `npm run demo` runs them.
import type { Page } from '@playwright/test'

export interface DemoContext {
  page: Page
  /** Shows a caption at the bottom of the page (replacing the previous one) and waits a moment. */
  caption(text: string): Promise<void>
  /** Saves a numbered screenshot (`01-<name>.png`, …) into the demo's output folder. */
  shot(name: string): Promise<void>
  /** Waits `ms` (default: one "beat" of the demo's pace). */
  pause(ms?: number): Promise<void>
  /** Types into a field like a person: one key at a time. */
  type(text: string): Promise<void>
}

export interface Demo {
  title: string
  description: string
  run(d: DemoContext): Promise<void>
}

const CAPTION_ID = 'kd-demo-caption'

/**
 * Puts a caption element on the page with DOM APIs and inline style properties only (no inline
 * script or <style> element, so the dashboard's CSP is untouched). Survives SPA navigations; a
 * full page load removes it, and the next call adds it again.
 */
export async function showCaption(page: Page, text: string): Promise<void> {
  await page.evaluate(
    ({ id, text }) => {
      let el = document.getElementById(id)
      if (!el) {
        el = document.createElement('div')
        el.id = id
        el.setAttribute('aria-hidden', 'true')
        Object.assign(el.style, {
          position: 'fixed',
          left: '50%',
          bottom: '24px',
          transform: 'translateX(-50%)',
          maxWidth: '80%',
          padding: '12px 20px',
          borderRadius: '10px',
          background: 'rgba(16, 24, 40, 0.88)',
          color: '#fff',
          font: '600 18px/1.4 "72", Arial, sans-serif',
          textAlign: 'center',
          boxShadow: '0 6px 24px rgba(0, 0, 0, 0.35)',
          zIndex: '2147483647',
          pointerEvents: 'none',
          transition: 'opacity 200ms',
        })
        document.body.appendChild(el)
      }
      el.textContent = text
      el.style.opacity = text ? '1' : '0'
    },
    { id: CAPTION_ID, text },
  )
}
