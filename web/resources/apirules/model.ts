// Row model of the APIRule pages: pure functions that turn whatever the API server returns (v2,
// v1beta1, or v1beta1 data read through v2 without a conversion webhook) into one view shape.
// Defensive by design: a missing spec, empty rules or odd types never throw.
import type { K8sObject } from '../../api/k8s-types.ts'
import {
  ORIGINAL_VERSION_ANNOTATION,
  V1BETA1_SPEC_ANNOTATION,
  type ApiRule,
  type ApiRuleService,
} from './types.ts'
import { type Obj, arr, isObj } from '../../api/json.ts'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined
const strMap = (v: unknown): Record<string, string> => {
  if (!isObj(v)) return {}
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val
  return out
}

// ---------------------------------------------------------------------------------------------
// Status

export type RowState = 'Ready' | 'Warning' | 'Error' | 'Processing' | 'Deleting' | 'NotReconciled'

export const ROW_STATES: readonly RowState[] = [
  'Ready',
  'Warning',
  'Error',
  'Processing',
  'Deleting',
  'NotReconciled',
]

export const STATE_LABELS: Record<RowState, string> = {
  Ready: 'Ready',
  Warning: 'Warning',
  Error: 'Error',
  Processing: 'Processing',
  Deleting: 'Deleting',
  NotReconciled: 'Not reconciled',
}

export interface StatusInfo {
  state: RowState
  label: string
  description?: string | undefined
  lastProcessedTime?: string | undefined
}

const V1BETA1_CODES: Record<string, RowState> = {
  OK: 'Ready',
  ERROR: 'Error',
  WARNING: 'Warning',
  SKIPPED: 'Warning',
}

const V2_STATES = new Set<string>(['Ready', 'Warning', 'Error', 'Processing', 'Deleting'])

/**
 * The state shown for an APIRule: v2 `status.state`, else v1beta1 `status.APIRuleStatus.code`
 * (OK→Ready, ERROR→Error, WARNING/SKIPPED→Warning), else "Not reconciled". An object being deleted
 * shows Deleting whatever its last status said.
 */
export function statusOf(obj: unknown): StatusInfo {
  const o = isObj(obj) ? obj : {}
  const status = isObj(o.status) ? o.status : {}
  const lastProcessedTime = str(status.lastProcessedTime)
  const meta = isObj(o.metadata) ? o.metadata : {}
  let state: RowState = 'NotReconciled'
  let description: string | undefined
  const v2 = str(status.state)
  const v1 = isObj(status.APIRuleStatus) ? status.APIRuleStatus : undefined
  if (v2 && V2_STATES.has(v2)) {
    state = v2 as RowState
    description = str(status.description)
  } else if (v1 && str(v1.code)) {
    state = V1BETA1_CODES[(str(v1.code) ?? '').toUpperCase()] ?? 'Warning'
    description = str(v1.desc)
  }
  if (str(meta.deletionTimestamp)) state = 'Deleting'
  return {
    state,
    label: STATE_LABELS[state],
    ...(description ? { description } : {}),
    ...(lastProcessedTime ? { lastProcessedTime } : {}),
  }
}

const NOT_RECONCILED_HINT =
  'No status yet: the API Gateway controller has not processed this APIRule (or is not running).'

/** The tooltip of a status: the controller's description, else what the state means. */
export function statusTooltip(status: StatusInfo): string {
  return (
    status.description ?? (status.state === 'NotReconciled' ? NOT_RECONCILED_HINT : status.label)
  )
}

// ---------------------------------------------------------------------------------------------
// Access

export type AccessKind = 'noAuth' | 'jwt' | 'extAuth' | 'other'

export const ACCESS_KINDS: readonly AccessKind[] = ['noAuth', 'jwt', 'extAuth', 'other']

export const ACCESS_LABELS: Record<AccessKind, string> = {
  noAuth: 'No auth',
  jwt: 'JWT',
  extAuth: 'Ext auth',
  other: 'Other',
}

