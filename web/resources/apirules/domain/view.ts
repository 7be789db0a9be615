// One view shape for whatever the API server returns for an APIRule (v2, v1beta1, or v1beta1 data
// read through v2 without a conversion webhook). Defensive by design: a missing spec, empty rules
// or odd types never throw.
import { arr, isObj, type Obj } from '../../../api/json.ts'
import type { ApiRule, ApiRuleService } from '../types.ts'
import { ACCESS_LABELS, v1beta1AccessKind, v2AccessKind, type AccessKind } from './access.ts'
import { finiteNumber, nonEmptyString, stringMap, stringsOf } from './fields.ts'
import { normalizeGatewayRef } from './gateway.ts'
import { statusOf, type StatusInfo } from './status.ts'
import { isV1Beta1Shaped, v1beta1SpecFromAnnotation } from './versions.ts'

export type ViewVersion = 'v2' | 'v1beta1'

export interface RuleView {
  index: number
  path: string
  methods: string[]
  access: AccessKind
  /** `ACCESS_LABELS` of the kind; for v1beta1 the handler names. */
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
  if (!isObj(v) || !nonEmptyString(v.name)) return undefined
  const port = finiteNumber(v.port)
  return {
    name: nonEmptyString(v.name) ?? '',
    ...(nonEmptyString(v.namespace) ? { namespace: nonEmptyString(v.namespace) } : {}),
    port: port ?? 0,
    ...(typeof v.external === 'boolean' ? { external: v.external } : {}),
  }
}

function v2RuleView(raw: unknown, index: number): RuleView {
  const r = isObj(raw) ? raw : {}
  const access = v2AccessKind(r)
  return {
    index,
    path: nonEmptyString(r.path) ?? '',
    methods: stringsOf(r.methods),
    access,
    accessLabel: ACCESS_LABELS[access],
    handlers: [],
    service: toService(r.service),
    timeout: finiteNumber(r.timeout),
    raw: r,
  }
}

function v1beta1RuleView(raw: unknown, index: number): RuleView {
  const r = isObj(raw) ? raw : {}
  const handlers = arr(r.accessStrategies)
    .map((s) => (isObj(s) ? nonEmptyString(s.handler) : undefined))
    .filter((h): h is string => !!h)
  const access = v1beta1AccessKind(handlers)
  return {
    index,
    path: nonEmptyString(r.path) ?? '',
    methods: stringsOf(r.methods),
    access,
    accessLabel: handlers.length ? handlers.join(', ') : ACCESS_LABELS.none,
    handlers,
    service: toService(r.service),
    timeout: finiteNumber(r.timeout),
    raw: r,
  }
}

/**
 * One view per APIRule. `obj` is the object as listed through v2. `v1beta1` is the same object read
 * through v1beta1, when known; it is used only when `obj` is v1beta1-shaped.
 */
export function toApiRuleView(obj: unknown, v1beta1?: unknown): ApiRuleView {
  const o = isObj(obj) ? obj : {}
  const meta = isObj(o.metadata) ? o.metadata : {}
  const name = nonEmptyString(meta.name) ?? ''
  const namespace = nonEmptyString(meta.namespace) ?? ''
  const labels = stringMap(meta.labels)
  const annotations = stringMap(meta.annotations)
  const common = {
    key: `${namespace}/${name}`,
    name,
    namespace,
    uid: nonEmptyString(meta.uid),
    creationTimestamp: nonEmptyString(meta.creationTimestamp),
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
      v1beta1SpecFromAnnotation(annotations) ?? { ...(isObj(o.spec) ? o.spec : {}) }
    const source = v1Obj ?? o
    const object = {
      ...source,
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: isObj(source.metadata) ? source.metadata : meta,
      spec,
    } as unknown as ApiRule
    const host = nonEmptyString(spec.host) ?? nonEmptyString(arr(spec.hosts)[0])
    return {
      ...common,
      version: 'v1beta1',
      needsMigration: true,
      host,
      gateway: normalizeGatewayRef(nonEmptyString(spec.gateway)),
      service: toService(spec.service),
      timeout: finiteNumber(spec.timeout),
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
    host: nonEmptyString(arr(spec.hosts)[0]),
    gateway: nonEmptyString(spec.gateway),
    externalGateway: nonEmptyString(spec.externalGateway),
    service: toService(spec.service),
    timeout: finiteNumber(spec.timeout),
    corsPolicy: isObj(spec.corsPolicy) ? spec.corsPolicy : undefined,
    rules: arr(spec.rules).map(v2RuleView),
    status: statusOf(o),
    object: o as unknown as ApiRule,
  }
}

function keyOf(obj: unknown): string {
  const meta = isObj(obj) && isObj(obj.metadata) ? obj.metadata : {}
  return `${nonEmptyString(meta.namespace) ?? ''}/${nonEmptyString(meta.name) ?? ''}`
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
