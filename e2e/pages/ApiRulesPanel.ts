// Page object for the API Rules panel (Service and Function pages, and the /embed views inside an
// iframe). Built on roles and accessible names only.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test'

export class ApiRulesPanel {
  readonly root: Page | FrameLocator
  readonly region: Locator
  readonly exposeButton: Locator
  readonly portDialog: Locator

  constructor(root: Page | FrameLocator) {
    this.root = root
    this.region = root.getByRole('region', { name: /^API Rules/ })
    this.exposeButton = this.region.getByRole('button', { name: 'Expose with APIRule' })
    this.portDialog = root.getByRole('dialog', { name: 'Which port should the APIRule expose?' })
  }

  /** The link to an APIRule listed in the panel (`namespace/name` for other namespaces). */
  ruleLink(name: string): Locator {
    return this.region.getByRole('link', { name, exact: true })
  }

  /** The row of a listed APIRule by `namespace/name`. */
  ruleRow(key: string): Locator {
    return this.region.locator(`[data-key="${key}"]`)
  }

  /**
   * `namespace/name` of every listed APIRule, in order, read once. The panel is live: assert with
   * `expectRuleKeys()` (or `expect.poll`), which retries.
   */
  ruleKeys(): Promise<string[]> {
    return this.region
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.map((r) => r.getAttribute('data-key')).filter((k): k is string => k !== null),
      )
  }

  /** Retries until the panel lists exactly these APIRules (`expect.arrayContaining` works too). */
  async expectRuleKeys(expected: string[] | unknown) {
    await expect.poll(() => this.ruleKeys(), { message: 'APIRules in the panel' }).toEqual(expected)
  }

  /**
   * In the port choice dialog: the button of a port, e.g. `metrics (9090)`. (Searched from the
   * root: a UI5 Dialog's content is slotted, so it is not a DOM descendant of its `dialog` role.)
   */
  portButton(label: string): Locator {
    return this.root.getByRole('button', { name: label, exact: true })
  }

  editButton(name: string): Locator {
    return this.region.getByRole('button', { name: `Edit ${name}` })
  }

  notice(text: string | RegExp): Locator {
    return this.region.getByText(text)
  }
}
