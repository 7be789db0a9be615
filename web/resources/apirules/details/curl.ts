// The "Copy curl command" of the details page: a command a shell runs as exactly curl, whatever
// the APIRule's host and paths hold.
import { shellQuote, shellWord } from '../../../components/shell-quote.ts'
import type { ApiRuleView } from '../domain/view.ts'

/** A curl command for the first rule (exact path when it has one, else `/`). */
export function curlCommand(url: string, view: ApiRuleView): string {
  const rule = view.rules[0]
  const path = rule && /^\/[^{*(?]*$/.test(rule.path) && !rule.path.includes('.*') ? rule.path : '/'
  const method = rule?.methods[0] ?? 'GET'
  const parts = ['curl', '-i']
  if (method !== 'GET') parts.push('-X', shellWord(method))
  // A fixed text; double quotes on purpose, so the user's shell fills in $TOKEN.
  if (rule && (rule.access === 'jwt' || rule.handlers.includes('jwt'))) {
    parts.push('-H', '"Authorization: Bearer $TOKEN"')
  }
  // Host and path come from the APIRule: quoted, so no value in them can run as a command.
  parts.push(shellQuote(`${url.replace(/\/$/, '')}${path}`))
  return parts.join(' ')
}
