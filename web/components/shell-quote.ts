// POSIX shell quoting for commands the user copies and pastes into a terminal. Inside single quotes a
// POSIX shell treats every byte literally except the closing quote itself, so a value is wrapped in
// '…' and each ' in it becomes '\'' (close, escaped quote, reopen). Nothing in the value — $, `,
// \, newlines, globs, unicode — can then reach the shell as syntax.

/** `value` as one shell word, always single-quoted (`''` for the empty string). */
export function shellQuote(value: string): string {
  // A NUL cannot be carried by a command-line argument at all; refuse rather than truncate.
  if (value.includes('\0')) throw new Error('A shell argument cannot contain a NUL character')
  return `'${value.replaceAll("'", `'\\''`)}'`
}

// Words made only of these characters mean the same to the shell quoted or not.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/

/** `value` as one shell word, quoted only when it needs to be (easier to read: `-X POST`). */
export function shellWord(value: string): string {
  return PLAIN_WORD.test(value) ? value : shellQuote(value)
}
