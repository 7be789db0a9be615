// Rule order: an earlier rule that already matches every path of a later rule, for a method both
// have, leaves that method of the later rule unreachable. The v2 controller rejects it ("Path …
// with method … conflicts with at least one of the previous rule paths"); for v1beta1 (regex
// paths) only catch-alls and exact repeats are recognised.
import type { CheckIssue } from '../issue.ts'
import { pathCovers, v1beta1PathCovers } from '../paths.ts'

export interface RulePathMethods {
  /** Index in `spec.rules`. */
  index: number
  path: string
  methods: readonly string[]
  /** A v1beta1 rule: its path is a regex. */
  regexPath: boolean
}

export interface RuleConflict {
  rule: RulePathMethods
  /** For each method of `rule` that is shadowed, in `rule`'s order: the first earlier rule that matches it. */
  shadowedBy: { method: string; by: RulePathMethods }[]
}

const covers = (earlier: RulePathMethods, later: RulePathMethods) =>
  earlier.regexPath || later.regexPath
    ? v1beta1PathCovers(earlier.path, later.path)
    : pathCovers(earlier.path, later.path)

/** The rules (with a path) that an earlier rule shadows for at least one method. */
export function ruleConflicts(rules: readonly RulePathMethods[]): RuleConflict[] {
  const out: RuleConflict[] = []
  const withPath = rules.filter((r) => r.path)
  withPath.forEach((later, j) => {
    const shadowedBy: RuleConflict['shadowedBy'] = []
    for (const method of later.methods) {
      const by = withPath
        .slice(0, j)
        .find((earlier) => earlier.methods.includes(method) && covers(earlier, later))
      if (by) shadowedBy.push({ method, by })
    }
    if (shadowedBy.length) out.push({ rule: later, shadowedBy })
  })
  return out
}

/** What a reader of the stored APIRule is told: which rule shadows it, for which methods. */
function explain({ rule, shadowedBy }: RuleConflict): string {
  // The first earlier rule that shadows anything, and every method it takes away.
  const first = shadowedBy.reduce((a, b) => (b.by.index < a.by.index ? b : a)).by
  const shared = shadowedBy.filter((s) => s.by === first).map((s) => s.method)
  const what =
    first.path === rule.path
      ? `repeats the path ${rule.path} of rule ${first.index + 1}`
      : `(${rule.path}) is already matched by rule ${first.index + 1} (${first.path})`
  return `Rule ${rule.index + 1} ${what} for ${shared.join(', ')}, so it never applies to ${shared.length === 1 ? 'that method' : 'those methods'}.`
}

/**
 * One issue per shadowed rule, at its path. v2: an error, in the controller's words. v1beta1 (not
 * reconciled any more): a warning.
 */
export function ruleConflictIssues(rules: readonly RulePathMethods[]): CheckIssue[] {
  return ruleConflicts(rules).map((conflict) => {
    const { rule, shadowedBy } = conflict
    const method = shadowedBy[0]?.method ?? ''
    return {
      kind: 'shadowed-rule',
      path: ['spec', 'rules', rule.index, 'path'],
      message: `Path ${rule.path} with method ${method} conflicts with at least one of the previous rule paths`,
      explanation: explain(conflict),
      severity: rule.regexPath ? 'warning' : 'error',
      source: 'controller',
    }
  })
}
