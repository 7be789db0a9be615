// Page object for the APIRule editor (create, clone, expose, edit, migrate): the Form, YAML
// (Monaco) and Split views, the v2 and v1beta1 forms, and the diff, conflict and migration dialogs.
// Fields are found by their visible labels; the only test id is the Monaco host, which has no role
// of its own (its textarea is the "YAML" textbox).
import { expect, type Locator, type Page } from '@playwright/test'
import { parse } from 'yaml'
import { dialog } from './ui5.ts'

export type EditorView = 'Form' | 'YAML' | 'Split'
export type Access = 'No auth' | 'JWT' | 'External auth'

export interface CreateOptions {
  /** Prefill from a Service (`?service=&port=`), a Function (`?function=`) or a clone. */
  service?: string
  port?: number
  function?: string
  clone?: string
  view?: 'form' | 'yaml' | 'split'
}

/** One rule of the v2 or v1beta1 form ("Rule 1", "Rule 2", …). */
export class RuleGroup {
  readonly page: Page
  /** 1-based, as the form shows it. */
  readonly index: number
  readonly group: Locator
  readonly path: Locator
  readonly methods: Locator
  readonly removeButton: Locator

  constructor(page: Page, form: Locator, index: number) {
    this.page = page
    this.index = index
    this.group = form.getByRole('group', { name: `Rule ${index}`, exact: true })
    this.path = this.group.getByRole('textbox', { name: 'Path', exact: true })
    this.methods = this.group.getByRole('combobox', { name: 'Methods', exact: true })
    this.removeButton = this.group.getByRole('button', { name: `Remove rule ${index}` })
  }

  /** v2: the access radio ("No auth", "JWT", "External auth"). */
  access(kind: Access): Locator {
    return this.group
      .getByRole('radiogroup', { name: 'Access' })
      .getByRole('radio', { name: kind, exact: true })
  }

  async setPath(path: string) {
    await this.path.fill(path)
  }

  /** External auth: the Authorizers field (a picker of the mesh config's providers, or text). */
  authorizers(): Locator {
    return this.group
      .getByRole('combobox', { name: 'Authorizers', exact: true })
      .or(this.group.getByRole('textbox', { name: 'Authorizers', exact: true }))
  }

  /** The providers the Authorizers picker offers, read from its items (open or not). */
  async authorizerOptions(): Promise<string[]> {
    // The field's id ends with its document path (…-extAuth-authorizers); Methods is a picker too.
    return this.group
      .locator('ui5-multi-combobox[id$="-extAuth-authorizers"] ui5-mcb-item')
      .evaluateAll((items) => items.map((i) => i.getAttribute('text') ?? ''))
  }

  /**
   * The selected methods (the tokens of the Methods multi-combobox, by accessible name), read
   * once; assert with `expectMethods()`, which retries.
   */
  async selectedMethods(): Promise<string[]> {
    const tokens = this.group.getByRole('listbox', { name: 'Tokenizer' })
    if ((await tokens.count()) === 0) return []
    const tree = await tokens.ariaSnapshot()
    return [...tree.matchAll(/option "([^"]+)"/g)].map((m) => m[1] ?? '')
  }

  /** Retries until the selected methods are exactly these, in order. */
  async expectMethods(expected: string[]) {
    await expect
      .poll(() => this.selectedMethods(), { message: `methods of rule ${this.index}` })
      .toEqual(expected)
  }

  /** Adds a method by typing it into the Methods field and pressing Enter. */
  async addMethod(method: string) {
    await this.methods.click()
    await this.page.keyboard.type(method)
    await this.page.keyboard.press('Enter')
    await expect.poll(() => this.selectedMethods()).toContain(method)
  }

  /** v1beta1: the Handler select of access strategy `n` (1-based). */
  handlerSelect(n = 1): Locator {
    return this.group
      .getByRole('group', { name: `Access strategy ${n}`, exact: true })
      .getByRole('combobox', { name: 'Handler' })
  }
}

