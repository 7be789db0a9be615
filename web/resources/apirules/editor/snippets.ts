// Completion snippets of the YAML view for the three kinds of v2 rules.
import type { YamlSnippet } from '../../../editor/monaco/setup.ts'

function ruleSnippet(access: string): string {
  return ['- path: ${1:/*}', '  methods:', '    - ${2:GET}', access].join('\n')
}

export const RULE_SNIPPETS: readonly YamlSnippet[] = [
  {
    label: 'rule: noAuth',
    doc: 'A public rule (no authentication).',
    body: ruleSnippet('  noAuth: true'),
  },
  {
    label: 'rule: jwt',
    doc: 'A rule that requires a JWT from an issuer.',
    body: ruleSnippet(
      [
        '  jwt:',
        '    authentications:',
        '      - issuer: ${3:https://issuer.example.com}',
        '        jwksUri: ${4:https://issuer.example.com/.well-known/jwks.json}',
      ].join('\n'),
    ),
  },
  {
    label: 'rule: extAuth',
    doc: 'A rule checked by an external authorizer from the Istio mesh config.',
    body: ruleSnippet(['  extAuth:', '    authorizers:', '      - ${3:oauth2-proxy}'].join('\n')),
  },
]
