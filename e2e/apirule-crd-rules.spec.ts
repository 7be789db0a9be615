// The production bundle checks the CRD's schema and CEL rules in the browser under the dashboard's
// real CSP (`script-src 'self'`, no 'unsafe-eval'), on the main thread and in the validation
// worker; and a rule of the cluster's CRD the editor cannot evaluate is left to the server, said
// so, and offered as a dry run (issue 25, items 5 and 6).
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { closeClients, clusterInfo, kubeRequest, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

const CRD_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io'

function apiRuleYaml(ns: string, rules: string[]): string {
  return [
    'apiVersion: gateway.kyma-project.io/v2',
    'kind: APIRule',
    'metadata:',
    '  name: crd-rules',
    `  namespace: ${ns}`,
    'spec:',
    `  hosts: [${ns}]`,
    '  service: {name: hello-kyma-svc, port: 80}',
    '  gateway: kyma-gateway',
    '  rules:',
    ...rules,
    '',
  ].join('\n')
}

const rule = (i: number, method = 'GET') =>
  `    - {path: /r${i}, methods: [${method}], noAuth: true}`

test('schema and CEL errors appear in the browser under the real CSP, small and big documents', async ({
  page,
}) => {
  test.slow() // a 70 KB paste, validated in the worker
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy|EvalError|unsafe-eval/i.test(m.text())) violations.push(m.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective}`),
    )
  })
  const ns = await namespaceWith('e2e-crd-csp')
  const editor = new ApiRuleEditorPage(page)
  const response = page.waitForResponse((r) => r.request().resourceType() === 'document')
  await editor.openCreate(ns, { view: 'yaml' })
  const csp = (await response).headers()['content-security-policy'] ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain('unsafe-eval')

  // A schema error (an unknown method) and a CEL error (a gateway without its namespace).
  await editor.setYaml(apiRuleYaml(ns, [rule(0, 'GETX')]))
  await expect
    .poll(() => editor.errors())
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Error \(schema\) spec\.rules\[0\]\.methods\[0\]: Unsupported value: "GETX": supported values: "GET"/,
        ),
        'Error (cel) spec.gateway: Gateway must be in the namespace/name format',
      ]),
    )

  // Above 64 KB the checks run in the Web Worker, under the same policy.
  const many = Array.from({ length: 1500 }, (_, i) => rule(i + 1))
  await editor.setYaml(apiRuleYaml(ns, [...many, rule(1501, 'GETX')]))
  await expect
    .poll(() => editor.errors(), { timeout: 30_000 })
    .toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Error \(schema\) spec\.rules\[1500\]\.methods\[0\]: Unsupported/),
        'Error (cel) spec.gateway: Gateway must be in the namespace/name format',
      ]),
    )
  expect(violations).toEqual([])
})

test("a CRD rule the editor cannot evaluate is left to the server, with the CRD's message and a dry run", async ({
  page,
  allowConsole,
}) => {
  allowConsole(/status of 429 \(Too Many Requests\)/, 'patching the CRD re-initializes its storage')
  const info = clusterInfo()
  const crd = await kubeRequest<{
    spec: { versions: { name: string; schema: { openAPIV3Schema: unknown } }[] }
  }>(info, 'admin', 'GET', CRD_PATH)
  const index = crd.body.spec.versions.findIndex((v) => v.name === 'v2')
  // Specs share the cluster and run in parallel: the rule sits on a field no other spec sets
  // (CORS expose headers), and the API server passes it for any header name. Its cost is
  // constant: the API server refuses rules whose estimated cost over unbounded lists is too high.
  const at = `/spec/versions/${index}/schema/openAPIV3Schema/properties/spec/properties/corsPolicy/properties/exposeHeaders/items/x-kubernetes-validations`
  const added = {
    rule: "self.size() > 0 && isURL('https://example.com/headers')",
    message: 'An exposed header must not be empty',
  }
  const patch = (ops: unknown[]) =>
    kubeRequest(info, 'admin', 'PATCH', CRD_PATH, ops, {
      'content-type': 'application/json-patch+json',
    })
  // The items have no rules of their own: the list is added, and removed afterwards.
  const patched = await patch([{ op: 'add', path: at, value: [added] }])
  expect(patched.status, JSON.stringify(patched.body)).toBe(200)
  try {
    const ns = await namespaceWith('e2e-crd-live')
    const editor = new ApiRuleEditorPage(page)
    await editor.openCreate(ns, { view: 'yaml' })
    await editor.setYaml(
      apiRuleYaml(ns, [rule(0)]).replace(
        'gateway: kyma-gateway',
        'gateway: kyma-system/kyma-gateway\n  corsPolicy: {exposeHeaders: [x-trace-id]}',
      ),
    )
    const validation = editor.main.getByRole('region', { name: 'Validation' })
    const serverOnly = validation.getByRole('listitem').filter({
      hasText: 'Only the API server checks the CRD rule "An exposed header must not be empty"',
    })
    await expect(serverOnly).toContainText('Warning (cel) spec.corsPolicy.exposeHeaders[0]')
    await expect(serverOnly).toContainText('isURL')
    await serverOnly.getByRole('button', { name: 'Validate on server', exact: true }).click()
    // The API server evaluates the rule (isURL is in its CEL library) and accepts the APIRule.
    await expect(
      editor.main.getByRole('status').filter({ hasText: 'The API server accepts this APIRule' }),
    ).toHaveText('The API server accepts this APIRule (dry run).')
  } finally {
    await patch([
      { op: 'test', path: at, value: [added] },
      { op: 'remove', path: at },
    ])
  }
})
