// v1beta1 → v2 migration of an APIRule, as a pure function. Converts what maps exactly and lists
// everything else as "could not convert: <what> because <why>".
import { APIRULE_GROUP, ORIGINAL_VERSION_ANNOTATION, V1BETA1_SPEC_ANNOTATION } from '../../types.ts'
import { type Obj, arr, isObj } from '../../../../api/json.ts'
import { pathCovers } from '../../domain/paths.ts'
import { V1BETA1_PUBLIC_HANDLERS } from '../../domain/access.ts'
import { isV1Beta1ApiVersion, v1beta1SpecFromAnnotation } from '../../domain/versions.ts'

/** kubectl's copy of the last applied object: here, the v1beta1 one. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export interface MigrationResult {
  /** The v2 object (metadata kept, annotations of the old version removed). */
  object: Obj
  /** "could not convert: <what> because <why>" */
  problems: string[]
  /** Changes in behaviour the user should know about (not blocking). */
  notes: string[]
  /** v1beta1 rules that are not in the v2 object: their routes stop working after the save. */
  dropped: { rule: number; path: string; methods: string[]; why: string }[]
}

/** True for a v1beta1 object, or a v2 view of an object that came in as v1beta1. */
export function needsMigration(obj: unknown): boolean {
  if (!isObj(obj)) return false
  if (isV1Beta1ApiVersion(obj.apiVersion)) return true
  const ann = isObj(obj.metadata) && isObj(obj.metadata.annotations) ? obj.metadata.annotations : {}
  return ann[ORIGINAL_VERSION_ANNOTATION] === 'v1beta1'
}

/** The v1beta1 spec: the object's own, or the one kept in the v1beta1-spec annotation. */
export function v1beta1SpecOf(obj: unknown): Obj | undefined {
  if (!isObj(obj)) return undefined
  if (isV1Beta1ApiVersion(obj.apiVersion)) return isObj(obj.spec) ? obj.spec : undefined
  return v1beta1SpecFromAnnotation(isObj(obj.metadata) ? obj.metadata.annotations : undefined)
}