/** v1beta1 handlers that let every request through. */
export const V1BETA1_PUBLIC_HANDLERS: readonly string[] = ['allow', 'no_auth', 'noop']

function v1beta1HandlerKind(handler: string): AccessKind {
  if (V1BETA1_PUBLIC_HANDLERS.includes(handler)) return 'noAuth'
  if (handler === 'jwt') return 'jwt'
  return 'other'
}

// ---------------------------------------------------------------------------------------------
// Views

export type ViewVersion = 'v2' | 'v1beta1'

export interface RuleView {
  index: number
  path: string
  methods: string[]
  access: AccessKind
  /** "No auth" / "JWT" / "Ext auth"; for v1beta1 the handler names. */
  accessLabel: string
  /** v1beta1 only: handler names in order. */
  handlers: string[]
  service?: ApiRuleService | undefined
  timeout?: number | undefined
  /** The rule as found in the object (for the expandable details). */
  raw: Obj
}

export interface ApiRuleView {
  /** `namespace/name` */
  key: string
  name: string
  namespace: string
  uid?: string | undefined
  creationTimestamp?: string | undefined
  labels: Record<string, string>
  annotations: Record<string, string>
  version: ViewVersion
  /** Written as v1beta1: needs the v1beta1 → v2 migration. */
  needsMigration: boolean
  /** The first (v2: only) host as written; may be a short host or a wildcard. */
  host?: string | undefined
  /** `namespace/name` (v1beta1 legacy forms translated). */
  gateway?: string | undefined
  externalGateway?: string | undefined
  service?: ApiRuleService | undefined
  timeout?: number | undefined
  corsPolicy?: Obj | undefined
  rules: RuleView[]
  status: StatusInfo
  /** The object to show (the v1beta1 object for v1beta1 views). */
  object: ApiRule
}

function toService(v: unknown): ApiRuleService | undefined {
  if (!isObj(v) || !str(v.name)) return undefined
  const port = num(v.port)
  return {
    name: str(v.name) ?? '',
    ...(str(v.namespace) ? { namespace: str(v.namespace) } : {}),
    port: port ?? 0,
    ...(typeof v.external === 'boolean' ? { external: v.external } : {}),
  }
}

function methodsOf(v: unknown): string[] {
  return arr(v).filter((m): m is string => typeof m === 'string')
}

function v2RuleView(raw: unknown, index: number): RuleView {
  const r = isObj(raw) ? raw : {}
  const access: AccessKind =
    r.noAuth === true ? 'noAuth' : isObj(r.jwt) ? 'jwt' : isObj(r.extAuth) ? 'extAuth' : 'other'
  return {
    index,
    path: str(r.path) ?? '',
    methods: methodsOf(r.methods),
    access,
    accessLabel: access === 'other' ? 'Not set' : ACCESS_LABELS[access],
    handlers: [],
    service: toService(r.service),
    timeout: num(r.timeout),
    raw: r,
  }
}

function v1beta1RuleView(raw: unknown, index: number): RuleView {
  const r = isObj(raw) ? raw : {}
  const handlers = arr(r.accessStrategies)
    .map((s) => (isObj(s) ? str(s.handler) : undefined))
    .filter((h): h is string => !!h)
  const kinds = new Set(handlers.map(v1beta1HandlerKind))
  // A rule is as open as its most open handler; "jwt" only if every handler is jwt.
  const access: AccessKind = kinds.has('noAuth')
    ? 'noAuth'
    : kinds.size === 1 && kinds.has('jwt')
      ? 'jwt'
      : 'other'
  return {
    index,
    path: str(r.path) ?? '',
    methods: methodsOf(r.methods),
    access,
    accessLabel: handlers.length ? handlers.join(', ') : 'Not set',
    handlers,
    service: toService(r.service),
    timeout: num(r.timeout),
    raw: r,
  }
}

