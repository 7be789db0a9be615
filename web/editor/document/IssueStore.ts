// Issues indexed by field path, with stable per-path arrays between validation runs so that only
// the fields whose issues changed re-render.
import { formatPath, type EditorIssue } from './issues.ts'
import { deepEqual } from './structural.ts'

const EMPTY: readonly never[] = Object.freeze([])

/** `Issue`: the domain's issue type (the APIRule validator's), kept as such for its readers. */
export class IssueStore<Issue extends EditorIssue = EditorIssue> {
  #all: readonly Issue[] = EMPTY
  #byPath = new Map<string, readonly Issue[]>()
  /** formatPath of every path that has an error at or below it. */
  #errorsUnder = new Set<string>()
  #listeners = new Set<() => void>()

  subscribe = (l: () => void) => {
    this.#listeners.add(l)
    return () => this.#listeners.delete(l)
  }

  get all(): readonly Issue[] {
    return this.#all
  }

  /** Issues exactly at `path` (formatted with formatPath). */
  at(key: string): readonly Issue[] {
    return this.#byPath.get(key) ?? EMPTY
  }

  /** True when some error sits at `key` or below it (keys as formatted by formatPath). */
  hasErrorsUnder(key: string): boolean {
    return this.#errorsUnder.has(key)
  }

  set(issues: readonly Issue[]) {
    if (deepEqual(issues, this.#all)) return
    const next = new Map<string, Issue[]>()
    for (const i of issues) {
      const key = formatPath(i.path)
      const list = next.get(key)
      if (list) list.push(i)
      else next.set(key, [i])
    }
    const errorsUnder = new Set<string>()
    for (const i of issues) {
      if (i.severity !== 'error') continue
      for (let k = 0; k <= i.path.length; k++) errorsUnder.add(formatPath(i.path.slice(0, k)))
    }
    const shared = new Map<string, readonly Issue[]>()
    for (const [k, v] of next) {
      const prev = this.#byPath.get(k)
      shared.set(k, prev && deepEqual(prev, v) ? prev : v)
    }
    this.#all = issues
    this.#byPath = shared
    this.#errorsUnder = errorsUnder
    for (const l of [...this.#listeners]) l()
  }
}
