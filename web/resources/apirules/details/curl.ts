// The "Copy curl command" of each rule on the details page: a request that rule serves (its
// method, a path it matches, the token header only if that rule asks for a JWT), as a command a
// shell runs as exactly curl, whatever the APIRule's host and paths hold.
import { shellQuote, shellWord } from '../../../components/shell-quote.ts'
import type { ApiRuleView } from '../domain/view.ts'

/**
 * A path the rule's pattern matches: the path itself when it is exact, else its part before the
 * first wildcard (`/admin/{**}` → `/admin/`, `/*` → `/`, v1beta1's `/.*` → `/`).
 */
export function examplePath(pattern: string): string {
  // v2 patterns use `{*}`, `{**}` and `*`; v1beta1 regexes `.*` and groups.
  const cut = pattern.search(/[{*(?]/)
  const head = cut < 0 ? pattern : pattern.slice(0, cut)
  // Up to the last `/` before the wildcard: `/api/v1*` → `/api/`, v1beta1's `/.*` → `/`.
  const prefix = head.slice(0, head.lastIndexOf('/') + 1) || '/'
  return cut < 0 ? pattern || '/' : prefix
}

/** A curl command for rule `index` (default the first) of the APIRule at `url`. */
export function curlCommand(url: string, view: ApiRuleView, index = 0): string {
  const rule = view.rules[index]
  const path = rule ? examplePath(rule.path) : '/'
  const method = rule?.methods[0] ?? 'GET'
  const parts = ['curl', '-i']
  if (method !== 'GET') parts.push('-X', shellWord(method))
  // A fixed text; double quotes on purpose, so the user's shell fills in $TOKEN.
  if (rule && (rule.access === 'jwt' || rule.handlers.includes('jwt'))) {
    parts.push('-H', '"Authorization: Bearer $TOKEN"')
  }
  // Host and path come from the APIRule: quoted, so no value in them can run as a command.
  parts.push(shellQuote(`${url.replace(/\/$/, '')}${path.startsWith('/') ? path : `/${path}`}`))
  return parts.join(' ')
}