export class ApiRuleEditorPage {
  readonly page: Page
  readonly main: Locator
  readonly toolbar: Locator
  readonly form: Locator
  readonly apiVersion: Locator
  readonly name: Locator
  readonly host: Locator
  /** v2: combobox; v1beta1: textbox. */
  readonly service: Locator
  /** v2: combobox; v1beta1: spinbutton. */
  readonly port: Locator
  readonly gateway: Locator
  readonly addRuleButton: Locator
  readonly createButton: Locator
  readonly saveButton: Locator
  readonly validateButton: Locator
  readonly cancelButton: Locator
  readonly migrateButton: Locator
  /** The Monaco host element (no role fits a code editor's container). */
  readonly yamlEditor: Locator
  /** Monaco's textarea, named "YAML". */
  readonly yamlTextbox: Locator
  /** "The YAML does not parse (line …)": the form is read-only until fixed. */
  readonly parseError: Locator
  /** Negative message strip of the editor (save/validation failures, conflicts). */
  readonly alert: Locator
  /** "No problems found" / "1 error, 0 warnings". */
  readonly validationSummary: Locator
  readonly diffDialog: Locator
  readonly conflictDialog: Locator
  readonly migrateDialog: Locator
  /** Create from "All namespaces": where to create the APIRule. */
  readonly namespacePicker: Locator
  /** "Create is disabled: fix 2 errors first." next to the toolbar. */
  readonly saveBlockedReason: Locator
  /** The list of the API server's `Warning` headers of the last dry run or save. */
  readonly serverWarnings: Locator
  /** In the migration dialog: the routes that cannot be converted, and the choice to remove them. */
  readonly droppedRoutes: Locator
  readonly confirmDropCheckbox: Locator
  readonly useV2Button: Locator

  constructor(page: Page) {
    this.page = page
    this.main = page.getByRole('main', { name: /^(Create|Edit|Clone) APIRule/ })
    this.toolbar = this.main.getByRole('toolbar', { name: 'Editor' })
    this.form = this.main.getByLabel(/^APIRule (v1beta1 )?form$/)
    this.apiVersion = this.toolbar.getByRole('combobox', { name: 'API version' })
    this.name = this.form.getByRole('textbox', { name: 'Name', exact: true })
    this.host = this.form.getByRole('textbox', { name: 'Host', exact: true })
    this.service = this.form
      .getByRole('combobox', { name: 'Service', exact: true })
      .or(this.form.getByRole('textbox', { name: 'Service', exact: true }))
    this.port = this.form
      .getByRole('combobox', { name: 'Port', exact: true })
      .or(this.form.getByRole('spinbutton', { name: 'Port', exact: true }))
    this.gateway = this.form
      .getByRole('combobox', { name: 'Gateway', exact: true })
      .or(this.form.getByRole('textbox', { name: 'Gateway', exact: true }))
    this.addRuleButton = this.form.getByRole('button', { name: 'Add rule' })
    this.createButton = this.toolbar.getByRole('button', { name: 'Create', exact: true })
    this.saveButton = this.toolbar.getByRole('button', { name: 'Save', exact: true })
    this.validateButton = this.toolbar.getByRole('button', { name: 'Validate on server' })
    this.cancelButton = this.toolbar.getByRole('button', { name: 'Cancel', exact: true })
    this.migrateButton = this.toolbar.getByRole('button', { name: 'Migrate to v2' })
    this.yamlEditor = this.main.getByTestId('yaml-editor')
    this.yamlTextbox = this.main.getByRole('textbox', { name: 'YAML', exact: true })
    this.parseError = this.main
      .getByRole('alert')
      .filter({ hasText: 'The form is read-only until it is fixed' })
    this.alert = this.main.getByRole('alert').filter({ hasText: /\S/ }).first()
    this.validationSummary = this.main
      .getByRole('region', { name: 'Validation' })
      .getByRole('status')
    this.diffDialog = dialog(page, 'Review your changes')
    this.conflictDialog = dialog(page, 'This APIRule was changed on the server')
    this.migrateDialog = dialog(page, 'Migrate to APIRule v2')
    this.namespacePicker = this.main.getByRole('combobox', { name: 'Create in namespace' })
    this.saveBlockedReason = this.main.getByText(/^(Create|Save) is disabled: /)
    this.serverWarnings = this.main.getByRole('list', { name: 'Warnings from the API server' })
    this.droppedRoutes = this.migrateDialog.getByRole('region', {
      name: 'Routes that cannot be converted',
    })
    this.confirmDropCheckbox = this.migrateDialog.getByRole('checkbox', {
      name: /^Remove (this route|these routes)$/,
    })
    this.useV2Button = this.migrateDialog.getByRole('button', { name: 'Use the v2 version' })
  }

  /** The page title, e.g. "Create APIRule", "Edit APIRule orders", "Clone APIRule hello". */
  heading(text: string): Locator {
    return this.main.getByRole('heading', { name: text, level: 1, exact: true })
  }

  // --- navigation -------------------------------------------------------------------------

  async openCreate(namespace: string, opts: CreateOptions = {}) {
    const q = new URLSearchParams()
    if (opts.clone) q.set('clone', opts.clone)
    if (opts.service) q.set('service', opts.service)
    if (opts.port !== undefined) q.set('port', String(opts.port))
    if (opts.function) q.set('function', opts.function)
    if (opts.view) q.set('view', opts.view)
    const qs = q.toString()
    await this.page.goto(
      `/namespaces/${encodeURIComponent(namespace)}/apirules/-create-${qs ? `?${qs}` : ''}`,
    )
    await this.ready()
  }

