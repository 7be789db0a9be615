// Shared watchers: one list + watch per query key, however many components use it. Watch events
// are batched for FLUSH_MS and applied to the cached ListState in one update; the last user's
// release stops the watch after a second (a remount would otherwise close and reopen it).
import { useMemo, useSyncExternalStore } from 'react'
import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query'
import type { K8sObject, WatchEvent } from './k8s-types.ts'
import { applyEvents, toListState, type ListState } from './list-cache.ts'
import { startListWatch, type ConnectionState, type ListWatchHandle } from './list-watch.ts'

interface WatchEntry {
  refs: number
  handle: ListWatchHandle
  state: ConnectionState
  pending: WatchEvent<K8sObject>[]
  timer: ReturnType<typeof setTimeout> | undefined
  stopTimer: ReturnType<typeof setTimeout> | undefined
}

const registries = new WeakMap<QueryClient, Map<string, WatchEntry>>()
const stateListeners = new WeakMap<QueryClient, Map<string, Set<() => void>>>()

function listenersFor(qc: QueryClient, hash: string): Set<() => void> {
  let byHash = stateListeners.get(qc)
  if (!byHash) {
    byHash = new Map()
    stateListeners.set(qc, byHash)
  }
  let set = byHash.get(hash)
  if (!set) {
    set = new Set()
    byHash.set(hash, set)
  }
  return set
}

function notify(qc: QueryClient, hash: string) {
  for (const l of [...listenersFor(qc, hash)]) l()
}

function registry(qc: QueryClient): Map<string, WatchEntry> {
  let map = registries.get(qc)
  if (!map) {
    map = new Map()
    registries.set(qc, map)
  }
  return map
}

/** Events arriving within this window are applied in one cache update. */
const FLUSH_MS = 50

export interface WatchTarget {
  path: string
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
}

/** Starts (or joins) the watch that keeps the ListState under `key` current; returns release. */
export function acquireWatch(qc: QueryClient, key: QueryKey, target: WatchTarget): () => void {
  const hash = JSON.stringify(key)
  const reg = registry(qc)
  let entry = reg.get(hash)
  if (entry) {
    entry.refs++
    if (entry.stopTimer) clearTimeout(entry.stopTimer)
    entry.stopTimer = undefined
  } else {
    const current = qc.getQueryData<ListState<K8sObject>>(key)
    const created: WatchEntry = {
      refs: 1,
      state: 'connecting',
      pending: [],
      timer: undefined,
      stopTimer: undefined,
      handle: undefined as unknown as ListWatchHandle,
    }
    const flush = () => {
      created.timer = undefined
      const events = created.pending
      created.pending = []
      const state = qc.getQueryData<ListState<K8sObject>>(key)
      if (state && events.length) qc.setQueryData(key, applyEvents(state, events))
    }
    created.handle = startListWatch<K8sObject>({
      ...target,
      resourceVersion: current?.resourceVersion,
      onList: (list) => {
        created.pending = []
        qc.setQueryData(key, toListState(list))
      },
      onEvents: (events) => {
        created.pending.push(...events)
        created.timer ??= setTimeout(flush, FLUSH_MS)
      },
      onState: (state) => {
        created.state = state
        notify(qc, hash)
      },
    })
    reg.set(hash, created)
    entry = created
    notify(qc, hash)
  }
  const held = entry
  return () => {
    held.refs--
    if (held.refs > 0) return
    // Deferred so that a remount (StrictMode, route change to a sibling) keeps the stream open.
    held.stopTimer = setTimeout(() => {
      if (held.refs > 0) return
      held.handle.stop()
      if (held.timer) clearTimeout(held.timer)
      reg.delete(hash)
      notify(qc, hash)
    }, 1000)
  }
}

/** The connection state of the watch under `key`, re-rendering when it changes. */
export function useWatchState(key: QueryKey): ConnectionState | undefined {
  const qc = useQueryClient()
  const hash = JSON.stringify(key)
  const subscribe = useMemo(
    () => (onChange: () => void) => {
      const set = listenersFor(qc, hash)
      set.add(onChange)
      return () => {
        set.delete(onChange)
      }
    },
    [qc, hash],
  )
  return useSyncExternalStore(
    subscribe,
    () => registry(qc).get(hash)?.state,
    () => undefined,
  )
}
