// APIRule rule paths. v2: exact segments, `{*}` (one segment), `{**}` (any number, at most one,
// last operator), `/*` (= `/{**}`); no regex. v1beta1: a regex, of which only catch-alls and
// exact repeats are understood here.

/** Segments of a v2 path; `/*` is the same as `/{**}`. */
function pathSegments(path: string): string[] {
  return (path === '/*' ? '/{**}' : path).split('/').slice(1)
}

/** The `{**}` rules of the controller: at most one, and it must be the last operator. */
export function doubleStarProblems(path: string): string[] {
  const segs = pathSegments(path)
  const problems: string[] = []
  if (segs.filter((s) => s === '{**}').length > 1)
    problems.push('Only one {**} operator is allowed in the path.')
  const idx = segs.indexOf('{**}')
  if (idx >= 0 && segs.slice(idx + 1).some((s) => s === '{*}'))
    problems.push('The {**} operator must be the last operator in the path.')
  return problems
}

const V2_CATCH_ALL = new Set(['/*', '/{**}'])
const V1BETA1_CATCH_ALL = new Set(['/.*', '/*', '/(.*)', '/.*/?'])

export function isCatchAllPath(path: string, version: 'v2' | 'v1beta1'): boolean {
  return (version === 'v1beta1' ? V1BETA1_CATCH_ALL : V2_CATCH_ALL).has(path)
}

/**
 * True when every request path the v2 path `later` matches is also matched by `earlier`, so
 * `earlier` (for a shared method) leaves nothing for `later`. `{*}` is one non-empty segment;
 * `{**}` is any number of segments (and may absorb `later`'s own operators).
 */
export function pathCovers(earlier: string, later: string): boolean {
  // The conflict check compares every rule with every earlier one on each validation run (every
  // keystroke in the editor): remember the answers, which depend on the two strings only.
  const key = `${earlier}\u0000${later}`
  const known = coversCache.get(key)
  if (known !== undefined) return known
  if (coversCache.size >= COVERS_CACHE_MAX) coversCache.clear()
  const res = computePathCovers(earlier, later)
  coversCache.set(key, res)
  return res
}

const COVERS_CACHE_MAX = 50_000
const coversCache = new Map<string, boolean>()

function computePathCovers(earlier: string, later: string): boolean {
  const a = pathSegments(earlier)
  const b = pathSegments(later)
  const memo = new Map<number, boolean>()
  const go = (i: number, j: number): boolean => {
    const k = i * (b.length + 1) + j
    const hit = memo.get(k)
    if (hit !== undefined) return hit
    let res: boolean
    if (i === a.length) res = j === b.length
    else if (a[i] === '{**}') res = go(i + 1, j) || (j < b.length && go(i, j + 1))
    else if (j === b.length || b[j] === '{**}') res = false
    else if (a[i] === '{*}') res = b[j] !== '' && go(i + 1, j + 1)
    else res = a[i] === b[j] && go(i + 1, j + 1)
    memo.set(k, res)
    return res
  }
  return go(0, 0)
}

/** v1beta1 paths are regexes: only catch-alls and exact repeats are recognised. */
export function v1beta1PathCovers(earlier: string, later: string): boolean {
  return V1BETA1_CATCH_ALL.has(earlier) || earlier === later
}