  /** "Create APIRule" from the all-namespaces view (`/namespaces/-all-/apirules/-create-`). */
  async openCreateFromAllNamespaces() {
    await this.page.goto('/namespaces/-all-/apirules/-create-')
    await this.namespacePicker.waitFor()
  }

  /** Picks the namespace to create in; the editor then opens there. */
  async chooseNamespace(ns: string) {
    await this.namespacePicker.click()
    await this.page.getByRole('option', { name: ns, exact: true }).click()
    await expect(this.namespacePicker).toHaveText(ns)
    await this.ready()
  }

  async openEdit(
    namespace: string,
    name: string,
    opts: { v1beta1?: boolean; migrate?: boolean } = {},
  ) {
    const q = new URLSearchParams()
    if (opts.v1beta1) q.set('version', 'v1beta1')
    if (opts.migrate) q.set('migrate', '1')
    const qs = q.toString()
    await this.page.goto(
      `/namespaces/${encodeURIComponent(namespace)}/apirules/${encodeURIComponent(name)}/edit${qs ? `?${qs}` : ''}`,
    )
    await this.ready()
  }

  /** Waits for the editor's toolbar (the page loads lazily). */
  async ready() {
    await this.toolbar.waitFor()
  }

  async showView(view: EditorView) {
    await this.toolbar.getByRole('button', { name: view, exact: true }).click()
    if (view !== 'Form') await this.yamlEditor.locator('.view-lines').waitFor()
    if (view !== 'YAML') await this.form.waitFor()
  }

  /** Picks "v2" or "v1beta1 (deprecated)" in the API version select (create only). */
  async chooseApiVersion(version: 'v2' | 'v1beta1') {
    await this.apiVersion.click()
    await this.page
      .getByRole('option', { name: version === 'v1beta1' ? 'v1beta1 (deprecated)' : 'v2' })
      .click()
    await expect(this.form).toHaveAttribute(
      'aria-label',
      version === 'v1beta1' ? 'APIRule v1beta1 form' : 'APIRule form',
    )
  }

  // --- form -------------------------------------------------------------------------------

  rule(n: number): RuleGroup {
    return new RuleGroup(this.page, this.form, n)
  }

  /** Fills a combobox (Service, Port, Gateway) and closes its suggestions. */
  async fillCombo(combo: Locator, value: string) {
    await combo.fill(value)
    await combo.press('Enter')
    await expect(combo).toHaveValue(value)
  }

  /** Fills the v2 form's essentials the way the Kyma lesson does. */
  async fillBasics(v: {
    name: string
    service: string
    port?: number
    host: string
    path?: string
    access?: Access
  }) {
    await this.name.fill(v.name)
    await this.fillCombo(this.service, v.service)
    if (v.port !== undefined) await this.fillCombo(this.port, String(v.port))
    await this.host.fill(v.host)
    const rule = this.rule(1)
    if (v.path !== undefined) await rule.setPath(v.path)
    if (v.access) await rule.access(v.access).click()
  }

  // --- YAML (Monaco) ----------------------------------------------------------------------

  /** Focuses Monaco (clicking into its text). */
  async focusYaml() {
    await this.yamlEditor.locator('.view-lines').click()
    await expect(this.yamlTextbox).toBeFocused()
  }

  /**
   * Replaces the whole YAML text: select all, then paste. A paste keeps the text as it is;
   * `keyboard.insertText` of several lines would get Monaco's auto-indent after each newline.
   */
  async setYaml(text: string) {
    await this.focusYaml()
    await this.page.keyboard.press('ControlOrMeta+A')
    await this.paste(text)
  }

