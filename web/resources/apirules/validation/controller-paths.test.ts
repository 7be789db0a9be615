// The controller's rule-order check keeps what followed each `{**}` in a set (one lookup per
// suffix). It must answer exactly as the scan of every earlier suffix it replaced (kept here as the
// reference) on many seeded random rule lists heavy in `{**}`, `{*}`, empty segments and shared
// suffixes.
import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../test/seeded-random.ts'
import { firstPathConflict } from './controller-paths.ts'

type Rule = { index: number; path: string; methods: readonly string[] }

function referenceFirstPathConflict(rules: readonly Rule[]) {
  interface Node {
    end: boolean
    children: Map<string, Node>
    tails: string[]
  }
  const node = (end: boolean): Node => ({ end, children: new Map(), tails: [] })
  const joined = (tokens: readonly string[]) => tokens.map((t) => `/${t}`).join('')
  const matches = (at: Node, tokens: readonly string[], i: number): boolean => {
    if (i >= tokens.length) return at.end
    const exact = at.children.get(tokens[i] ?? '')
    if (exact && matches(exact, tokens, i + 1)) return true
    const one = at.children.get('{*}')
    if (one && matches(one, tokens, i + 1)) return true
    const any = at.children.get('{**}')
    if (any)
      for (let j = i; j <= tokens.length; j++) {
        const rest = joined(tokens.slice(j))
        if (any.tails.some((t) => t === '' || t === rest)) return true
      }
    return false
  }
  const byMethod = new Map<string, { index: number; path: string }[]>()
  for (const r of rules)
    for (const m of r.methods.length ? r.methods : ['NO_METHODS'])
      byMethod.set(m, [
        ...(byMethod.get(m) ?? []),
        { index: r.index, path: r.path === '/*' ? '/{**}' : r.path },
      ])
  for (const [method, paths] of byMethod) {
    const root = node(false)
    for (const p of paths) {
      const tokens = p.path.replace(/^\/+/, '').split('/')
      if (root.children.size > 0 && matches(root, tokens, 0)) return { ...p, method }
      let at = root
      tokens.forEach((t, i) => {
        let next = at.children.get(t)
        if (!next) at.children.set(t, (next = node(i === tokens.length - 1)))
        if (t === '{**}') next.tails.push(joined(tokens.slice(i + 1)))
        at = next
      })
    }
  }
  return undefined
}

const SEGMENTS = ['a', 'b', '', '{*}', '{**}', 'f.js']

function randomRules(seed: number): Rule[] {
  const rnd = seededRandom(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  return Array.from({ length: 1 + Math.floor(rnd() * 12) }, (_, index) => ({
    index,
    path:
      rnd() < 0.1
        ? pick(['/*', '/', '//a'])
        : Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => `/${pick(SEGMENTS)}`).join(''),
    methods: Array.from({ length: Math.floor(rnd() * 3) }, () => pick(['GET', 'POST'])),
  }))
}

describe('firstPathConflict', () => {
  it('answers as the scan of every earlier {**} suffix did', () => {
    let found = 0
    for (let seed = 1; seed <= 5000; seed++) {
      const rules = randomRules(seed)
      const expected = referenceFirstPathConflict(rules)
      if (expected) found++
      expect({ seed, conflict: firstPathConflict(rules) }).toEqual({ seed, conflict: expected })
    }
    // Both verdicts must be common, or the comparison proves little.
    expect(found).toBeGreaterThan(500)
    expect(found).toBeLessThan(4500)
  })
})
