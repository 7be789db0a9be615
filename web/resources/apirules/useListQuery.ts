// The API Rule list's state: search, sort and filters. The URL holds it (so a reload or a shared
// link keeps it) and an in-memory copy per namespace brings it back after in-app navigation to a
// plain list link ("Back to API Rules", the side navigation).
//
// The page holds the state itself and the URL follows it: a sort or filter change re-renders the
// list in the click's own render, and the router navigation that writes the URL (which re-renders
// the whole page, as a transition) comes after. The search text is held apart from the filtered
// view: the input is uncontrolled and reports each keystroke to local state; the table filters on
// a deferred copy of that state, and the URL is written after typing pauses (sort and filter
// changes: after the next paint). Nothing writes the
// input's value while the user types, so no re-render can put back an older text (the lost
// keystrokes of issue 16).
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
import { parseListQuery, writeListQuery, type ListQuery } from './list-query.ts'

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

/** The list state apart from the search text: sort and filters. */
type ListView = Omit<ListQuery, 'search'>

const viewOf = ({ sort, direction, states, access }: ListQuery): ListView => ({
  sort,
  direction,
  states,
  access,
})

const viewKey = (v: ListView) => `${v.sort} ${v.direction} ${v.states.join()} ${v.access.join()}`

const stateKey = (search: string, v: ListView) => `${viewKey(v)}\n${search}`

function listParamsOf(params: URLSearchParams): string {
  const own = new URLSearchParams()
  for (const k of LIST_PARAMS) {
    const v = params.get(k)
    if (v) own.set(k, v)
  }
  return own.toString()
}

export interface ListQueryState {
  /** The query the table shows: sort and filters with the deferred search text. */
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

  // The list state as the page shows it: ahead of the URL, which follows it (see above).
  const [search, setSearch] = useState(urlQuery.search)
  const [view, setView] = useState<ListView>(() => viewOf(urlQuery))
  const [externalSearchVersion, setExternalSearchVersion] = useState(0)
  const latest = useRef({ search, view })

  // The URL's state as last rendered, and the states written here that the URL has not shown yet.
  // A URL this page did not write came from elsewhere (Back, Forward, a restored state) and
  // replaces what the page shows. Writes can overtake each other's renders (the router renders
  // them as transitions), so an older own write showing up late is not a change either.
  const urlKey = stateKey(urlQuery.search, viewOf(urlQuery))
  const seen = useRef(urlKey)
  const pendingWrites = useRef<string[]>([])
  if (urlKey !== seen.current) {
    seen.current = urlKey
    const own = pendingWrites.current.indexOf(urlKey)
    if (own >= 0) {
      pendingWrites.current.splice(0, own + 1)
    } else {
      pendingWrites.current = []
      if (urlQuery.search !== search) {
        setSearch(urlQuery.search)
        setExternalSearchVersion((v) => v + 1)
      }
      if (viewKey(viewOf(urlQuery)) !== viewKey(view)) setView(viewOf(urlQuery))
      latest.current = { search: urlQuery.search, view: viewOf(urlQuery) }
    }
  }

  // Writes what the page shows into the URL. Built from the page's state, not from the URL's
  // previous params: two writes between renders would otherwise undo each other.
  const writeUrl = useCallback(
    (replace: boolean) =>
      setParams(
        (prev) => {
          const { search, view } = latest.current
          const key = stateKey(search, view)
          // (A write of what the URL already shows renders nothing new: nothing to wait for.)
          if (key !== seen.current)
            pendingWrites.current = [...pendingWrites.current, key].slice(-20)
          return writeListQuery({ ...view, search }, prev)
        },
        { replace },
      ),
    [setParams],
  )

  // Typing pauses → the search goes into the URL (replacing the entry: one per search, not per key).
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  // Sort and filter changes reach the URL after the re-sorted list is painted: the router's
  // navigation (history.pushState and the page's transition render) took about as long as the
  // table's own render, inside the click. Writes scheduled before it runs become one.
  const scheduled = useRef<{ replace: boolean; cancel: () => void } | null>(null)
  const writeUrlAfterPaint = useCallback(
    (replace: boolean) => {
      if (scheduled.current) {
        // One history entry if any of the merged changes wanted its own.
        scheduled.current.replace &&= replace
        return
      }
      const write = { replace, cancel: () => {} }
      const run = () => {
        const timer = setTimeout(() => {
          scheduled.current = null
          writeUrl(write.replace)
        })
        write.cancel = () => clearTimeout(timer)
      }
      if (typeof requestAnimationFrame === 'function') {
        const frame = requestAnimationFrame(run)
        write.cancel = () => cancelAnimationFrame(frame)
      } else run()
      scheduled.current = write
    },
    [writeUrl],
  )
  useEffect(
    () => () => {
      // Leaving the list: what it showed is remembered for the way back, even when the URL has
      // not caught up (typing had not paused, or the router had not rendered the last write
      // before a click on a row navigated away).
      clearTimeout(pending.current)
      scheduled.current?.cancel()
      scheduled.current = null
      const { search, view } = latest.current
      remembered.set(memoryKey, listParamsOf(writeListQuery({ ...view, search })))
    },
    [memoryKey],
  )
  const onSearchInput = useCallback(
    (text: string) => {
      setSearch(text)
      latest.current = { ...latest.current, search: text }
      clearTimeout(pending.current)
      pending.current = setTimeout(() => {
        pending.current = undefined
        writeUrl(true)
      }, SEARCH_URL_DELAY_MS)
    },
    [writeUrl],
  )

  const setQuery = useCallback(
    (patch: Partial<ListQuery>, replace = false) => {
      const { search: nextSearch, ...viewPatch } = patch
      if (nextSearch !== undefined) {
        // A search set from outside the input (Clear): it wins over typing not yet in the URL.
        clearTimeout(pending.current)
        pending.current = undefined
        setSearch(nextSearch)
        setExternalSearchVersion((v) => v + 1)
      }
      const nextView = { ...latest.current.view, ...viewPatch }
      latest.current = { search: nextSearch ?? latest.current.search, view: nextView }
      setView(nextView)
      // The table re-sorts in this event's own (synchronous) render; the router navigation that
      // writes the URL (a transition render of the whole page) comes after it is painted.
      writeUrlAfterPaint(replace)
    },
    [writeUrlAfterPaint],
  )

  const deferredSearch = useDeferredValue(search)
  const query = useMemo(() => ({ ...view, search: deferredSearch }), [view, deferredSearch])
  return {
    query,
    search,
    isStale: deferredSearch !== search,
    onSearchInput,
    setQuery,
    externalSearchVersion,
  }
}