  /** Pastes text at the cursor of the focused YAML editor (a real `paste` event, as Ctrl+V sends). */
  async paste(text: string) {
    await this.yamlTextbox.evaluate((area, t) => {
      const data = new DataTransfer()
      data.setData('text/plain', t)
      area.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      )
    }, text)
  }

  /** Pastes text at the end of the document (as typed, without auto-closed brackets). */
  async appendYaml(text: string) {
    await this.focusYaml()
    await this.page.keyboard.press('ControlOrMeta+End')
    await this.paste(text)
  }

  /**
   * The YAML text as Monaco shows it (rendered lines in order; fine for APIRule-sized documents,
   * which fit the editor's height).
   */
  async yamlText(): Promise<string> {
    return this.yamlEditor.locator('.view-lines').evaluate((el) =>
      [...el.querySelectorAll<HTMLElement>('.view-line')]
        .map((l) => ({ top: parseFloat(l.style.top || '0'), text: l.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' '))
        .join('\n'),
    )
  }

  /**
   * The YAML view's document, parsed (undefined while it does not parse), read once: wrap in
   * `expect.poll`, or use `expectYamlToContain()`.
   */
  async yamlObject(): Promise<unknown> {
    try {
      return parse(await this.yamlText()) as unknown
    } catch {
      return undefined
    }
  }

  /** Polls until the YAML view contains every given snippet. */
  async expectYamlToContain(...snippets: string[]) {
    for (const s of snippets) await expect.poll(() => this.yamlText()).toContain(s)
  }

  /**
   * The texts of the issues listed under the editor ("Error (cel) spec.rules[0]: …"), read once.
   * Validation runs as the page loads (Services, Gateways, other hosts): assert with `expect.poll`
   * or `expectNoErrors()` / `expectWarnings()`.
   */
  issues(): Promise<string[]> {
    return this.main
      .getByRole('region', { name: 'Validation' })
      .getByRole('listitem')
      .allInnerTexts()
  }

  /** The warnings among `issues()`, read once. */
  async warnings(): Promise<string[]> {
    return (await this.issues()).filter((i) => i.startsWith('Warning'))
  }

  /** The issue texts that start with "Error", read once. */
  async errors(): Promise<string[]> {
    return (await this.issues()).filter((i) => i.startsWith('Error'))
  }

  /**
   * Waits until the editor reports no errors (fails listing them otherwise). Returns the warnings
   * of that moment; to assert on warnings use `expectWarnings()`, which retries.
   */
  async expectNoErrors(): Promise<string[]> {
    await expect
      .poll(async () => (await this.issues()).filter((i) => i.startsWith('Error')))
      .toEqual([])
    await expect(this.validationSummary).toHaveText(/^(No problems found|0 errors, \d+ warnings?)$/)
    return this.warnings()
  }

  /** Retries until the warnings match (`expect.stringMatching` works for each). */
  async expectWarnings(expected: unknown[]) {
    await expect.poll(() => this.warnings(), { message: 'editor warnings' }).toEqual(expected)
  }

  // --- saving -----------------------------------------------------------------------------

  /** Create mode: clicks Create and waits for the details page of `name`. */
  async create(name: string) {
    await this.createButton.click()
    await this.page.waitForURL(new RegExp(`/apirules/${name}$`))
  }

  /**
   * Edit mode: Save, then wait for the diff. Assert on `diffRegion` (`toContainText` retries);
   * changed lines read "removed: <line>" / "added: <line>" (what screen readers hear). Then
   * `confirmDiff()`.
   */
  async openDiff() {
    await this.saveButton.click()
    await this.diffDialog.waitFor()
    await expect(this.diffRegion).toContainText(/(added|removed):/)
  }

  /**
   * The open dialog dims the whole page (issue 15): every corner of the viewport hits the dialog's
   * backdrop, not the page under it, and the backdrop is drawn (not transparent).
   */
  async expectDimsWholePage(open: Locator) {
    const hits = await open.evaluate((d) => {
      const [w, h] = [window.innerWidth, window.innerHeight]
      const corners = [
        [2, 2],
        [w - 3, 2],
        [2, h - 3],
        [w - 3, h - 3],
      ] as const
      const backdrop = getComputedStyle(d, '::backdrop')
      return {
        corners: corners.map(([x, y]) => document.elementFromPoint(x, y) === d),
        drawn: Number(backdrop.opacity) > 0 && backdrop.backgroundColor !== 'rgba(0, 0, 0, 0)',
      }
    })
    expect(hits).toEqual({ corners: [true, true, true, true], drawn: true })
  }

  /** Confirms the open diff dialog (the save starts). */
  async confirmDiff() {
    await this.diffDialog.getByRole('button', { name: 'Save', exact: true }).click()
  }

  /**
   * Edit mode: `openDiff()`, read the diff once, `confirmDiff()`. Returns the diff's text with
   * whitespace collapsed (to assert on it, prefer `openDiff()` and `expect(diffRegion)`).
   */
  async saveWithDiff(): Promise<string> {
    await this.openDiff()
    const diff = ((await this.diffRegion.textContent()) ?? '').replace(/\s+/g, ' ')
    await this.confirmDiff()
    return diff
  }

  /** The diff inside whichever dialog is open ("Changes to save", "Server changes", …). */
  get diffRegion(): Locator {
    return this.page.getByRole('region', {
      name: /^(Changes to save|Server changes|Migration result)$/,
    })
  }
}
