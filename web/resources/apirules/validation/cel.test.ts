import { describe, expect, it } from 'vitest'
import { celIssues, compiledCelRules } from './cel.ts'
import { CEL_RULE_FIXTURES } from './cel-fixtures.ts'
import { crdCelRules, parseRuleFieldPath } from './cel-rules.ts'
import { isValidV2Host } from './host-format.ts'
import { formatPath } from './paths.ts'
import { loadCrdFromDisk } from './test-crd.ts'

const crd = loadCrdFromDisk()
const issuesAt = (obj: unknown, version = 'v2', from: unknown = crd) =>
  celIssues(obj, from, version).map((i) => `${formatPath(i.path)}: ${i.message}`)

describe('the bundled CRD: every CEL rule evaluated in the editor', () => {
  for (const version of ['v1beta1', 'v2alpha1', 'v2'])
    it(`${version}: every rule compiles and runs (none left to the server)`, () => {
      for (const r of compiledCelRules(crd, version)) expect(r.serverOnly, r.at).toBeUndefined()
    })

  for (const version of ['v2alpha1', 'v2'] as const)
    it(`${version}: every rule has a passing and a failing fixture`, () => {
      const rules = crdCelRules(crd, version)
      expect(rules.length).toBe(4)
      for (const r of rules) {
        const mine = CEL_RULE_FIXTURES.filter((f) => f.version === version && f.at === r.at)
        expect(
          mine.some((f) => !f.failsAt),
          `${version} ${r.at} passing`,
        ).toBe(true)
        expect(
          mine.some((f) => f.failsAt),
          `${version} ${r.at} failing`,
        ).toBe(true)
      }
    })

  for (const f of CEL_RULE_FIXTURES)
    it(`${f.name}: ${f.failsAt ? `fails at ${f.failsAt}` : 'passes'}`, () => {
      const rule = crdCelRules(crd, f.version).find((r) => r.at === f.at)!
      expect(issuesAt(f.object, f.version)).toEqual(
        f.failsAt ? [`${f.failsAt}: ${rule.message}`] : [],
      )
    })

  it("the form's host check gives the CRD rule's verdict", () => {
    for (const host of ['httpbin', 'a.example.com', '*.example.com', '1.2.3.com', 'My-Host'])
      for (const bad of ['a_b', '*.com', 'foo.', '*', 'a..b.com', '-a', 'a-']) {
        for (const h of [host, bad]) {
          const celSays = issuesAt({ spec: { hosts: [h] } }).length === 0
          expect(isValidV2Host(h), h).toBe(celSays)
        }
      }
  })

  it('runs on values of the declared type only (a wrong type is a schema error)', () => {
    expect(issuesAt({ spec: { gateway: 5, hosts: 'x', rules: [null, 'a'] } })).toEqual([])
  })
})

/** The bundled CRD with extra rules, as a cluster whose CRD differs would serve it. */
function liveCrd(extra: { at: 'rules' | 'hosts'; rule: Record<string, unknown> }[]) {
  type Node = { properties: Record<string, Node>; items: Node } & Record<string, unknown>
  const copy = structuredClone(crd) as {
    spec: { versions: { name: string; schema: { openAPIV3Schema: Node } }[] }
  }
  const v2 = copy.spec.versions.find((v) => v.name === 'v2')!
  const spec = v2.schema.openAPIV3Schema.properties.spec!
  for (const { at, rule } of extra) {
    const node = spec.properties[at]!.items
    node['x-kubernetes-validations'] = [
      ...((node['x-kubernetes-validations'] as unknown[] | undefined) ?? []),
      rule,
    ]
  }
  return copy
}

const rule = (path: string, more: Record<string, unknown> = {}) => ({
  spec: { hosts: ['a.example.com'], rules: [{ path, methods: ['GET'], noAuth: true, ...more }] },
})

describe('a live CRD with rules the bundled one does not have', () => {
  it('evaluates an added rule and shows its message', () => {
    const live = liveCrd([
      { at: 'rules', rule: { rule: "self.path != '/admin'", message: 'No /admin' } },
    ])
    expect(issuesAt(rule('/admin'), 'v2', live)).toEqual(['spec.rules[0]: No /admin'])
    expect(issuesAt(rule('/other'), 'v2', live)).toEqual([])
    // the bundled CRD has no such rule
    expect(issuesAt(rule('/admin'))).toEqual([])
  })

  it("shows a messageExpression's text, and reports at the rule's fieldPath", () => {
    const live = liveCrd([
      {
        at: 'rules',
        rule: {
          rule: 'self.methods.size() <= 2',
          messageExpression: "'at most 2 methods, not ' + string(self.methods.size())",
          fieldPath: '.methods',
        },
      },
    ])
    const obj = rule('/a')
    ;(obj.spec.rules[0] as { methods: string[] }).methods = ['GET', 'PUT', 'POST']
    expect(issuesAt(obj, 'v2', live)).toEqual(['spec.rules[0].methods: at most 2 methods, not 3'])
  })

  it('without message or messageExpression, says which rule failed, as the API server does', () => {
    const live = liveCrd([{ at: 'rules', rule: { rule: "self.path.startsWith('/api')" } }])
    expect(issuesAt(rule('/x'), 'v2', live)).toEqual([
      "spec.rules[0]: failed rule: self.path.startsWith('/api')",
    ])
  })

  it("matches() speaks RE2, the API server's dialect: (?i) and POSIX classes work", () => {
    const live = liveCrd([
      { at: 'hosts', rule: { rule: "self.matches('^(?i)[[:alpha:].]+$')", message: 'letters' } },
    ])
    expect(issuesAt(rule('/a'), 'v2', live)).toEqual([])
    const digits = { spec: { hosts: ['a1.example.com'] } }
    expect(issuesAt(digits, 'v2', live)).toEqual(['spec.hosts[0]: letters'])
  })

  it('a rule using a Kubernetes library function is left to the server, and said so', () => {
    const live = liveCrd([
      { at: 'hosts', rule: { rule: "isURL('https://' + self)", message: 'Host must form a URL' } },
    ])
    const issues = celIssues(rule('/a'), live, 'v2')
    expect(issues).toEqual([
      expect.objectContaining({
        path: ['spec', 'hosts', 0],
        severity: 'warning',
        serverCheck: true,
        message: expect.stringContaining(
          'Only the API server checks the CRD rule "Host must form a URL"',
        ),
      }),
    ])
    expect(issues[0]!.message).toContain('isURL')
  })

  it('a transition rule (oldSelf) is left to the server, and said so', () => {
    const live = liveCrd([
      { at: 'rules', rule: { rule: 'self.path == oldSelf.path', message: 'path is immutable' } },
    ])
    const [issue, ...more] = celIssues(rule('/a'), live, 'v2')
    expect(more).toEqual([])
    expect(issue).toMatchObject({ severity: 'warning', serverCheck: true })
    expect(issue!.message).toContain('transition rule')
  })
})

describe('fieldPath', () => {
  it('parses the JSONPath forms a CRD may use', () => {
    expect(parseRuleFieldPath('.a.b')).toEqual(['a', 'b'])
    expect(parseRuleFieldPath(".m['x.y'][2]")).toEqual(['m', 'x.y', 2])
    expect(parseRuleFieldPath('a b')).toBeUndefined()
  })
})