const V2_LITERAL = /^(\/([A-Za-z0-9\-._~!$&'()+,;=:@]|%[0-9a-fA-F]{2})*)+$/
const REGEX_META = /[()+*?[\]{}|^$\\]/

/** v1beta1 regex path → v2 paths, or a reason why it has no exact v2 form. */
export function convertPath(path: string): { paths: string[]; note?: string } | { error: string } {
  if (path === '/.*' || path === '/*' || path === '.*') return { paths: ['/*'] }
  const m = /^(.*)\/\.\*$/.exec(path)
  if (m && isLiteral(m[1]!)) return { paths: [`${m[1]}/{**}`] }
  const m2 = /^(.*)\(\.\*\)$/.exec(path)
  if (m2 && isLiteral(m2[1]!) && m2[1] !== '' && !m2[1]!.endsWith('/'))
    return { paths: [m2[1]!, `${m2[1]}/{**}`] }
  if (isLiteral(path))
    return path.includes('.')
      ? { paths: [path], note: `path ${path}: "." is now a literal dot (it matched any character)` }
      : { paths: [path] }
  return { error: 'it is a regular expression with no exact v2 path equivalent' }
}

function isLiteral(path: string): boolean {
  return V2_LITERAL.test(path) && !REGEX_META.test(path) && !/\.[*+]/.test(path)
}

/** "300s", "5m", "1h30m" → seconds; undefined unless a whole number of seconds ≥ 1. */
export function durationToSeconds(d: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g
  let total = 0
  let consumed = ''
  for (const match of d.trim().matchAll(re)) {
    const n = Number(match[1])
    const unit = match[2]
    total += unit === 'h' ? n * 3600 : unit === 'm' ? n * 60 : unit === 's' ? n : n / 1000
    consumed += match[0]
  }
  if (consumed !== d.trim() || !Number.isInteger(total) || total < 1) return undefined
  return total
}

/** Legacy `name.namespace[.svc.cluster.local]` → `namespace/name`. */
export function convertGateway(gw: string): string | undefined {
  if (/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\/[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(gw)) return gw
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)(\.svc(\.cluster\.local)?)?$/.exec(gw)
  return m ? `${m[2]}/${m[1]}` : undefined
}

function convertJwt(config: unknown, where: string, problems: string[]): Obj | undefined {
  if (!isObj(config)) {
    problems.push(`could not convert: ${where} jwt because it has no config`)
    return undefined
  }
  if (Array.isArray(config.authentications)) {
    const out: Obj = { authentications: config.authentications }
    if (Array.isArray(config.authorizations)) out.authorizations = config.authorizations
    const extra = Object.keys(config).filter(
      (k) => k !== 'authentications' && k !== 'authorizations',
    )
    if (extra.length)
      problems.push(
        `could not convert: ${where} jwt config ${extra.join(', ')} because v2 has no such option`,
      )
    return out
  }
  const issuers = arr(config.trusted_issuers)
  const jwks = arr(config.jwks_urls)
  if (issuers.length !== 1 || jwks.length !== 1) {
    problems.push(
      `could not convert: ${where} jwt because an Ory config needs exactly one trusted_issuers and one jwks_urls entry (found ${issuers.length} and ${jwks.length})`,
    )
    return undefined
  }
  const out: Obj = { authentications: [{ issuer: String(issuers[0]), jwksUri: String(jwks[0]) }] }
  const authz: Obj = {}
  if (arr(config.required_scopes).length)
    authz.requiredScopes = arr(config.required_scopes).map(String)
  const aud = config.target_audience
  if (arr(aud).length) authz.audiences = arr(aud).map(String)
  else if (typeof aud === 'string' && aud) authz.audiences = [aud]
  if (Object.keys(authz).length) out.authorizations = [authz]
  const extra = Object.keys(config).filter(
    (k) => !['trusted_issuers', 'jwks_urls', 'required_scopes', 'target_audience'].includes(k),
  )
  if (extra.length)
    problems.push(
      `could not convert: ${where} jwt config ${extra.join(', ')} because v2 has no such option`,
    )
  return out
}

const NO_AUTH = new Set(V1BETA1_PUBLIC_HANDLERS)

export function migrateToV2(input: unknown): MigrationResult {
  const problems: string[] = []
  const notes: string[] = []
  const src = isObj(input) ? input : {}
  const spec = v1beta1SpecOf(src) ?? {}
  const meta: Obj = isObj(src.metadata) ? structuredClone(src.metadata) : {}
  if (isObj(meta.annotations)) {
    const ann = { ...meta.annotations }
    delete ann[V1BETA1_SPEC_ANNOTATION]
    ann[ORIGINAL_VERSION_ANNOTATION] = 'v2'
    if (LAST_APPLIED_ANNOTATION in ann) {
      delete ann[LAST_APPLIED_ANNOTATION]
      notes.push(
        `removed annotation ${LAST_APPLIED_ANNOTATION}: it holds the v1beta1 object, which a later "kubectl apply" would compare against or bring back`,
      )
    }
    meta.annotations = ann
  }

  const out: Obj = {}
  const host = str(spec.host)
  if (host) out.hosts = [host]
  else problems.push('could not convert: host because the v1beta1 spec has none')
  if (isObj(spec.service)) out.service = spec.service
  const gw = str(spec.gateway)
  if (gw) {
    const converted = convertGateway(gw)
    if (converted) out.gateway = converted
    else problems.push(`could not convert: gateway ${gw} because it is not in namespace/name form`)
  }
  if (isObj(spec.corsPolicy)) {
    const { maxAge, ...rest } = spec.corsPolicy
    const cors: Obj = { ...rest }
    if (maxAge !== undefined) {
      const seconds = typeof maxAge === 'number' ? maxAge : durationToSeconds(String(maxAge))
      if (seconds !== undefined) cors.maxAge = seconds
      else
        problems.push(
          `could not convert: corsPolicy.maxAge ${String(maxAge)} because it is not a whole number of seconds`,
        )
    }
    out.corsPolicy = cors
  } else {
    notes.push('v1beta1 applied a default CORS policy when corsPolicy was missing; v2 applies none')
  }
  if (typeof spec.timeout === 'number') out.timeout = spec.timeout

  const rules: Obj[] = []
  const dropped: MigrationResult['dropped'] = []
  arr(spec.rules).forEach((r, i) => {
    if (!isObj(r)) return
    const where = `rule ${i + 1}`
    const path = str(r.path) ?? ''
    const methods = arr(r.methods).map(String)
    const before = problems.length
    const drop = () =>
      dropped.push({
        rule: i + 1,
        path,
        methods,
        why: problems.slice(before).join('; ') || 'it could not be converted',
      })
    const converted = convertPath(path)
    if ('error' in converted) {
      problems.push(`could not convert: ${where} path ${path} because ${converted.error}`)
      drop()
      return
    }
    if (converted.note) notes.push(converted.note)
    const rule: Obj = { methods: r.methods }
    if (isObj(r.service)) rule.service = r.service
    if (typeof r.timeout === 'number') rule.timeout = r.timeout

    const strategies = arr(r.accessStrategies).filter(isObj)
    const handlers = strategies.map((s) => str(s.handler) ?? '')
    let ok = true
    if (strategies.length === 0) {
      problems.push(`could not convert: ${where} access because it has no access strategy`)
      ok = false
    } else if (strategies.length > 1) {
      problems.push(
        `could not convert: ${where} access strategies ${handlers.join(', ')} because v2 allows exactly one of noAuth, jwt, extAuth`,
      )
      ok = false
    } else if (NO_AUTH.has(handlers[0]!)) {
      rule.noAuth = true
    } else if (handlers[0] === 'jwt') {
      const jwt = convertJwt(strategies[0]!.config, where, problems)
      if (jwt) rule.jwt = jwt
      else ok = false
    } else {
      problems.push(
        `could not convert: ${where} access strategy ${handlers[0]} because v2 has no equivalent (use extAuth with an external authorizer)`,
      )
      ok = false
    }

    const request: Obj = {}
    for (const m of arr(r.mutators).filter(isObj)) {
      const h = str(m.handler)
      const cfg = isObj(m.config) ? m.config : {}
      if (h === 'header' && isObj(cfg.headers))
        request.headers = { ...(request.headers as Obj), ...cfg.headers }
      else if (h === 'cookie' && isObj(cfg.cookies))
        request.cookies = { ...(request.cookies as Obj), ...cfg.cookies }
      else
        problems.push(
          `could not convert: ${where} mutator ${h ?? '(none)'} because v2 supports only header and cookie mutators`,
        )
    }
    if (Object.keys(request).length) rule.request = request
    if (!ok) {
      drop()
      return
    }
    for (const p of converted.paths) insertInOrder(rules, { path: p, ...rule }, notes)
  })
  out.rules = rules
  if (rules.length === 0) problems.push('could not convert: rules because none of them converted')

  return {
    object: {
      apiVersion: `${APIRULE_GROUP}/v2`,
      kind: 'APIRule',
      metadata: meta,
      spec: out,
    },
    problems,
    notes,
    dropped,
  }
}

const methodsOf = (r: Obj) => arr(r.methods).map(String)

/**
 * v2 matches rules in order and the controller refuses a rule an earlier one already covers for a
 * shared method; v1beta1 had no order. A rule goes before the first earlier rule that would hide
 * it (a public `/*` before a JWT `/api/{**}` would otherwise make the API public or be refused).
 */
function insertInOrder(rules: Obj[], rule: Obj, notes: string[]) {
  const path = String(rule.path)
  const at = rules.findIndex(
    (earlier) =>
      methodsOf(earlier).some((m) => methodsOf(rule).includes(m)) &&
      pathCovers(String(earlier.path), path),
  )
  if (at < 0) {
    rules.push(rule)
    return
  }
  notes.push(
    `moved ${path} before ${String(rules[at]?.path)}: v2 matches rules in order, and the earlier rule would hide it`,
  )
  rules.splice(at, 0, rule)
}
