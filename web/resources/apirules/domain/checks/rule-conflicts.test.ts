// The indexed rule-order check must give exactly the answer of comparing every rule with every
// earlier one (the check before it was indexed, kept here as the reference), on many seeded random
// rule lists that mix literals, `{*}`, `{**}`, `/*`, empty segments, regex (v1beta1) rules and
// repeated or missing methods.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../../test/seeded-random.ts'
import { pathCovers, v1beta1PathCovers } from '../paths.ts'
import { ruleConflictIssues, ruleConflicts, type RulePathMethods } from './rule-conflicts.ts'

function referenceConflicts(rules: readonly RulePathMethods[]) {
  const covers = (earlier: RulePathMethods, later: RulePathMethods) =>
    earlier.regexPath || later.regexPath
      ? v1beta1PathCovers(earlier.path, later.path)
      : pathCovers(earlier.path, later.path)
  const withPath = rules.filter((r) => r.path)
  return withPath.flatMap((later, j) => {
    const shadowedBy = later.methods.flatMap((method) => {
      const by = withPath
        .slice(0, j)
        .find((earlier) => earlier.methods.includes(method) && covers(earlier, later))
      return by ? [{ method, by }] : []
    })
    return shadowedBy.length ? [{ rule: later, shadowedBy }] : []
  })
}

const SEGMENTS = ['a', 'b', 'c', '', '{*}', '{**}', 'x{*}']
const SPECIAL = ['/', '/*', '/{**}', '', 'a', '/.*', '/(.*)', '/.*/?', '/a/.*']
const METHODS = ['GET', 'POST', 'PUT']

function randomRules(seed: number): RulePathMethods[] {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const count = 1 + Math.floor(rnd() * 40)
  return Array.from({ length: count }, (_, index) => {
    const path =
      rnd() < 0.15
        ? pick(SPECIAL)
        : Array.from({ length: Math.floor(rnd() * 4) }, () => `/${pick(SEGMENTS)}`).join('')
    const methods = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(METHODS))
    return { index, path, methods, regexPath: rnd() < 0.15 }
  })
}

describe('ruleConflicts (indexed)', () => {
  it('finds exactly the conflicts of comparing every rule with every earlier one', () => {
    let conflicts = 0
    for (let seed = 1; seed <= 3000; seed++) {
      const rules = randomRules(seed)
      const expected = referenceConflicts(rules)
      conflicts += expected.length
      expect({ seed, conflicts: ruleConflicts(rules) }).toEqual({ seed, conflicts: expected })
    }
    // The generator must produce conflicts, or the comparison proves nothing.
    expect(conflicts).toBeGreaterThan(3000)
  })

  it('reports them as before: one issue per shadowed rule, in rule order', () => {
    const rules: RulePathMethods[] = [
      { index: 0, path: '/a/{*}', methods: ['GET'], regexPath: false },
      { index: 1, path: '/{**}', methods: ['POST'], regexPath: false },
      { index: 2, path: '/a/b', methods: ['POST', 'GET'], regexPath: false },
      { index: 3, path: '/a/b', methods: ['PUT'], regexPath: false },
    ]
    expect(ruleConflictIssues(rules).map((i) => [i.path, i.message, i.explanation])).toEqual([
      [
        ['spec', 'rules', 2, 'path'],
        'Path /a/b with method POST conflicts with at least one of the previous rule paths',
        'Rule 3 (/a/b) is already matched by rule 1 (/a/{*}) for GET, so it never applies to that method.',
      ],
    ])
  })
})
