// React bindings of the editor engine: a context with the EditorDocument and the issues, and hooks
// that subscribe a component to one path only.
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from 'react'
import type { EditorDocument } from '../document/EditorDocument.ts'
import type { IssueStore } from '../document/IssueStore.ts'
import { getAt } from '../document/structural.ts'
import { formatPath, type EditorIssue } from '../document/issues.ts'

export type Path = readonly (string | number)[]

export interface EditorContextValue {
  store: EditorDocument
  issues: IssueStore
  /** True while the YAML does not parse (or the user may not edit). */
  readOnly: boolean
  namespace: string
  mode: 'create' | 'edit'
}

export const EditorContext = createContext<EditorContextValue | null>(null)

export function useEditorContext(): EditorContextValue {
  const ctx = useContext(EditorContext)
  if (!ctx) throw new Error('useEditorContext outside of <EditorContext>')
  return ctx
}

/** The value at `path`; re-renders only when that subtree changes. */
export function useDocValue<T = unknown>(path: Path): T | undefined {
  const { store } = useEditorContext()
  const key = formatPath(path)
  const get = useCallback(
    () => getAt(store.value, path) as T | undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` identifies `path`
    [store, key],
  )
  return useSyncExternalStore(store.subscribe, get, get)
}

/**
 * A value derived from the subtree at `path` by `select` (a stable, module-level function that
 * returns a primitive): re-renders only when the derived value changes, not on every edit inside
 * the subtree.
 */
export function useDocSelect<T extends string | number | boolean | undefined>(
  path: Path,
  select: (value: unknown) => T,
): T {
  const { store } = useEditorContext()
  const key = formatPath(path)
  const get = useMemo(() => {
    // Values are structurally shared: an unchanged subtree keeps its identity, so `select` runs
    // only when its subtree changed (thousands of rules each check on every keystroke).
    let input: unknown = NOT_YET
    let output: T
    return () => {
      const value = getAt(store.value, path)
      if (value !== input) {
        input = value
        output = select(value)
      }
      return output
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` identifies `path`
  }, [store, key, select])
  return useSyncExternalStore(store.subscribe, get, get)
}

const NOT_YET = Symbol('not computed yet')

/** `[value, set]` for one field; `set(undefined)` deletes the field. */
export function useDocField<T = unknown>(
  path: Path,
): [T | undefined, (value: T | undefined) => void] {
  const { store, readOnly } = useEditorContext()
  const value = useDocValue<T>(path)
  const key = formatPath(path)
  const set = useCallback(
    (v: T | undefined) => {
      if (readOnly || store.error) return
      store.setField(path, v)
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` identifies `path`
    [store, key, readOnly],
  )
  return [value, set]
}

/** The length of the array at `path` (stable number: the caller ignores item changes). */
export function useDocLength(path: Path): number {
  const { store } = useEditorContext()
  const key = formatPath(path)
  const get = useCallback(
    () => {
      const v = getAt(store.value, path)
      return Array.isArray(v) ? v.length : 0
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` identifies `path`
    [store, key],
  )
  return useSyncExternalStore(store.subscribe, get, get)
}

/** Issues reported exactly at `path`. */
export function useFieldIssues(path: Path): readonly EditorIssue[] {
  const { issues } = useEditorContext()
  const key = formatPath(path)
  const get = useCallback(() => issues.at(key), [issues, key])
  return useSyncExternalStore(issues.subscribe, get, get)
}

/** True while some error sits at `path` or below it. */
export function useHasErrorsUnder(path: Path): boolean {
  const { issues } = useEditorContext()
  const key = formatPath(path)
  const get = useCallback(() => issues.hasErrorsUnder(key), [issues, key])
  return useSyncExternalStore(issues.subscribe, get, get)
}

/** A DOM id for a path: `spec.rules[0].path` → `f-spec-rules-0-path`. */
export function fieldId(path: Path): string {
  return 'f-' + path.map((s) => String(s).replace(/[^A-Za-z0-9_-]/g, '_')).join('-')
}
