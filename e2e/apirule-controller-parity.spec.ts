// The editor says before Save what the real API Gateway controller will say (issue 25): two JWT
// configurations for one issuer (the controller's Error, in its words), a blank issuer and a host
// the Gateway does not serve (the controller says Ready, but no request gets through), an
// authorizer the mesh config does not have; and the authorizer picker offers the mesh config's
// HTTP providers.
import { expect, test } from './fixtures.ts'
import { ApiRuleEditorPage } from './pages/ApiRuleEditorPage.ts'
import { closeClients, getApiRule, namespaceWith } from './support/cluster.ts'

test.afterAll(closeClients)

/** A v2 APIRule in YAML: hello-kyma-svc on the Kyma gateway, with `rules` (YAML lines). */
function apiRuleYaml(ns: string, name: string, host: string, rules: string[]): string {
  return [
    'apiVersion: gateway.kyma-project.io/v2',
    'kind: APIRule',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${ns}`,
    'spec:',
    `  hosts: [${host}]`,
    '  service: {name: hello-kyma-svc, port: 80}',
    '  gateway: kyma-system/kyma-gateway',
    '  rules:',
    ...rules.map((l) => `    ${l}`),
    '',
  ].join('\n')
}

const AUTH = ['issuer: https://auth.example.com', 'jwksUri: https://auth.example.com/jwks']

test('two JWT configurations for one issuer: the controller Error, in its words, before Save', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-two-issuer')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'yaml' })
  await editor.setYaml(
    apiRuleYaml(ns, 'two-issuer', ns, [
      '- path: /a',
      '  methods: [GET]',
      '  jwt:',
      '    authentications:',
      `      - ${AUTH[0]}`,
      `        ${AUTH[1]}`,
      '- path: /b',
      '  methods: [GET]',
      '  jwt:',
      '    authentications:',
      `      - ${AUTH[0]}`,
      `        ${AUTH[1]}`,
      '        fromHeaders: [{name: X-Token}]',
    ]),
  )
  await expect
    .poll(() => editor.errors())
    .toEqual([
      'Error (controller) spec.rules[1].jwt.authentications[0]: multiple jwt configurations that differ for the same issuer',
    ])
  await expect(editor.createButton).toBeDisabled()
  expect(await getApiRule(ns, 'two-issuer')).toBeUndefined()
})

test('a blank issuer and a host the Gateway does not serve: warned, though the controller says Ready', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-ready-dead')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'yaml' })
  await editor.setYaml(
    apiRuleYaml(ns, 'ready-dead', 'api.example.org', [
      '- path: /a',
      '  methods: [GET]',
      '  jwt:',
      '    authentications:',
      '      - issuer: "   "',
      `        ${AUTH[1]}`,
    ]),
  )
  await editor.expectWarnings([
    'Warning (cluster) spec.hosts[0]: No server of Gateway kyma-system/kyma-gateway serves api.example.org (it serves *.local.kyma.dev): the controller accepts the rule, but no request can reach it',
    'Warning (cluster) spec.rules[0].jwt.authentications[0].issuer: The issuer is blank: no token has it as its iss claim, so every request to this rule is refused',
  ])
  await editor.expectNoErrors()
})

test('an unknown authorizer is flagged; the picker offers the mesh config providers', async ({
  page,
}) => {
  const ns = await namespaceWith('e2e-authz')
  const editor = new ApiRuleEditorPage(page)
  await editor.openCreate(ns, { view: 'yaml' })
  await editor.setYaml(
    apiRuleYaml(ns, 'authz', ns, [
      '- path: /a',
      '  methods: [GET]',
      '  extAuth:',
      '    authorizers: [no-such-authorizer]',
    ]),
  )
  await expect
    .poll(() => editor.errors())
    .toEqual([
      'Error (controller) spec.rules[0].extAuth.authorizers[0]: Authorizer not found in Istio ConfigMap mesh data',
    ])
  await expect(editor.createButton).toBeDisabled()

  // The form's picker lists the HTTP providers of istio-system/istio (not the gRPC one).
  await editor.showView('Form')
  const rule = editor.rule(1)
  await expect(rule.authorizers()).toBeVisible()
  await expect.poll(() => rule.authorizerOptions()).toEqual(['oauth2-proxy', 'no-such-authorizer'])
  await rule.authorizers().click()
  await page.keyboard.press('F4') // opens the suggestions
  await expect(page.getByText('oauth2-proxy', { exact: true })).toBeVisible()
  await expect(page.getByText('grpc-authz', { exact: true })).toHaveCount(0)
})
