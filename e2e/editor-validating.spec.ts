// While a large document is validated, the summary says "Validating…", not "Fill in the required
// fields" (which looked like missing input for seconds after a big paste).
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'

/** A v2 APIRule of about `kib` KiB: many distinct rules. */
function bigApiRule(kib: number): string {
  const rules: string[] = []
  for (let i = 0; rules.join('').length < kib * 1024; i++) {
    rules.push(`    - path: /section-${i}/items/{*}\n      methods: [GET]\n      noAuth: true\n`)
  }
  return [
    'apiVersion: gateway.kyma-project.io/v2',
    'kind: APIRule',
    'metadata:',
    '  name: big',
    '  namespace: demo',
    'spec:',
    '  hosts: [big-validating]',
    '  gateway: kyma-system/kyma-gateway',
    '  service: { name: hello-kyma-svc, port: 80 }',
    '  rules:',
    rules.join(''),
  ].join('\n')
}

test('a pasted 300 KB APIRule shows "Validating…" until its verdict is known', async ({ page }) => {
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate('demo', { view: 'yaml' })
  await editor.setYaml(bigApiRule(300))
  await expect(editor.validationSummary).toHaveText('Validating…')
  await expect(editor.validationSummary).not.toHaveText(/Validating…|Fill in the required/, {
    timeout: 60_000,
  })
})
