// In-page probes of the API Rule list's interactions (issue 16), used by the big-list benchmark:
//  - sort: a click on "Sort by Name" until the re-sorted first row is painted;
//  - filter: a search text set on the search field (one `input` event) until the filtered count is
//    painted, and back to the full list;
//  - keystroke loss: Playwright types into the search field at 30 ms per key (real key events, as
//    a person types), and the field's value is compared with what was typed.
import type { Page } from 'playwright-core'

/** Milliseconds from a click on the Name column's sort button to the next painted frame with the
 *  first row changed (the sort toggles between ascending and descending, so it always changes). */
export async function timeSort(page: Page, times: number): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < times; i++) {
    out.push(
      await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const first = () => document.querySelector('tr[data-key]')?.getAttribute('data-key')
            const before = first()
            const button = document.querySelector<HTMLButtonElement>(
              'button[aria-label="Sort by Name"]',
            )
            if (!button) return reject(new Error('no "Sort by Name" button'))
            const t0 = performance.now()
            button.click()
            const deadline = t0 + 10_000
            const check = () => {
              if (first() !== before) {
                requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)))
              } else if (performance.now() > deadline) reject(new Error('sort did not change rows'))
              else setTimeout(check)
            }
            check()
          }),
      ),
    )
    await page.waitForTimeout(200)
  }
  return out
}

/**
 * Milliseconds from setting the search text (as the input event of one keystroke delivers it) to
 * the next painted frame showing `expectCount` (the "N of M API Rules" text).
 */
export function timeFilter(page: Page, text: string, expectCount: string): Promise<number> {
  return page.evaluate(
    ([text, expectCount]) =>
      new Promise<number>((resolve, reject) => {
        const input = document.querySelector('ui5-input.kd-search') as
          (HTMLElement & { value: string }) | null
        if (!input) return reject(new Error('no search field'))
        const counted = () =>
          [...document.querySelectorAll('[aria-live="polite"]')].some(
            (e) => (e.textContent ?? '').split(' · ')[0] === expectCount,
          )
        const t0 = performance.now()
        input.value = text
        input.dispatchEvent(new Event('input', { bubbles: true }))
        const deadline = t0 + 10_000
        const check = () => {
          if (counted())
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)))
          else if (performance.now() > deadline)
            reject(new Error(`the list never showed "${expectCount}"`))
          else setTimeout(check)
        }
        check()
      }),
    [text, expectCount] as const,
  )
}

/** Length of the longest common subsequence: how many typed characters arrived, in order. */
export function keptCharacters(typed: string, got: string): number {
  const row = new Array<number>(got.length + 1).fill(0)
  for (const c of typed) {
    let diagonal = 0
    for (let j = 1; j <= got.length; j++) {
      const above = row[j] as number
      row[j] = c === got[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] as number)
      diagonal = above
    }
  }
  return row[got.length] as number
}

export interface TypingTry {
  typed: string
  /** The field's value right after the last key event returned. */
  value: string
  lostCharacters: number
}

/** Types `text` at `delayMs` per key into the (emptied) search field, `tries` times. */
export async function typeIntoSearch(
  page: Page,
  text: string,
  tries: number,
  delayMs = 30,
): Promise<TypingTry[]> {
  const search = page.getByRole('searchbox', { name: 'Search API Rules' })
  const out: TypingTry[] = []
  for (let i = 0; i < tries; i++) {
    await search.fill('')
    await page.waitForTimeout(300)
    await search.pressSequentially(text, { delay: delayMs })
    const value = await search.inputValue()
    out.push({ typed: text, value, lostCharacters: text.length - keptCharacters(text, value) })
  }
  await search.fill('')
  return out
}
