// Rule order: an earlier rule that already matches every path of a later rule, for a method both
// have, leaves that method of the later rule unreachable. The v2 controller rejects it ("Path …
// with method … conflicts with at least one of the previous rule paths"); for v1beta1 (regex
// paths) only catch-alls and exact repeats are recognised.
import type { CheckIssue } from '../issue.ts'
import { isCatchAllPath, pathCovers, v1beta1PathCovers } from '../paths.ts'

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

/**
 * The rules (with a path) that an earlier rule shadows for at least one method. Comparing every
 * rule with every earlier one took seconds at 1,000+ rules (list rows, details page), so each rule
 * is compared only with the earlier rules that can cover it (see CoverIndex): the same answer.
 */
export function ruleConflicts(rules: readonly RulePathMethods[]): RuleConflict[] {
  const out: RuleConflict[] = []
  const index = new CoverIndex()
  for (const later of rules) {
    if (!later.path) continue
    const first = new Map<string, RulePathMethods>()
    for (const group of index.candidates(later)) firstCovering(group, later, first)
    const shadowedBy: RuleConflict['shadowedBy'] = []
    for (const method of later.methods) {
      const by = first.get(method)
      if (by) shadowedBy.push({ method, by })
    }
    if (shadowedBy.length) out.push({ rule: later, shadowedBy })
    index.add(later)
  }
  return out
}

/** Records in `first`, per method of `later`, the earliest rule of `group` that covers it there. */
function firstCovering(
  group: readonly RulePathMethods[],
  later: RulePathMethods,
  first: Map<string, RulePathMethods>,
) {
  const open = new Set(later.methods)
  for (const earlier of group) {
    // A method another group already answered with an earlier rule cannot get a better answer here.
    for (const m of open) if (isBefore(first.get(m), earlier)) open.delete(m)
    if (open.size === 0) return
    const mine = earlier.methods.filter((m) => open.has(m))
    if (mine.length === 0 || !covers(earlier, later)) continue
    for (const m of mine) {
      first.set(m, earlier)
      open.delete(m)
    }
  }
}

const isBefore = (a: RulePathMethods | undefined, b: RulePathMethods) =>
  a !== undefined && a.index < b.index

/** A v2 path's segments as pathCovers reads them (`/*` is `/{**}`). */
const segmentsOf = (path: string) => (path === '/*' ? '/{**}' : path).split('/').slice(1)

/** Earlier v2 paths as a tree of their segments. */
interface PathNode {
  /** Rules whose path ends here. */
  ends: RulePathMethods[]
  /** Rules whose path passes through here (kept only below a `{**}`). */
  through: RulePathMethods[]
  children: Map<string, PathNode>
}
const pathNode = (): PathNode => ({ ends: [], through: [], children: new Map() })

/**
 * The earlier rules, arranged so that a later rule looks only where a coverer can be. v2: a tree
 * walked along the later path as pathCovers would match it (a literal only by the same segment,
 * `{*}` by one non-empty segment that is not `{**}`; below a `{**}` every rule is a candidate).
 * A regex (v1beta1) rule on either side covers only as a catch-all or by the same path.
 */
class CoverIndex {
  private tree = pathNode()
  private regexCatchAll: RulePathMethods[] = []
  private regexByPath = new Map<string, RulePathMethods[]>()
  private catchAll: RulePathMethods[] = []
  private byPath = new Map<string, RulePathMethods[]>()

  add(rule: RulePathMethods) {
    const push = (map: Map<string, RulePathMethods[]>, key: string) => {
      const list = map.get(key)
      if (list) list.push(rule)
      else map.set(key, [rule])
    }
    const catchAll = isCatchAllPath(rule.path, 'v1beta1')
    push(this.byPath, rule.path)
    if (catchAll) this.catchAll.push(rule)
    if (rule.regexPath) {
      push(this.regexByPath, rule.path)
      if (catchAll) this.regexCatchAll.push(rule)
      return
    }
    let at = this.tree
    let belowAny = false
    for (const seg of segmentsOf(rule.path)) {
      let next = at.children.get(seg)
      if (!next) at.children.set(seg, (next = pathNode()))
      belowAny ||= seg === '{**}'
      if (belowAny) next.through.push(rule)
      at = next
    }
    at.ends.push(rule)
  }

  /** Groups (each in rule order) that hold every earlier rule that may cover `later`. */
  candidates(later: RulePathMethods): RulePathMethods[][] {
    const some = (list: RulePathMethods[] | undefined) => (list ? [list] : [])
    if (later.regexPath) return [...some(this.byPath.get(later.path)), this.catchAll]
    const segs = segmentsOf(later.path)
    const found = new Set<RulePathMethods>()
    const walk = (at: PathNode, j: number) => {
      if (j === segs.length) at.ends.forEach((r) => found.add(r))
      const any = at.children.get('{**}')
      if (any) any.through.forEach((r) => found.add(r))
      if (j === segs.length) return
      const seg = segs[j]!
      const same = OPERATORS.has(seg) ? undefined : at.children.get(seg)
      if (same) walk(same, j + 1)
      const one = at.children.get('{*}')
      if (one && seg !== '' && seg !== '{**}') walk(one, j + 1)
    }
    walk(this.tree, 0)
    const tree = [...found].sort((x, y) => x.index - y.index)
    return [...some(this.regexByPath.get(later.path)), this.regexCatchAll, tree]
  }
}

const OPERATORS = new Set(['{*}', '{**}'])

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
