// Warnings about APIRules that the API server accepts but that are probably not what the author
// wants. Pure functions (no React): the details page, the list rows and the editor all use them.
import type { K8sObject } from '../../api/k8s-types.ts'
import {
  gatewayDomains,
  resolveHost,
  serviceTargets,
  toApiRuleView,
  V1BETA1_PUBLIC_HANDLERS,
  type ApiRuleView,
  type RuleView,
} from './model.ts'
import { arr, isObj } from '../../api/json.ts'

export type WarningKind =
  | 'public-catch-all'
  | 'insecure-jwks'
  | 'duplicate-host'
  | 'missing-service'
  | 'missing-service-port'
  | 'missing-gateway'
  | 'shadowed-rule'

export interface ApiRuleWarning {
  kind: WarningKind
  message: string
  /** Index into spec.rules, when the warning is about one rule. */
  ruleIndex?: number
  /** Dotted field path (`spec.rules[2].jwt.authentications[0].jwksUri`), for the editor. */
  field?: string
}

export interface WarningContext {
  /** Services known to exist. Without it, Service references are not checked. */
  services?: readonly K8sObject[] | undefined
  /**
   * Namespaces whose Services are all in `services`; references to other namespaces are not
   * checked. Omit when `services` holds every namespace.
   */
  serviceNamespaces?: readonly string[] | undefined
  /** Gateways known to exist (also used to resolve short hosts). Without it, not checked. */
  gateways?: readonly K8sObject[] | undefined
  /** Other APIRules, to find a host used twice. The rule itself may be included; it is skipped. */
  otherApiRules?: readonly unknown[] | undefined
  /** Alternative to `otherApiRules` for many rows: resolved host → APIRule keys (`ns/name`). */
  hostIndex?: ReadonlyMap<string, readonly string[]> | undefined
}

// ---------------------------------------------------------------------------------------------
// Paths

const V2_CATCH_ALL = new Set(['/*', '/{**}'])
const V1BETA1_CATCH_ALL = new Set(['/.*', '/*', '/(.*)', '/.*/?'])

export function isCatchAllPath(path: string, version: ApiRuleView['version']): boolean {
  return (version === 'v1beta1' ? V1BETA1_CATCH_ALL : V2_CATCH_ALL).has(path)
}

/** Segments of a v2 path; `/*` is the same as `/{**}`. */
function segments(path: string): string[] {
  return (path === '/*' ? '/{**}' : path).split('/').slice(1)
}

/**
 * True when every request path the v2 path `later` matches is also matched by `earlier`.
 * `{*}` is one non-empty segment; `{**}` is any number of segments (and may absorb `later`'s own
 * operators); `/*` equals `/{**}`.
 */
export function v2PathCovers(earlier: string, later: string): boolean {
  const a = segments(earlier)
  const b = segments(later)
  const memo = new Map<number, boolean>()
  const go = (i: number, j: number): boolean => {
    const k = i * (b.length + 1) + j
    const hit = memo.get(k)
    if (hit !== undefined) return hit
    let res: boolean
    if (i === a.length) res = j === b.length
    else if (a[i] === '{**}') res = go(i + 1, j) || (j < b.length && go(i, j + 1))
    else if (j === b.length || b[j] === '{**}') res = false
    else if (a[i] === '{*}') res = b[j] !== '' && go(i + 1, j + 1)
    else res = a[i] === b[j] && go(i + 1, j + 1)
    memo.set(k, res)
    return res
  }
  return go(0, 0)
}

/** v1beta1 paths are regexes: only catch-alls and exact duplicates are recognised. */
function v1beta1PathCovers(earlier: string, later: string): boolean {
  return V1BETA1_CATCH_ALL.has(earlier) || earlier === later
}

// ---------------------------------------------------------------------------------------------
// Individual checks (each takes the normalised view)

function hostText(view: ApiRuleView, ctx: WarningContext): string {
  const domains = gatewayDomains(ctx.gateways ?? [])
  return resolveHost(view, domains) ?? 'this host'
}

