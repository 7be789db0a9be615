// The CRD's x-kubernetes-validations (CEL) rules, mirrored in TypeScript with the messages the API
// server uses. `rule` holds the CEL text exactly as the CRD declares it, so a test can prove that
// every rule of the bundled CRD has a mirror here (and notice when the CRD changes).
import type { DocPath, Issue } from './types.ts'
import { type Obj, isObj } from '../../../api/json.ts'

export interface MirroredCelRule {
  /** CRD versions that declare the rule. */
  versions: readonly string[]
  /** Schema location, `[*]` for array items (as celRulesOf() reports it). */
  at: string
  /** The CEL expression, verbatim. */
  rule: string
  message: string
  /** Runs the rule on the object; returns the document paths that violate it. */
  check: (obj: unknown) => DocPath[]
}

const NS_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/
const HOST =
  /^(?:\*\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]{2,63}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?:\.[a-z0-9]{2,63}))?)$/

const V2 = ['v2', 'v2alpha1'] as const

export const NS_NAME_RULE =
  "self.matches('^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?/([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$')"
export const HOST_RULE =
  "self.matches('^(?:\\\\*\\\\.(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\\\.)+[a-z0-9]{2,63}|(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:(?:\\\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?:\\\\.[a-z0-9]{2,63}))?)$')"
export const ONE_ACCESS_RULE =
  '((has(self.extAuth)?1:0)+(has(self.jwt)?1:0)+((has(self.noAuth)&&self.noAuth==true)?1:0))==1'

export const GATEWAY_MESSAGE = 'Gateway must be in the namespace/name format'
export const EXTERNAL_GATEWAY_MESSAGE = 'ExternalGateway must be in the namespace/name format'
export const HOST_MESSAGE =
  "Host must be a lowercase RFC 1123 label (must consist of lowercase alphanumeric characters or '-', and must start and end with an lowercase alphanumeric character), a fully qualified domain name, or a wildcard domain name (e.g. *.local.kyma.dev)"
export const ONE_ACCESS_MESSAGE = 'One of the following fields must be set: noAuth, jwt, extAuth'

const spec = (obj: unknown): Obj | undefined =>
  isObj(obj) && isObj(obj.spec) ? obj.spec : undefined
/** CEL `has(self.x)`: the field is present (a JSON null counts as absent after pruning). */
const has = (o: Obj, key: string) => key in o && o[key] !== null && o[key] !== undefined

function stringField(field: 'gateway' | 'externalGateway') {
  return (obj: unknown): DocPath[] => {
    const v = spec(obj)?.[field]
    // CEL runs only on values of the declared type; a wrong type is a schema error.
    return typeof v === 'string' && !NS_NAME.test(v) ? [['spec', field]] : []
  }
}

export const MIRRORED_CEL_RULES: readonly MirroredCelRule[] = [
  {
    versions: V2,
    at: 'spec.externalGateway',
    rule: NS_NAME_RULE,
    message: EXTERNAL_GATEWAY_MESSAGE,
    check: stringField('externalGateway'),
  },
  {
    versions: V2,
    at: 'spec.gateway',
    rule: NS_NAME_RULE,
    message: GATEWAY_MESSAGE,
    check: stringField('gateway'),
  },
  {
    versions: V2,
    at: 'spec.hosts[*]',
    rule: HOST_RULE,
    message: HOST_MESSAGE,
    check: (obj) => {
      const hosts = spec(obj)?.hosts
      if (!Array.isArray(hosts)) return []
      const out: DocPath[] = []
      hosts.forEach((h, i) => {
        if (typeof h === 'string' && !HOST.test(h)) out.push(['spec', 'hosts', i])
      })
      return out
    },
  },
  {
    versions: V2,
    at: 'spec.rules[*]',
    rule: ONE_ACCESS_RULE,
    message: ONE_ACCESS_MESSAGE,
    check: (obj) => {
      const rules = spec(obj)?.rules
      if (!Array.isArray(rules)) return []
      const out: DocPath[] = []
      rules.forEach((r, i) => {
        if (!isObj(r)) return
        const count =
          (has(r, 'extAuth') ? 1 : 0) + (has(r, 'jwt') ? 1 : 0) + (r.noAuth === true ? 1 : 0)
        if (count !== 1) out.push(['spec', 'rules', i])
      })
      return out
    },
  },
]

/** Host check shared with the form (preview, suggestions). */
export function isValidV2Host(host: string): boolean {
  return HOST.test(host)
}

export function isNamespaceName(value: string): boolean {
  return NS_NAME.test(value)
}

/** Every mirrored CEL rule of `version` applied to `obj`. */
export function celIssues(obj: unknown, version: string): Issue[] {
  const out: Issue[] = []
  for (const r of MIRRORED_CEL_RULES) {
    if (!r.versions.includes(version)) continue
    for (const path of r.check(obj))
      out.push({ path, message: r.message, severity: 'error', source: 'cel' })
  }
  return out
}
