// The API Gateway controller's verdict, read back from `status.description`: the controller writes
// its validation failures as one text ("Validation errors: Attribute '.spec.rules[0]': …\n…", at
// most three, then "N more error(s)..."; v1beta1 quotes the path with double quotes). Parsed here
// into problems with a document path, so the details page shows each at its rule and the editor at
// its field when the rule is reopened.
import { parseFieldPath } from '../validation/paths.ts'
import type { DocPath, Issue } from './issue.ts'
import type { StatusInfo } from './status.ts'

export interface ControllerVerdict {
  /** One problem per "Attribute '…': …" entry, at its document path. */
  problems: Issue[]
  /** "3 more error(s)..." the controller left out of the text. */
  more: number
  /** The description without attribute entries (a resource error, "Reconciled successfully"). */
  other: string
}

// An entry starts at the start of the text or of a line, after the "Validation errors: " prefix.
const ENTRY = /(?:^|\n)\s*(?:(?:Multiple )?[Vv]alidation errors?: *\n?)?Attribute (['"])(.*?)\1: /g
const MORE = /\n?(\d+) more error\(s\)\.\.\.\s*$/

/** The problems the controller named in `status.description` (none when it is not in Error). */
export function controllerVerdict(status: StatusInfo): ControllerVerdict {
  const text = status.description ?? ''
  if (status.state !== 'Error' && status.state !== 'Warning') {
    return { problems: [], more: 0, other: text }
  }
  const severity = status.state === 'Error' ? 'error' : 'warning'
  const moreMatch = MORE.exec(text)
  const body = moreMatch ? text.slice(0, moreMatch.index) : text
  const starts = [...body.matchAll(ENTRY)]
  const problems: Issue[] = starts.map((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : body.length
    const message = body.slice(m.index + m[0].length, end).trim()
    return { path: parseFieldPath(m[2] ?? ''), message, severity, source: 'controller' }
  })
  const other = starts.length ? body.slice(0, starts[0]!.index).trim() : body.trim()
  return { problems, more: moreMatch ? Number(moreMatch[1]) : 0, other }
}

/** The rule a problem is at (`['spec', 'rules', 2, …]` → 2), if any. */
export function ruleIndexOf(path: DocPath): number | undefined {
  return path[0] === 'spec' && path[1] === 'rules' && typeof path[2] === 'number'
    ? path[2]
    : undefined
}

/** The controller's problems per rule index; the others (spec-wide ones) under -1. */
export function problemsByRule(verdict: ControllerVerdict): Map<number, Issue[]> {
  const out = new Map<number, Issue[]>()
  for (const p of verdict.problems) {
    const k = ruleIndexOf(p.path) ?? -1
    out.set(k, [...(out.get(k) ?? []), p])
  }
  return out
}