function isPublic(rule: RuleView, view: ApiRuleView): boolean {
  if (view.version === 'v1beta1' && rule.handlers.length) {
    return rule.handlers.some((h) => V1BETA1_PUBLIC_HANDLERS.includes(h))
  }
  return rule.access === 'noAuth'
}

export function publicCatchAllWarnings(
  view: ApiRuleView,
  ctx: WarningContext = {},
): ApiRuleWarning[] {
  const out: ApiRuleWarning[] = []
  for (const rule of view.rules) {
    const version = rule.handlers.length ? 'v1beta1' : 'v2'
    if (!isCatchAllPath(rule.path, version) || !isPublic(rule, view)) continue
    const methods = rule.methods.length ? ` for ${rule.methods.join(', ')}` : ''
    out.push({
      kind: 'public-catch-all',
      message: `Everything under ${hostText(view, ctx)} is public${methods}: rule ${rule.index + 1} matches every path (${rule.path}) without authentication.`,
      ruleIndex: rule.index,
      field: `spec.rules[${rule.index}].path`,
    })
  }
  return out
}

function isPlainHttp(url: unknown): url is string {
  return typeof url === 'string' && /^http:\/\//i.test(url.trim())
}

export function insecureJwksWarnings(view: ApiRuleView): ApiRuleWarning[] {
  const out: ApiRuleWarning[] = []
  const report = (url: string, ruleIndex: number, field: string) =>
    out.push({
      kind: 'insecure-jwks',
      message: `Rule ${ruleIndex + 1} fetches its JWKS over plain http (${url}): the keys that verify tokens can be swapped in transit. Use https.`,
      ruleIndex,
      field,
    })
  for (const rule of view.rules) {
    const base = `spec.rules[${rule.index}]`
    const configs: [unknown, string][] = [
      [rule.raw.jwt, `${base}.jwt`],
      [
        isObj(rule.raw.extAuth) ? rule.raw.extAuth.restrictions : undefined,
        `${base}.extAuth.restrictions`,
      ],
    ]
    arr(rule.raw.accessStrategies).forEach((s, k) => {
      if (isObj(s) && s.handler === 'jwt')
        configs.push([s.config, `${base}.accessStrategies[${k}].config`])
    })
    for (const [config, at] of configs) {
      if (!isObj(config)) continue
      arr(config.authentications).forEach((a, k) => {
        if (isObj(a) && isPlainHttp(a.jwksUri))
          report(a.jwksUri, rule.index, `${at}.authentications[${k}].jwksUri`)
      })
      // Ory-style v1beta1 config
      arr(config.jwks_urls).forEach((u, k) => {
        if (isPlainHttp(u)) report(u, rule.index, `${at}.jwks_urls[${k}]`)
      })
    }
  }
  return out
}

/** Resolved host → keys of the APIRules using it. */
export function buildHostIndex(
  views: readonly ApiRuleView[],
  gateways: readonly K8sObject[] = [],
): Map<string, string[]> {
  const domains = gatewayDomains(gateways)
  const index = new Map<string, string[]>()
  for (const v of views) {
    const host = resolveHost(v, domains)
    if (!host) continue
    const keys = index.get(host)
    if (keys) keys.push(v.key)
    else index.set(host, [v.key])
  }
  return index
}

export function duplicateHostWarnings(
  view: ApiRuleView,
  ctx: WarningContext = {},
): ApiRuleWarning[] {
  const domains = gatewayDomains(ctx.gateways ?? [])
  const host = resolveHost(view, domains)
  if (!host) return []
  let others: string[]
  if (ctx.hostIndex) {
    others = (ctx.hostIndex.get(host) ?? []).filter((k) => k !== view.key)
  } else if (ctx.otherApiRules) {
    others = ctx.otherApiRules
      .map((o) => toApiRuleView(o))
      .filter((o) => o.key !== view.key && resolveHost(o, domains) === host)
      .map((o) => o.key)
  } else {
    return []
  }
  if (!others.length) return []
  return [
    {
      kind: 'duplicate-host',
      message: `Host ${host} is also used by ${others.length === 1 ? 'APIRule' : 'APIRules'} ${others.join(', ')}. Only one of them can own it.`,
      field: view.version === 'v1beta1' ? 'spec.host' : 'spec.hosts[0]',
    },
  ]
}

