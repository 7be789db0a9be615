// The controller's rule-path checks: the `{**}` operator rules and the rule-order conflict. The
// conflict check is the controller's, not a general "covers" relation: per method (rules without
// methods form one group), each path is compared with the paths before it in a segment tree, where
// an earlier `{*}` matches any one segment, an earlier `{**}` matches when the rest of the later path
// ends with what followed it, and an exact earlier path counts only where it was the first path to
// reach that node. A path that collides is not added. Only the first conflict is reported.

/** Go's strings.Split after trimming leading slashes: `/a//b` → ['a', '', 'b']. */
const tokensOf = (path: string) => path.replace(/^\/+/, '').split('/')
const joined = (tokens: readonly string[]) => tokens.map((t) => `/${t}`).join('')

interface Node {
  /** A path ended here when the node was made. */
  end: boolean
  children: Map<string, Node>
  /** For a `{**}` node: what followed the operator in each path through it (a set: one lookup per
   * suffix, not a scan of every earlier path, which was quadratic for paths like `/{**}/f1.js`). */
  tails: Set<string>
}

const node = (end: boolean): Node => ({ end, children: new Map(), tails: new Set() })

function matches(at: Node, tokens: readonly string[], i: number): boolean {
  if (i >= tokens.length) return at.end
  const exact = at.children.get(tokens[i] ?? '')
  if (exact && matches(exact, tokens, i + 1)) return true
  const one = at.children.get('{*}')
  if (one && matches(one, tokens, i + 1)) return true
  const any = at.children.get('{**}')
  // An empty tail (the path ended with `{**}`) is found at j = tokens.length.
  if (any)
    for (let j = i; j <= tokens.length; j++) if (any.tails.has(joined(tokens.slice(j)))) return true
  return false
}

/** Adds `tokens` unless an earlier path matches them; true when one did. */
function addOrCollide(root: Node, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return false
  if (root.children.size > 0 && matches(root, tokens, 0)) return true
  let at = root
  tokens.forEach((t, i) => {
    const last = i === tokens.length - 1
    let next = at.children.get(t)
    if (!next) {
      next = node(last)
      at.children.set(t, next)
    }
    if (t === '{**}') next.tails.add(joined(tokens.slice(i + 1)))
    at = next
  })
  return false
}

export interface PathConflict {
  /** Index in `spec.rules` of the rule whose path collides. */
  index: number
  /** The path as the controller names it (`/*` is `/{**}`). */
  path: string
  /** The method, or `NO_METHODS`. */
  method: string
}

/** The first rule-order conflict the controller reports, if any (methods in order of appearance). */
export function firstPathConflict(
  rules: readonly { index: number; path: string; methods: readonly string[] }[],
): PathConflict | undefined {
  const byMethod = new Map<string, { index: number; path: string }[]>()
  for (const r of rules) {
    const methods = r.methods.length ? r.methods : ['NO_METHODS']
    for (const m of methods) {
      const list = byMethod.get(m) ?? []
      list.push({ index: r.index, path: r.path === '/*' ? '/{**}' : r.path })
      byMethod.set(m, list)
    }
  }
  for (const [method, paths] of byMethod) {
    const root = node(false)
    for (const p of paths) if (addOrCollide(root, tokensOf(p.path))) return { ...p, method }
  }
  return undefined
}

/** The controller's `{**}` rules for one path: at most one problem, as it reports one. */
export function doubleStarProblem(path: string): 'oneDoubleStar' | 'doubleStarLast' | undefined {
  const count = path.split('{**}').length - 1
  if (count === 0) return undefined
  if (count > 1) return 'oneDoubleStar'
  let afterDoubleStar = false
  for (const seg of tokensOf(path)) {
    if (seg !== '{*}' && seg !== '{**}') continue
    if (afterDoubleStar) return 'doubleStarLast'
    afterDoubleStar = seg === '{**}'
  }
  return undefined
}