/** Legacy v1beta1 gateway names (`name.namespace.svc.cluster.local`, `name.namespace`) → `namespace/name`. */
export function normalizeGatewayRef(ref: string | undefined): string | undefined {
  if (!ref) return undefined
  if (ref.includes('/')) return ref
  const m = /^([^.]+)\.([^.]+)(?:\.svc(?:\.cluster(?:\.local)?)?)?$/.exec(ref)
  return m ? `${m[2]}/${m[1]}` : ref
}

/**
 * True when an APIRule (read through any version) holds v1beta1 data: it was written as v1beta1
 * (annotation), it is a v1beta1 read, or its spec has `host` but no v2 `hosts`/`rules`.
 */
export function isV1Beta1Shaped(obj: unknown): boolean {
  if (!isObj(obj)) return false
  const meta = isObj(obj.metadata) ? obj.metadata : {}
  const annotations = strMap(meta.annotations)
  if (annotations[ORIGINAL_VERSION_ANNOTATION] === 'v1beta1') return true
  const spec = isObj(obj.spec) ? obj.spec : undefined
  if (!spec) return str(obj.apiVersion)?.endsWith('/v1beta1') ?? false
  const hasV2Hosts = Array.isArray(spec.hosts) && spec.hosts.length > 0
  if (!hasV2Hosts && typeof spec.host === 'string') return true
  const rules = arr(spec.rules)
  if (!hasV2Hosts && rules.some((r) => isObj(r) && Array.isArray(r.accessStrategies))) return true
  // v1beta1 data read through v2 without a conversion webhook keeps only the shared fields: no
  // hosts, and rules without any v2 access field (which a v2 write can never produce).
  const noV2Access = (r: unknown) =>
    isObj(r) && !('noAuth' in r) && !('jwt' in r) && !('extAuth' in r)
  if (!hasV2Hosts && rules.length > 0 && rules.every(noV2Access)) return true
  return false
}

