// YAML comments are text, not data: the API server stores the object, so a comment typed in the
// editor is gone after Save (and the review diff would show it as "added"). Counted here so the
// review says so.
import { Lexer } from 'yaml'

function comments(text: string): string[] {
  return [...new Lexer().lex(text)].filter((token) => token.startsWith('#'))
}

/** How many comments `after` has that `before` does not (each counted once per occurrence). */
export function addedComments(before: string, after: string): number {
  const left = new Map<string, number>()
  for (const c of comments(before)) left.set(c, (left.get(c) ?? 0) + 1)
  let added = 0
  for (const c of comments(after)) {
    const n = left.get(c) ?? 0
    if (n > 0) left.set(c, n - 1)
    else added++
  }
  return added
}
