// React Query hooks over the Kubernetes API (through the BFF). Lists are fetched once and then kept
// current by a watch that edits the cached list in place; nothing polls.
import { useEffect, useMemo, useSyncExternalStore } from 'react'
import {
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query'
import { apiFetch, k8sFetch } from './client.ts'
import { describeError } from './errors.ts'
import type { K8sList, K8sObject, WatchEvent } from './k8s-types.ts'
import { resourcePath, SELF_SUBJECT_ACCESS_REVIEWS, type ResourceDescriptor } from './resources.ts'
import { startListWatch, type ConnectionState, type ListWatchHandle } from './watch.ts'

export type { ConnectionState } from './watch.ts'

// ---------------------------------------------------------------------------------------------
// Cached list state

/** What a list query caches: the items in order plus an index for O(1) event application. */
export interface ListState<T extends K8sObject> {
  items: T[]
  byKey: Map<string, T>
  resourceVersion?: string | undefined
}

export function objectKey(obj: K8sObject): string {
  return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? obj.metadata?.uid ?? ''}`
}

export function toListState<T extends K8sObject>(list: K8sList<T>): ListState<T> {
  const byKey = new Map<string, T>()
  for (const item of Array.isArray(list.items) ? list.items : []) {
    if (item && typeof item === 'object') byKey.set(objectKey(item), item)
  }
  return {
    items: Array.from(byKey.values()),
    byKey,
    resourceVersion: list.metadata?.resourceVersion,
  }
}

/**
 * Applies watch events to a list state. The Map is updated in place (O(1) per event); the items
 * array is rebuilt once per call, so callers batch events.
 */
export function applyEvents<T extends K8sObject>(
  state: ListState<T>,
  events: readonly WatchEvent<T>[],
): ListState<T> {
  const byKey = state.byKey
  let resourceVersion = state.resourceVersion
  for (const event of events) {
    const obj = event.object as T
    if (!obj || typeof obj !== 'object' || !obj.metadata) continue
    if (obj.metadata.resourceVersion) resourceVersion = obj.metadata.resourceVersion
    if (event.type === 'ADDED' || event.type === 'MODIFIED') byKey.set(objectKey(obj), obj)
    else if (event.type === 'DELETED') byKey.delete(objectKey(obj))
  }
  return { items: Array.from(byKey.values()), byKey, resourceVersion }
}

// ---------------------------------------------------------------------------------------------
// Shared watchers: one watch per query key, however many components use it

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

interface WatchTarget {
  path: string
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
}

function acquireWatch(qc: QueryClient, key: QueryKey, target: WatchTarget): () => void {
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

function useWatchState(key: QueryKey): ConnectionState | undefined {
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

// ---------------------------------------------------------------------------------------------
// Query keys

export interface ListOptions {
  labelSelector?: string | undefined
  fieldSelector?: string | undefined
  /** Set false to not fetch (for example while a dependency is unknown). */
  enabled?: boolean
}

export function listQueryKey(
  d: ResourceDescriptor,
  namespace: string | undefined,
  opts: ListOptions = {},
): QueryKey {
  return [
    'k8s',
    'list',
    d.group,
    d.version,
    d.plural,
    namespace ?? '',
    opts.labelSelector ?? '',
    opts.fieldSelector ?? '',
  ]
}

export function objectQueryKey(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
): QueryKey {
  return ['k8s', 'object', d.group, d.version, d.plural, namespace ?? '', name]
}

function retryOnTransient(count: number, error: Error): boolean {
  return count < 2 && describeError(error).retryable
}

// ---------------------------------------------------------------------------------------------
// Lists and objects

/** Options of queries kept current by a watch: never refetched (the watch applies changes in
 *  place, hence no structural sharing), retried only on transient errors. */
const WATCHED_QUERY = {
  staleTime: Infinity,
  structuralSharing: false,
  refetchOnWindowFocus: false,
  refetchOnReconnect: false,
  retry: retryOnTransient,
} as const

export interface K8sListResult<T extends K8sObject> {
  items: T[]
  /** The map behind `items`, keyed `namespace/name`. */
  byKey: Map<string, T>
  isLoading: boolean
  error: Error | null
  connection: ConnectionState
  refetch: () => void
}

const EMPTY_MAP = new Map<string, never>()

/**
 * Lists a resource (in one namespace, or in all when `namespace` is undefined) and keeps the list
 * current with a watch. Events are applied in place by `namespace/name`.
 */
export function useK8sList<T extends K8sObject = K8sObject>(
  d: ResourceDescriptor,
  namespace?: string,
  opts: ListOptions = {},
): K8sListResult<T> {
  const qc = useQueryClient()
  const ns = d.namespaced ? namespace : undefined
  const { labelSelector, fieldSelector } = opts
  const enabled = opts.enabled ?? true
  const key = useMemo(
    () => listQueryKey(d, ns, { labelSelector, fieldSelector }),
    [d, ns, labelSelector, fieldSelector],
  )
  const path = resourcePath(d, { namespace: ns })
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) =>
      toListState(
        await k8sFetch<K8sList<T>>(path, { query: { labelSelector, fieldSelector }, signal }),
      ),
    enabled,
    ...WATCHED_QUERY,
  })
  const hasData = query.data !== undefined
  useEffect(() => {
    if (!enabled || !hasData) return
    return acquireWatch(qc, key, { path, labelSelector, fieldSelector })
  }, [qc, key, path, labelSelector, fieldSelector, enabled, hasData])
  const watchState = useWatchState(key)
  const data = query.data as ListState<T> | undefined
  return {
    items: data?.items ?? (EMPTY_ITEMS as T[]),
    byKey: data?.byKey ?? (EMPTY_MAP as Map<string, T>),
    isLoading: enabled && query.isPending,
    error: query.error,
    connection: hasData ? (watchState ?? 'connecting') : 'connecting',
    refetch: () => void query.refetch(),
  }
}

const EMPTY_ITEMS: never[] = []

export interface K8sObjectResult<T extends K8sObject> {
  object: T | undefined
  isLoading: boolean
  error: Error | null
  /** The object existed when loaded and has since been deleted. */
  deleted: boolean
  connection: ConnectionState
  refetch: () => void
}

/** Gets one object and keeps it current with a watch (`fieldSelector=metadata.name=<name>`). */
export function useK8sObject<T extends K8sObject = K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string | undefined,
  opts: { enabled?: boolean } = {},
): K8sObjectResult<T> {
  const qc = useQueryClient()
  const ns = d.namespaced ? namespace : undefined
  const enabled = (opts.enabled ?? true) && !!name
  const key = useMemo(() => objectQueryKey(d, ns, name ?? ''), [d, ns, name])
  const fieldSelector = `metadata.name=${name ?? ''}`
  const path = resourcePath(d, { namespace: ns })
  const query = useQuery({
    queryKey: key,
    queryFn: async ({ signal }) => {
      const obj = await k8sFetch<T>(resourcePath(d, { namespace: ns, name }), { signal })
      return toListState<T>({
        metadata: { resourceVersion: obj.metadata?.resourceVersion },
        items: [obj],
      })
    },
    enabled,
    ...WATCHED_QUERY,
  })
  const hasData = query.data !== undefined
  useEffect(() => {
    if (!enabled || !hasData) return
    return acquireWatch(qc, key, { path, fieldSelector })
  }, [qc, key, path, fieldSelector, enabled, hasData])
  const watchState = useWatchState(key)
  const data = query.data as ListState<T> | undefined
  return {
    object: data?.items[0],
    isLoading: enabled && query.isPending,
    error: query.error,
    deleted: hasData && data?.items.length === 0,
    connection: hasData ? (watchState ?? 'connecting') : 'connecting',
    refetch: () => void query.refetch(),
  }
}

// ---------------------------------------------------------------------------------------------
// Plain requests (for code outside React, e.g. the editor's save logic)

export type PatchType = 'merge' | 'json' | 'strategic' | 'apply'

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
}

export interface WriteOptions {
  dryRun?: boolean
  /** Server-side field manager; defaults to the dashboard's. */
  fieldManager?: string
  signal?: AbortSignal
}

export const FIELD_MANAGER = 'kyma-apirules-dashboard'

function writeQuery(o: WriteOptions, extra: Record<string, string | undefined> = {}) {
  return {
    ...(o.dryRun ? { dryRun: 'All' } : {}),
    fieldManager: o.fieldManager ?? FIELD_MANAGER,
    ...extra,
  }
}

export function getObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  signal?: AbortSignal,
): Promise<T> {
  return k8sFetch<T>(resourcePath(d, { namespace, name }), { signal })
}

export function listObjects<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  opts: { labelSelector?: string; fieldSelector?: string; signal?: AbortSignal } = {},
): Promise<K8sList<T>> {
  return k8sFetch<K8sList<T>>(resourcePath(d, { namespace }), {
    query: { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector },
    signal: opts.signal,
  })
}

export function createObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  body: T,
  opts: WriteOptions = {},
): Promise<T> {
  return k8sFetch<T>(resourcePath(d, { namespace }), {
    method: 'POST',
    body,
    query: writeQuery(opts),
    signal: opts.signal,
  })
}

/** PUT; the body must carry metadata.resourceVersion so a concurrent change yields 409. */
export function replaceObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  body: T,
  opts: WriteOptions = {},
): Promise<T> {
  if (!body.metadata?.resourceVersion) {
    return Promise.reject(new Error('replaceObject needs metadata.resourceVersion'))
  }
  return k8sFetch<T>(resourcePath(d, { namespace, name }), {
    method: 'PUT',
    body,
    query: writeQuery(opts),
    signal: opts.signal,
  })
}

export function patchObject<T extends K8sObject>(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  patch: unknown,
  type: PatchType = 'merge',
  opts: WriteOptions & { force?: boolean } = {},
): Promise<T> {
  return k8sFetch<T>(resourcePath(d, { namespace, name }), {
    method: 'PATCH',
    body: patch,
    contentType: PATCH_CONTENT_TYPES[type],
    query: writeQuery(opts, type === 'apply' && opts.force ? { force: 'true' } : {}),
    signal: opts.signal,
  })
}

export function deleteObject(
  d: ResourceDescriptor,
  namespace: string | undefined,
  name: string,
  opts: { dryRun?: boolean; propagationPolicy?: 'Foreground' | 'Background' | 'Orphan' } = {},
): Promise<unknown> {
  return k8sFetch<unknown>(resourcePath(d, { namespace, name }), {
    method: 'DELETE',
    query: {
      ...(opts.dryRun ? { dryRun: 'All' } : {}),
      propagationPolicy: opts.propagationPolicy,
    },
  })
}

// ---------------------------------------------------------------------------------------------
// Mutation hooks. The watch updates the cached lists; on success we also write the returned
// object into a cached single-object query so a details page shows it immediately.

function rememberObject(qc: QueryClient, d: ResourceDescriptor, obj: K8sObject | undefined) {
  const name = obj?.metadata?.name
  if (!obj || !name) return
  const key = objectQueryKey(d, d.namespaced ? obj.metadata.namespace : undefined, name)
  if (qc.getQueryData(key) !== undefined) seedObjectQuery(qc, d, obj)
}

/**
 * Writes an object the API server just returned into its `useK8sObject` query (cached or not), so
 * the page that opens next renders that object at once instead of an older cached copy. The watch
 * that page starts resumes from the object's resourceVersion.
 */
export function seedObjectQuery(qc: QueryClient, d: ResourceDescriptor, obj: K8sObject) {
  const name = obj.metadata?.name
  if (!name) return
  qc.setQueryData(
    objectQueryKey(d, d.namespaced ? obj.metadata.namespace : undefined, name),
    toListState({ metadata: { resourceVersion: obj.metadata.resourceVersion }, items: [obj] }),
  )
}

export interface CreateVars<T> {
  namespace?: string | undefined
  body: T
  dryRun?: boolean
}

export function useK8sCreate<T extends K8sObject = K8sObject>(d: ResourceDescriptor) {
  const qc = useQueryClient()
  return useMutation<T, Error, CreateVars<T>>({
    mutationFn: ({ namespace, body, dryRun }) =>
      createObject<T>(d, namespace ?? body.metadata?.namespace, body, { dryRun }),
    onSuccess: (obj, vars) => {
      if (!vars.dryRun) rememberObject(qc, d, obj)
    },
  })
}

export interface ReplaceVars<T> {
  namespace?: string | undefined
  name: string
  body: T
  dryRun?: boolean
}

export function useK8sReplace<T extends K8sObject = K8sObject>(d: ResourceDescriptor) {
  const qc = useQueryClient()
  return useMutation<T, Error, ReplaceVars<T>>({
    mutationFn: ({ namespace, name, body, dryRun }) =>
      replaceObject<T>(d, namespace, name, body, { dryRun }),
    onSuccess: (obj, vars) => {
      if (!vars.dryRun) rememberObject(qc, d, obj)
    },
  })
}

export interface PatchVars {
  namespace?: string | undefined
  name: string
  patch: unknown
  type?: PatchType
  dryRun?: boolean
}

export function useK8sPatch<T extends K8sObject = K8sObject>(d: ResourceDescriptor) {
  const qc = useQueryClient()
  return useMutation<T, Error, PatchVars>({
    mutationFn: ({ namespace, name, patch, type, dryRun }) =>
      patchObject<T>(d, namespace, name, patch, type ?? 'merge', { dryRun }),
    onSuccess: (obj, vars) => {
      if (!vars.dryRun) rememberObject(qc, d, obj)
    },
  })
}

export interface DeleteVars {
  namespace?: string | undefined
  name: string
}

export function useK8sDelete(d: ResourceDescriptor) {
  return useMutation<unknown, Error, DeleteVars>({
    mutationFn: ({ namespace, name }) => deleteObject(d, namespace, name),
  })
}

// ---------------------------------------------------------------------------------------------
// Permissions

export interface AccessCheck {
  verb: string
  group?: string
  resource: string
  subresource?: string
  namespace?: string | undefined
  name?: string | undefined
  /** Human resource name for the denial reason ("APIRules"); not sent to the API server. */
  title?: string | undefined
}

export interface AccessResult {
  /** True while loading is false and the API server allowed it — or could not be asked (see `unknown`). */
  allowed: boolean
  /** Why it is denied, in words for a tooltip. */
  reason?: string | undefined
  isLoading: boolean
  /** The review itself failed; the button stays enabled and the API server decides. */
  unknown: boolean
}

interface SelfSubjectAccessReview {
  apiVersion: string
  kind: string
  metadata: Record<string, never>
  spec: {
    resourceAttributes: Omit<AccessCheck, 'namespace' | 'name'> & {
      namespace?: string
      name?: string
    }
  }
  status?: { allowed: boolean; denied?: boolean; reason?: string; evaluationError?: string }
}

function accessQuery(check: AccessCheck, enabled: boolean) {
  return {
    queryKey: [
      'k8s',
      'access',
      check.verb,
      check.group ?? '',
      check.resource,
      check.subresource ?? '',
      check.namespace ?? '',
      check.name ?? '',
    ],
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const review: SelfSubjectAccessReview = {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: {
          resourceAttributes: {
            verb: check.verb,
            group: check.group ?? '',
            resource: check.resource,
            ...(check.subresource ? { subresource: check.subresource } : {}),
            ...(check.namespace ? { namespace: check.namespace } : {}),
            ...(check.name ? { name: check.name } : {}),
          },
        },
      }
      const res = await k8sFetch<SelfSubjectAccessReview>(
        resourcePath(SELF_SUBJECT_ACCESS_REVIEWS),
        { method: 'POST', body: review, signal },
      )
      return res.status ?? { allowed: false }
    },
    enabled,
    staleTime: 60_000,
    retry: retryOnTransient,
  }
}

function toAccessResult(
  check: AccessCheck,
  q: {
    data?: { allowed: boolean; reason?: string } | undefined
    isPending: boolean
    error: Error | null
  },
  enabled: boolean,
): AccessResult {
  if (!enabled) return { allowed: false, isLoading: false, unknown: true }
  if (q.error) {
    return {
      allowed: true,
      unknown: true,
      isLoading: false,
      reason: 'Permissions could not be checked',
    }
  }
  if (q.isPending || !q.data) {
    return { allowed: false, isLoading: true, unknown: false, reason: 'Checking permissions…' }
  }
  const allowed = q.data.allowed === true
  return {
    allowed,
    isLoading: false,
    unknown: false,
    reason: allowed ? undefined : deniedReason(check, q.data.reason),
  }
}

export function deniedReason(check: AccessCheck, serverReason?: string): string {
  const what = check.title ?? check.resource
  const resource = check.name ? `${what} ${check.name}` : what
  const where = check.namespace ? `in namespace ${check.namespace}` : 'in all namespaces'
  const base = `You may not ${check.verb} ${resource} ${where}`
  return serverReason ? `${base} (${serverReason})` : base
}

/** Asks the API server whether the current user may do `verb` on a resource (SelfSubjectAccessReview). */
export function useAccessReview(
  check: AccessCheck,
  opts: { enabled?: boolean } = {},
): AccessResult {
  const enabled = opts.enabled ?? true
  const q = useQuery(accessQuery(check, enabled))
  return toAccessResult(check, q, enabled)
}

/** Several access reviews at once (e.g. one per namespace shown in a list). */
export function useAccessReviews(checks: readonly AccessCheck[]): AccessResult[] {
  const results = useQueries({ queries: checks.map((c) => accessQuery(c, true)) })
  return results.map((q, i) => toAccessResult(checks[i] as AccessCheck, q, true))
}

// ---------------------------------------------------------------------------------------------
// Cluster info

export interface ClusterInfo {
  context?: string
  server?: string
  kubernetesVersion?: string
  user?: string
  authMode?: string
  /** Per-user modes (token, oidc): whether this browser has a valid session. */
  signedIn?: boolean
}

export function useClusterInfo() {
  return useQuery({
    queryKey: ['cluster-info'],
    queryFn: ({ signal }) => apiFetch<ClusterInfo>('/api/cluster', { signal }),
    staleTime: 5 * 60_000,
    retry: retryOnTransient,
  })
}
