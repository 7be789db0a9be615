// UI5 web components put the element that carries a role (dialog, form, grid) inside their shadow
// DOM, while our content (buttons in a dialog footer, a panel's text, table rows) is slotted light
// DOM: it is not a descendant of that role element. These helpers find the component by its role
// and accessible name and return its host element, which does contain the slotted content.
import type { Locator, Page } from '@playwright/test'

type Scope = Page | Locator

const pageOf = (scope: Scope): Page => ('page' in scope ? scope.page() : scope)

/** An open dialog by its title (`ui5-dialog` around the `dialog` role). */
export function dialog(page: Page, title: string | RegExp): Locator {
  const name = typeof title === 'string' ? { name: title, exact: true } : { name: title }
  // `has` is matched inside each candidate, so it must not repeat the outer scope.
  return page.locator('ui5-dialog').filter({ has: page.getByRole('dialog', name) })
}

/** A panel by its title (`ui5-panel` around the `form` role). */
export function panel(scope: Scope, title: string): Locator {
  const inner = pageOf(scope).getByRole('form', { name: title, exact: true })
  return scope.locator('ui5-panel').filter({ has: inner })
}

/**
 * Every UI5 icon on the page (in light DOM and inside shadow roots) that draws nothing: a
 * `ui5-icon` whose SVG has no path data, as when its collection has no loader registered. Returns
 * a description per icon ("navigation-up-arrow in ui5-button 'Move rule 1 up'").
 */
export async function undrawnIcons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const visit = (root: Document | ShadowRoot, host: string) => {
      for (const el of root.querySelectorAll('*')) {
        const shadow = (el as Element & { shadowRoot: ShadowRoot | null }).shadowRoot
        if (el.localName === 'ui5-icon') {
          const drawn = [...(shadow?.querySelectorAll('path') ?? [])].some(
            (p) => (p.getAttribute('d') ?? '').trim() !== '',
          )
          if (!drawn) found.push(`${el.getAttribute('name') ?? '(no name)'} in ${host}`)
        }
        if (shadow) {
          const label =
            el.getAttribute('accessible-name') ?? el.getAttribute('tooltip') ?? el.textContent
          visit(shadow, `${el.localName} '${(label ?? '').trim().slice(0, 40)}'`)
        }
      }
    }
    visit(document, 'the page')
    return found
  })
}
