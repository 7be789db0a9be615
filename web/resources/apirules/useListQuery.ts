// The API Rule list's state: search, sort and filters. The URL holds it (so a reload or a shared
// link keeps it) and an in-memory copy per namespace brings it back after in-app navigation to a
// plain list link ("Back to API Rules", the side navigation).
//
// The search text is held apart from the URL and from the filtered view: the input is uncontrolled
// and reports each keystroke to local state; the table filters on a deferred copy of that state,
// and the URL is written after typing pauses. Nothing writes the input's value while the user
// types, so no re-render can put back an older text (the lost keystrokes of issue 16).
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useSearchParams } from 'react-router'
import { parseListQuery, writeListQuery, type ListQuery } from './model.ts'

/** URL parameters that make up the list state (see `writeListQuery`). */
const LIST_PARAMS = ['q', 'sort', 'dir', 'status', 'access'] as const

/** How long typing must pause before the search is written into the URL. */
export const SEARCH_URL_DELAY_MS = 300

/** Last list state (as URL parameters) per namespace key; lives as long as the page does. */
const remembered = new Map<string, string>()

/** Forgets every remembered list state (tests render many pages in one module). */
export function forgetListQueries() {
  remembered.clear()
}

function listParamsOf(params: URLSearchParams): string {
  const own = new URLSearchParams()
  for (const k of LIST_PARAMS) {
    const v = params.get(k)
    if (v) own.set(k, v)
  }
  return own.toString()
}

export interface ListQueryState {
  /** The query the table shows: URL state with the deferred search text. */
  query: ListQuery
  /** The search text as typed (ahead of `query.search` while filtering catches up). */
  search: string
  /** True while the table still shows the result of an older search text. */
  isStale: boolean
  /** Called by the search input on every keystroke. */
  onSearchInput: (text: string) => void
  /** Changes sort or filters (or clears the search), as a new history entry unless `replace`. */
  setQuery: (patch: Partial<ListQuery>, replace?: boolean) => void
  /**
   * Bumped whenever the search text changed from elsewhere than the input (Back, Clear, a restored
   * state): the page then writes `search` into the uncontrolled input.
   */
  externalSearchVersion: number
}

/** `memoryKey` names the list (one per namespace, or all namespaces). */
export function useListQuery(memoryKey: string): ListQueryState {
  const [params, setParams] = useSearchParams()
  const urlQuery = useMemo(() => parseListQuery(params), [params])

  // Coming back to a plain list link: bring back the state this list had.
  const own = listParamsOf(params)
  useLayoutEffect(() => {
    const saved = remembered.get(memoryKey)
    if (!own && saved) {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of new URLSearchParams(saved)) next.set(k, v)
          return next
        },
        { replace: true },
      )
    }
    // Only on arrival (and when the list changes); later changes are remembered below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [memoryKey])
  useEffect(() => {
    remembered.set(memoryKey, own)
  }, [memoryKey, own])

  const [search, setSearch] = useState(urlQuery.search)
  const [externalSearchVersion, setExternalSearchVersion] = useState(0)
  // The URL's search text as last seen or written here; a different one came from elsewhere.
  const urlSearch = useRef(urlQuery.search)
  if (urlQuery.search !== urlSearch.current) {
    urlSearch.current = urlQuery.search
    if (search !== urlQuery.search) {
      setSearch(urlQuery.search)
      setExternalSearchVersion((v) => v + 1)
    }
  }

  const writeUrl = useCallback(
    (patch: Partial<ListQuery>, replace: boolean) =>
      setParams((prev) => writeListQuery({ ...parseListQuery(prev), ...patch }, prev), { replace }),
    [setParams],
  )

  // Typing pauses → the search goes into the URL (replacing the entry: one per search, not per key).
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  useEffect(() => () => clearTimeout(pending.current), [])
  const onSearchInput = useCallback(
    (text: string) => {
      setSearch(text)
      clearTimeout(pending.current)
      pending.current = setTimeout(() => {
        urlSearch.current = text
        writeUrl({ search: text }, true)
      }, SEARCH_URL_DELAY_MS)
    },
    [writeUrl],
  )

  const setQuery = useCallback(
    (patch: Partial<ListQuery>, replace = false) => {
      if (patch.search !== undefined) {
        // A search set from outside the input (Clear): it wins over typing not yet in the URL.
        clearTimeout(pending.current)
        urlSearch.current = patch.search
        setSearch(patch.search)
        setExternalSearchVersion((v) => v + 1)
      }
      writeUrl(patch, replace)
    },
    [writeUrl],
  )

  const deferredSearch = useDeferredValue(search)
  const query = useMemo(() => ({ ...urlQuery, search: deferredSearch }), [urlQuery, deferredSearch])
  return {
    query,
    search,
    isStale: deferredSearch !== search,
    onSearchInput,
    setQuery,
    externalSearchVersion,
  }
}
