// What the engine knows of a problem in the document: where (a document path), what, and how bad.
// A domain's own issue type (e.g. the APIRule validator's) fits as long as it has these fields.
export type DocPath = readonly (string | number)[]

export interface EditorIssue {
  path: DocPath
  message: string
  severity: 'error' | 'warning'
  /** Which check reported it (shown in the problems list), e.g. `schema`, `server`, `yaml`. */
  source: string
  /** Only the server can check it: the problems list offers the server-side validation. */
  serverCheck?: boolean | undefined
}

/** `['spec', 'rules', 0, 'path']` → `spec.rules[0].path` (keys that are not identifiers bracketed). */
export function formatPath(path: DocPath): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg
    else out += `[${seg}]`
  }
  return out
}