function parseV1Beta1SpecAnnotation(annotations: Record<string, string>): Obj | undefined {
  const raw = annotations[V1BETA1_SPEC_ANNOTATION]
  if (!raw) return undefined
  try {
    const parsed: unknown = JSON.parse(raw)
    return isObj(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/**
 * One view per APIRule. `obj` is the object as listed through v2. `v1beta1` is the same object read
 * through v1beta1, when known; it is used only when `obj` is v1beta1-shaped.
 */
export function toApiRuleView(obj: unknown, v1beta1?: unknown): ApiRuleView {
  const o = isObj(obj) ? obj : {}
  const meta = isObj(o.metadata) ? o.metadata : {}
  const name = str(meta.name) ?? ''
  const namespace = str(meta.namespace) ?? ''
  const labels = strMap(meta.labels)
  const annotations = strMap(meta.annotations)
  const common = {
    key: `${namespace}/${name}`,
    name,
    namespace,
    uid: str(meta.uid),
    creationTimestamp: str(meta.creationTimestamp),
    labels,
    annotations,
  }

  if (isV1Beta1Shaped(o)) {
    // Prefer the v1beta1 read when it really has v1beta1 data, then the spec kept in the
    // annotation by the conversion webhook, then whatever the v2 read holds.
    const v1Obj =
      isObj(v1beta1) && isObj(v1beta1.spec) && 'host' in v1beta1.spec ? v1beta1 : undefined
    const ownSpec = isObj(o.spec) && 'host' in o.spec ? o.spec : undefined
    const spec = (isObj(v1Obj?.spec) ? v1Obj.spec : undefined) ??
      ownSpec ??
      parseV1Beta1SpecAnnotation(annotations) ?? { ...(isObj(o.spec) ? o.spec : {}) }
    const source = v1Obj ?? o
    const object = {
      ...source,
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: isObj(source.metadata) ? source.metadata : meta,
      spec,
    } as unknown as ApiRule
    const host = str(spec.host) ?? str(arr(spec.hosts)[0])
    return {
      ...common,
      version: 'v1beta1',
      needsMigration: true,
      host,
      gateway: normalizeGatewayRef(str(spec.gateway)),
      service: toService(spec.service),
      timeout: num(spec.timeout),
      corsPolicy: isObj(spec.corsPolicy) ? spec.corsPolicy : undefined,
      rules: arr(spec.rules).map((r, i) =>
        isObj(r) && !Array.isArray(r.accessStrategies) ? v2RuleView(r, i) : v1beta1RuleView(r, i),
      ),
      status: statusOf(source === o ? o : { ...source, status: source.status ?? o.status }),
      object,
    }
  }

  const spec = isObj(o.spec) ? o.spec : {}
  return {
    ...common,
    version: 'v2',
    needsMigration: false,
    host: str(arr(spec.hosts)[0]),
    gateway: str(spec.gateway),
    externalGateway: str(spec.externalGateway),
    service: toService(spec.service),
    timeout: num(spec.timeout),
    corsPolicy: isObj(spec.corsPolicy) ? spec.corsPolicy : undefined,
    rules: arr(spec.rules).map(v2RuleView),
    status: statusOf(o),
    object: o as unknown as ApiRule,
  }
}

function keyOf(obj: unknown): string {
  const meta = isObj(obj) && isObj(obj.metadata) ? obj.metadata : {}
  return `${str(meta.namespace) ?? ''}/${str(meta.name) ?? ''}`
}

/** Views for a v2 list, using the v1beta1 list (if any) for the v1beta1-shaped objects. */
export function toApiRuleViews(
  v2Items: readonly unknown[],
  v1beta1ByKey?: ReadonlyMap<string, unknown>,
): ApiRuleView[] {
  const views: ApiRuleView[] = []
  const seen = new Set<string>()
  for (const item of v2Items) {
    if (!isObj(item)) continue
    const key = keyOf(item)
    seen.add(key)
    views.push(toApiRuleView(item, v1beta1ByKey?.get(key)))
  }
  // Objects only the v1beta1 list returned (v2 not served, or not yet in the v2 list).
  if (v1beta1ByKey) {
    for (const [key, item] of v1beta1ByKey) {
      if (!seen.has(key) && isObj(item) && isObj(item.spec) && 'host' in item.spec) {
        views.push(toApiRuleView(item, item))
      }
    }
  }
  return views
}

// ---------------------------------------------------------------------------------------------
// Hosts and Gateways

/** The default Gateway short v1beta1 hosts take their domain from. */
export const DEFAULT_GATEWAY = 'kyma-system/kyma-gateway'

/**
 * The `*.domain` suffix of a Gateway's first server host (without `*.`), or undefined. Istio server
 * hosts may carry a `namespace/` prefix, which is ignored.
 */
export function gatewayDomainOf(gateway: unknown): string | undefined {
  const spec = isObj(gateway) && isObj(gateway.spec) ? gateway.spec : {}
  const server = arr(spec.servers).find((s) => isObj(s) && arr(s.hosts).length > 0)
  const first = isObj(server) ? str(arr(server.hosts)[0]) : undefined
  if (!first) return undefined
  const host = first.includes('/') ? first.slice(first.indexOf('/') + 1) : first
  return host.startsWith('*.') && host.length > 2 ? host.slice(2) : undefined
}

/** `namespace/name` → domain, for every Gateway that has one. */
export function gatewayDomains(gateways: readonly K8sObject[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const gw of gateways) {
    const domain = gatewayDomainOf(gw)
    const ns = gw.metadata?.namespace
    const name = gw.metadata?.name
    if (domain && ns && name) map.set(`${ns}/${name}`, domain)
  }
  return map
}

export function isShortHost(host: string): boolean {
  return !host.includes('.')
}

/**
 * The full host: a short host (one label) gets the domain of its Gateway (v2) or of the default
 * Kyma gateway (v1beta1). Undefined when there is no host; the short host itself when the domain is
 * unknown.
 */
export function resolveHost(
  view: Pick<ApiRuleView, 'host' | 'gateway' | 'version'>,
  domains: ReadonlyMap<string, string>,
): string | undefined {
  const host = view.host
  if (!host) return undefined
  if (!isShortHost(host)) return host
  const gateway = view.gateway ?? (view.version === 'v1beta1' ? DEFAULT_GATEWAY : undefined)
  const domain =
    (gateway && domains.get(gateway)) ??
    (view.version === 'v1beta1' ? domains.get(DEFAULT_GATEWAY) : undefined)
  return domain ? `${host}.${domain}` : host
}

/** `https://<host>` for a concrete host; undefined for wildcard or unresolved short hosts. */
export function hostUrl(resolved: string | undefined): string | undefined {
  if (!resolved || resolved.includes('*') || isShortHost(resolved)) return undefined
  return `https://${resolved}`
}

// ---------------------------------------------------------------------------------------------
// Service, access and search

export interface ServiceTarget {
  namespace: string
  name: string
  port?: number | undefined
}

/** Every Service the APIRule routes to (spec-level first), without duplicates. */
export function serviceTargets(
  view: Pick<ApiRuleView, 'namespace' | 'service' | 'rules'>,
): ServiceTarget[] {
  const specNs = view.service?.namespace ?? view.namespace
  const out: ServiceTarget[] = []
  const seen = new Set<string>()
  const add = (s: ApiRuleService | undefined, fallbackNs: string) => {
    if (!s?.name) return
    const t = { namespace: s.namespace ?? fallbackNs, name: s.name, port: s.port || undefined }
    const k = `${t.namespace}/${t.name}:${t.port ?? ''}`
    if (seen.has(k)) return
    seen.add(k)
    out.push(t)
  }
  add(view.service, view.namespace)
  for (const r of view.rules) add(r.service, specNs)
  return out
}

/** `name:port`, with `namespace/` when the Service is in another namespace. */
export function serviceTargetLabel(t: ServiceTarget, ownNamespace: string): string {
  const base = t.namespace !== ownNamespace ? `${t.namespace}/${t.name}` : t.name
  return t.port ? `${base}:${t.port}` : base
}

/** The Service column: the first target, plus "+N" when rules route elsewhere too. */
export function serviceLabel(view: Pick<ApiRuleView, 'namespace' | 'service' | 'rules'>): string {
  const targets = serviceTargets(view)
  const first = targets[0]
  if (!first) return ''
  const label = serviceTargetLabel(first, view.namespace)
  return targets.length > 1 ? `${label} +${targets.length - 1}` : label
}

export interface AccessSummary {
  kinds: AccessKind[]
  label: string
}

/** The distinct access kinds of the rules; the label lists them (v1beta1: handler names). */
export function accessSummary(view: Pick<ApiRuleView, 'rules' | 'version'>): AccessSummary {
  const kinds: AccessKind[] = []
  const labels: string[] = []
  for (const r of view.rules) {
    if (!kinds.includes(r.access)) kinds.push(r.access)
    const parts = view.version === 'v1beta1' && r.handlers.length ? r.handlers : [r.accessLabel]
    for (const p of parts) if (!labels.includes(p)) labels.push(p)
  }
  return { kinds, label: labels.join(', ') }
}

export interface ApiRuleRow {
  view: ApiRuleView
  key: string
  name: string
  namespace: string
  /** Host with the Gateway domain applied. */
  host: string
  url?: string | undefined
  service: string
  /** The first Service target, for the link. */
  serviceTarget?: ServiceTarget | undefined
  gateway: string
  access: AccessSummary
  status: StatusInfo
  created: string
  /** Lower-case text the search looks in. */
  searchText: string
}

export function toRow(view: ApiRuleView, domains: ReadonlyMap<string, string>): ApiRuleRow {
  const resolved = resolveHost(view, domains) ?? ''
  const service = serviceLabel(view)
  const labelText = Object.entries(view.labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')
  const targets = serviceTargets(view)
  return {
    view,
    key: view.key,
    name: view.name,
    namespace: view.namespace,
    host: resolved,
    url: hostUrl(resolved),
    service,
    serviceTarget: targets[0],
    gateway: view.gateway ?? (view.externalGateway ? `${view.externalGateway} (external)` : ''),
    access: accessSummary(view),
    status: view.status,
    created: view.creationTimestamp ?? '',
    searchText: [
      view.name,
      view.host ?? '',
      resolved,
      service,
      ...targets.map((t) => t.name),
      labelText,
    ]
      .join('\n')
      .toLowerCase(),
  }
}

// ---------------------------------------------------------------------------------------------
// Search, filter and sort (the list page keeps these in the URL)

export const SORT_COLUMNS = [
  'name',
  'namespace',
  'host',
  'service',
  'gateway',
  'access',
  'status',
  'age',
] as const
export type SortColumn = (typeof SORT_COLUMNS)[number]
export type SortDirection = 'asc' | 'desc'

export interface ListQuery {
  search: string
  sort: SortColumn
  direction: SortDirection
  states: RowState[]
  access: AccessKind[]
}

export const DEFAULT_LIST_QUERY: ListQuery = {
  search: '',
  sort: 'name',
  direction: 'asc',
  states: [],
  access: [],
}

const list = <T extends string>(value: string | null, allowed: readonly T[]): T[] =>
  (value ?? '').split(',').filter((v): v is T => (allowed as readonly string[]).includes(v))

/** Reads the list query from URL search params (`q`, `sort`, `dir`, `status`, `access`). */
export function parseListQuery(params: URLSearchParams): ListQuery {
  const sort = params.get('sort')
  return {
    search: params.get('q') ?? '',
    sort: (SORT_COLUMNS as readonly string[]).includes(sort ?? '')
      ? (sort as SortColumn)
      : DEFAULT_LIST_QUERY.sort,
    direction: params.get('dir') === 'desc' ? 'desc' : 'asc',
    states: list(params.get('status'), ROW_STATES),
    access: list(params.get('access'), ACCESS_KINDS),
  }
}

/** Writes the list query into URL search params, leaving other params alone; defaults are omitted. */
export function writeListQuery(q: ListQuery, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base)
  const set = (k: string, v: string) => (v ? params.set(k, v) : params.delete(k))
  set('q', q.search)
  set('sort', q.sort === DEFAULT_LIST_QUERY.sort ? '' : q.sort)
  set('dir', q.direction === 'asc' ? '' : q.direction)
  set('status', q.states.join(','))
  set('access', q.access.join(','))
  return params
}

const STATE_ORDER: Record<RowState, number> = {
  Error: 0,
  Warning: 1,
  Processing: 2,
  Deleting: 3,
  NotReconciled: 4,
  Ready: 5,
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })

function compareBy(column: SortColumn, a: ApiRuleRow, b: ApiRuleRow): number {
  switch (column) {
    case 'name':
      return collator.compare(a.name, b.name)
    case 'namespace':
      return collator.compare(a.namespace, b.namespace)
    case 'host':
      return collator.compare(a.host, b.host)
    case 'service':
      return collator.compare(a.service, b.service)
    case 'gateway':
      return collator.compare(a.gateway, b.gateway)
    case 'access':
      return collator.compare(a.access.label, b.access.label)
    case 'status':
      return STATE_ORDER[a.status.state] - STATE_ORDER[b.status.state]
    case 'age':
      // Ascending age = newest first.
      return collator.compare(b.created, a.created)
  }
}

/** Applies search, filters and sort. Ties are broken by namespace and name so the order is stable. */
export function queryRows(rows: readonly ApiRuleRow[], q: ListQuery): ApiRuleRow[] {
  const needle = q.search.trim().toLowerCase()
  const states = new Set(q.states)
  const access = new Set(q.access)
  const out = rows.filter(
    (r) =>
      (!needle || r.searchText.includes(needle)) &&
      (!states.size || states.has(r.status.state)) &&
      (!access.size || r.access.kinds.some((k) => access.has(k))),
  )
  const dir = q.direction === 'desc' ? -1 : 1
  out.sort(
    (a, b) =>
      dir * compareBy(q.sort, a, b) ||
      collator.compare(a.namespace, b.namespace) ||
      collator.compare(a.name, b.name),
  )
  return out
}
