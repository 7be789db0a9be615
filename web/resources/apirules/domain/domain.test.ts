import { describe, expect, it } from 'vitest'
import { controllerIssuesV2 } from '../validation/controller.ts'
import { apiRuleWarnings } from '../warnings.ts'
import { ACCESS_LABELS, v1beta1AccessKind, v2AccessKind } from './access.ts'
import { occupiedHostIssues } from './checks/hosts.ts'
import { gatewayDomainOf, gatewayDomains } from './gateway.ts'
import { resolveHost } from './hosts.ts'

const gateway = (hosts: string[][]) => ({
  metadata: { namespace: 'kyma-system', name: 'kyma-gateway' },
  spec: { servers: hosts.map((h) => ({ hosts: h })) },
})

describe('the one Gateway domain rule (what the controller accepts for a short host)', () => {
  it('is the *.fqdn every server shares, without the namespace/ prefix', () => {
    expect(gatewayDomainOf(gateway([['*.local.kyma.dev'], ['ns/*.local.kyma.dev']]))).toBe(
      'local.kyma.dev',
    )
  })
  it('is none when the servers differ or a host is not a wildcard', () => {
    expect(gatewayDomainOf(gateway([['*.a.example.com'], ['*.b.example.com']]))).toBeUndefined()
    expect(gatewayDomainOf(gateway([['*.a.example.com', 'exact.a.example.com']]))).toBeUndefined()
    expect(gatewayDomainOf(gateway([]))).toBeUndefined()
  })
  it('leaves a short host on such a Gateway unresolved in the list, as the controller refuses it', () => {
    const domains = gatewayDomains([gateway([['*.a.example.com'], ['*.b.example.com']])])
    const rule = { host: 'app', gateway: 'kyma-system/kyma-gateway', version: 'v2' as const }
    expect(resolveHost(rule, domains)).toBe('app')
  })
})

describe('access kinds', () => {
  it('one precedence for every page: the most open access decides', () => {
    expect(v2AccessKind({ noAuth: true, jwt: {} })).toBe('noAuth')
    expect(v2AccessKind({ noAuth: false, jwt: {} })).toBe('jwt')
    expect(v2AccessKind({ extAuth: { authorizers: ['x'] } })).toBe('extAuth')
    expect(v2AccessKind({})).toBe('none')
    expect(v1beta1AccessKind(['jwt', 'noop'])).toBe('noAuth')
    expect(v1beta1AccessKind(['jwt'])).toBe('jwt')
    expect(v1beta1AccessKind(['oauth2_introspection'])).toBe('other')
    expect(ACCESS_LABELS.extAuth).toBe('External auth')
  })
})

describe('rule checks: one finding, read by the editor and by the list', () => {
  const apiRule = {
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name: 'r', namespace: 'ns' },
    spec: {
      hosts: ['h.example.com'],
      gateway: 'kyma-system/kyma-gateway',
      service: { name: 's', port: 80 },
      rules: [
        { path: '/{**}', methods: ['POST'], jwt: {} },
        { path: '/a', methods: ['GET'], jwt: {} },
        // GET is taken by rule 2, POST by rule 1
        { path: '/a', methods: ['GET', 'POST'], jwt: {} },
      ],
    },
  }

  it('a shadowed rule: the controller words for the editor, the explanation for the list', () => {
    const editor = controllerIssuesV2(apiRule).filter((i) => i.kind === 'shadowed-rule')
    const list = apiRuleWarnings(apiRule).filter((i) => i.kind === 'shadowed-rule')
    // The editor: the controller's one failure, at its attribute path (.spec.rules).
    expect(editor.map((i) => [i.path, i.message])).toEqual([
      [
        ['spec', 'rules'],
        'Path /a with method POST conflicts with at least one of the previous rule paths',
      ],
    ])
    expect(list.map((i) => [i.path, i.message])).toEqual([
      [
        ['spec', 'rules', 2, 'path'],
        'Rule 3 (/a) is already matched by rule 1 (/{**}) for POST, so it never applies to that method.',
      ],
    ])
  })

  it('a missing Service: the controller words in the editor, the same explanation as the list', () => {
    const editor = controllerIssuesV2(apiRule, { namespace: 'ns', services: [] })
    const list = apiRuleWarnings(apiRule, {
      services: [{ metadata: { namespace: 'ns', name: 'other' } }],
    })
    const missing = (issues: { kind?: string; path: unknown; message: string }[]) =>
      issues.filter((i) => i.kind === 'missing-service').map((i) => [i.path, i.message])
    expect(missing(list)).toEqual([
      [['spec', 'service'], 'Service "s" not found in namespace "ns"'],
    ])
    expect(editor.filter((i) => i.kind === 'missing-service').map((i) => i.explanation)).toEqual([
      'Service "s" not found in namespace "ns"',
      'Service "s" not found in namespace "ns"',
      'Service "s" not found in namespace "ns"',
    ])
  })

  it('a host taken by another APIRule names it; the APIRule itself does not count', () => {
    const index = new Map([['h.example.com', ['ns/r', 'other/o', 'x/y']]])
    const [issue] = occupiedHostIssues(['h.example.com'], 'ns/r', index, ['spec', 'hosts', 0])
    expect(issue?.message).toBe('Host is occupied by another Virtual Service (APIRule other/o)')
    expect(issue?.explanation).toBe(
      'Host h.example.com is also used by APIRules other/o, x/y. Only one of them can own it.',
    )
    expect(
      occupiedHostIssues(['h.example.com'], 'ns/r', new Map([['h.example.com', ['ns/r']]]), []),
    ).toEqual([])
  })
})