export function missingReferenceWarnings(
  view: ApiRuleView,
  ctx: WarningContext = {},
): ApiRuleWarning[] {
  const out: ApiRuleWarning[] = []
  if (ctx.services) {
    const known = ctx.serviceNamespaces ? new Set(ctx.serviceNamespaces) : undefined
    const byKey = new Map<string, K8sObject>()
    for (const s of ctx.services)
      byKey.set(`${s.metadata?.namespace ?? ''}/${s.metadata?.name ?? ''}`, s)
    for (const t of serviceTargets(view)) {
      if (known && !known.has(t.namespace)) continue
      const svc = byKey.get(`${t.namespace}/${t.name}`)
      if (!svc) {
        out.push({
          kind: 'missing-service',
          message: `Service ${t.namespace}/${t.name} does not exist.`,
          field: 'spec.service.name',
        })
        continue
      }
      const spec = (svc as { spec?: unknown }).spec
      const ports = isObj(spec) ? arr(spec.ports) : []
      if (t.port && ports.length && !ports.some((p) => isObj(p) && p.port === t.port)) {
        out.push({
          kind: 'missing-service-port',
          message: `Service ${t.namespace}/${t.name} has no port ${t.port}.`,
          field: 'spec.service.port',
        })
      }
    }
  }
  if (ctx.gateways && view.gateway && !view.externalGateway) {
    const exists = ctx.gateways.some(
      (g) => `${g.metadata?.namespace ?? ''}/${g.metadata?.name ?? ''}` === view.gateway,
    )
    if (!exists) {
      out.push({
        kind: 'missing-gateway',
        message: `Gateway ${view.gateway} does not exist.`,
        field: 'spec.gateway',
      })
    }
  }
  return out
}

export function shadowedRuleWarnings(view: ApiRuleView): ApiRuleWarning[] {
  const out: ApiRuleWarning[] = []
  const rules = view.rules
  for (let j = 1; j < rules.length; j++) {
    const later = rules[j] as RuleView
    if (!later.path) continue
    const laterV1 = later.handlers.length > 0
    for (let i = 0; i < j; i++) {
      const earlier = rules[i] as RuleView
      if (!earlier.path) continue
      const shared = later.methods.filter((m) => earlier.methods.includes(m))
      if (!shared.length) continue
      const covers =
        laterV1 || earlier.handlers.length > 0
          ? v1beta1PathCovers(earlier.path, later.path)
          : v2PathCovers(earlier.path, later.path)
      if (!covers) continue
      const what =
        earlier.path === later.path
          ? `repeats the path ${later.path} of rule ${i + 1}`
          : `(${later.path}) is already matched by rule ${i + 1} (${earlier.path})`
      out.push({
        kind: 'shadowed-rule',
        message: `Rule ${j + 1} ${what} for ${shared.join(', ')}, so it never applies to ${shared.length === 1 ? 'that method' : 'those methods'}.`,
        ruleIndex: j,
        field: `spec.rules[${j}].path`,
      })
      break
    }
  }
  return out
}

// ---------------------------------------------------------------------------------------------

/** Every warning for an APIRule (any version, any shape; never throws). */
export function apiRuleWarnings(rule: unknown, ctx: WarningContext = {}): ApiRuleWarning[] {
  const view = toApiRuleView(rule)
  return viewWarnings(view, ctx)
}

/** Same as `apiRuleWarnings` for an already normalised view. */
export function viewWarnings(view: ApiRuleView, ctx: WarningContext = {}): ApiRuleWarning[] {
  return [
    ...publicCatchAllWarnings(view, ctx),
    ...insecureJwksWarnings(view),
    ...shadowedRuleWarnings(view),
    ...duplicateHostWarnings(view, ctx),
    ...missingReferenceWarnings(view, ctx),
  ]
}
