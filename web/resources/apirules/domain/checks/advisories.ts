// The dashboard's own advice: APIRules the API server and the controller accept but that are
// probably not what the author wants. Warnings in the list, the details page and the editor.
import { arr, isObj } from '../../../../api/json.ts'
import { V1BETA1_PUBLIC_HANDLERS } from '../access.ts'
import type { CheckIssue, DocPath } from '../issue.ts'
import { isCatchAllPath } from '../paths.ts'
import type { ApiRuleView, RuleView } from '../view.ts'

function isPublic(rule: RuleView): boolean {
  if (rule.handlers.length) return rule.handlers.some((h) => V1BETA1_PUBLIC_HANDLERS.includes(h))
  return rule.access === 'noAuth'
}

/** A rule that matches every path without authentication. `host` names the host in the text. */
export function publicCatchAllIssues(view: ApiRuleView, host = 'this host'): CheckIssue[] {
  const out: CheckIssue[] = []
  for (const rule of view.rules) {
    const version = rule.handlers.length ? 'v1beta1' : 'v2'
    if (!isCatchAllPath(rule.path, version) || !isPublic(rule)) continue
    const methods = rule.methods.length ? ` for ${rule.methods.join(', ')}` : ''
    out.push({
      kind: 'public-catch-all',
      path: ['spec', 'rules', rule.index, 'path'],
      message: `Everything under ${host} is public${methods}: rule ${rule.index + 1} matches every path (${rule.path}) without authentication.`,
      severity: 'warning',
      source: 'controller',
    })
  }
  return out
}

function isPlainHttp(url: unknown): url is string {
  return typeof url === 'string' && /^http:\/\//i.test(url.trim())
}

/** A JWKS fetched over plain http: the keys that verify tokens can be swapped in transit. */
export function insecureJwksIssues(view: ApiRuleView): CheckIssue[] {
  const out: CheckIssue[] = []
  const report = (url: string, ruleIndex: number, path: DocPath) =>
    out.push({
      kind: 'insecure-jwks',
      path,
      message: `Rule ${ruleIndex + 1} fetches its JWKS over plain http (${url}): the keys that verify tokens can be swapped in transit. Use https.`,
      severity: 'warning',
      source: 'controller',
    })
  for (const rule of view.rules) {
    const base: DocPath = ['spec', 'rules', rule.index]
    const configs: [unknown, DocPath][] = [
      [rule.raw.jwt, [...base, 'jwt']],
      [
        isObj(rule.raw.extAuth) ? rule.raw.extAuth.restrictions : undefined,
        [...base, 'extAuth', 'restrictions'],
      ],
    ]
    arr(rule.raw.accessStrategies).forEach((s, k) => {
      if (isObj(s) && s.handler === 'jwt')
        configs.push([s.config, [...base, 'accessStrategies', k, 'config']])
    })
    for (const [config, at] of configs) {
      if (!isObj(config)) continue
      arr(config.authentications).forEach((a, k) => {
        if (isObj(a) && isPlainHttp(a.jwksUri))
          report(a.jwksUri, rule.index, [...at, 'authentications', k, 'jwksUri'])
      })
      // Ory-style v1beta1 config
      arr(config.jwks_urls).forEach((u, k) => {
        if (isPlainHttp(u)) report(u, rule.index, [...at, 'jwks_urls', k])
      })
    }
  }
  return out
}
