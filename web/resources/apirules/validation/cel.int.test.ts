// The editor's CEL engine and the API server judge every CEL fixture alike: each is sent as a
// server-side dry run (nothing stored) and evaluated by celIssues with the CRD the cluster serves.
// Where the server refuses, it must name the CRD rule's message at the same field.
// Where the served CRD lacks a rule the bundled one has, both must accept.
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestNamespace } from '../../../../cluster/test/helpers.ts'
import type { K8sStatus } from '../../../api/k8s-types.ts'
import { celIssues } from './cel.ts'
import { CEL_RULE_FIXTURES } from './cel-fixtures.ts'
import { crdCelRules } from './cel-rules.ts'
import { formatPath } from './paths.ts'
import { statusToIssues } from './server.ts'
import { dryRunApiRule, servedApiRuleCrd } from './test-dry-run.ts'

const cluster = inject('cluster')
let namespace = ''
let crd: unknown

beforeAll(async () => {
  namespace = await createTestNamespace(cluster, 'cel-agreement')
  crd = await servedApiRuleCrd(cluster)
})

describe("the CRD's CEL rules: the editor and the API server's dry run agree", () => {
  for (const f of CEL_RULE_FIXTURES)
    it(`${f.name}: ${f.failsAt ? `refused at ${f.failsAt}` : 'accepted'}`, async () => {
      const res = await dryRunApiRule<K8sStatus>(cluster, namespace, f.version, f.object)
      const server = res.status < 300 ? [] : statusToIssues(res.body)
      const editor = celIssues(f.object, crd, f.version)
      // The server prefixes the rule's message: `Invalid value: "a_b": …` for a scalar `self`,
      // `Invalid value: …` for an object.
      const said = (issues: typeof editor) =>
        issues
          .map((i) => i.message.replace(/^Invalid value: (?:"(?:[^"\\]|\\.)*": )?/, ''))
          .map((m, k) => `${formatPath(issues[k]!.path)}: ${m}`)
          .sort()
      expect(said(editor), `server said ${res.status} ${JSON.stringify(res.body)}`).toEqual(
        said(server),
      )
      // Without the controller the local cluster serves v2alpha1 with a bare `spec` (see
      // cluster/lib/crds.ts): a live CRD without these rules, which both sides then accept.
      const declared = crdCelRules(crd, f.version).some((r) => r.at === f.at)
      expect(editor.length > 0).toBe(Boolean(f.failsAt) && declared)
      if (f.version === 'v2') expect(declared).toBe(true)
    })
})
