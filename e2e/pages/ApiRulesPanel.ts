// Page object for the API Rules panel (Service and Function pages, and the /embed views inside an
// iframe). Built on roles and accessible names only.
import type { FrameLocator, Locator, Page } from '@playwright/test'

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

  /** `namespace/name` of every listed APIRule, in order. */
  ruleKeys(): Promise<string[]> {
    return this.region
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.map((r) => r.getAttribute('data-key')).filter((k): k is string => k !== null),
      )
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
