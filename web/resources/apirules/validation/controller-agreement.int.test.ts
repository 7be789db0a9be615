// The editor's controller checks must say what the real Kyma API Gateway controller says. Every
// fixture (controller-fixtures.ts) is created in a namespace of the local cluster with the
// controller running; the verdict it writes into `status` (Ready or Error, and each "Attribute
// '<path>': <message>" of the description) must equal the editor's: its controller errors, at the
// same attribute paths, in the same words, as many. The editor reads the cluster as the editor
// does (Services, Pods, Gateways, VirtualServices, the mesh config) before the fixtures exist.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  applyYaml,
  closeClients,
  createTestNamespace,
  kubeRequest,
} from '../../../../cluster/test/helpers.ts'
import type { EndpointSliceObject, GatewayObject, PodObject } from '../../../api/lookups.ts'
import { gatewayContextOf, podContextOf } from '../editor/cluster-context.ts'
import { meshConfigOf } from '../domain/mesh.ts'
import { docPathOfAttribute } from './attribute.ts'
import { CONTROLLER_CHECKS, type ControllerCheckId } from './controller-checks.ts'
import { CONTROLLER_FIXTURES, ENV_OBJECTS, type ControllerFixture } from './controller-fixtures.ts'
import { formatPath } from './paths.ts'
import type { Issue, ValidationContext } from './types.ts'
import { isAdmissible, validateApiRule } from './validate.ts'

const cluster = inject('cluster')
const CRD =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io'

interface Verdict {
  admitted: boolean
  admission?: string
  state?: string
  description?: string
  failures: { attribute: string; message: string }[]
  /** Failures the description counts but does not show ("2 more error(s)..."). */
  more: number
}

interface Item {
  metadata: { name?: string; namespace?: string; labels?: Record<string, string> }
  spec?: Record<string, unknown>
}

let ns = ''
let ctx: ValidationContext = {}
const verdicts = new Map<string, Verdict>()

/** "Validation errors: Attribute '.spec': msg\nAttribute …\n2 more error(s)..." → failures. */
export function parseDescription(description: string): Pick<Verdict, 'failures' | 'more'> {
  const failures: Verdict['failures'] = []
  let more = 0
  for (const line of description.replace(/^Validation errors: /, '').split('\n')) {
    const m = /^Attribute '([^']*)': (.*)$/.exec(line)
    if (m) failures.push({ attribute: m[1] ?? '', message: m[2] ?? '' })
    const n = /^(\d+) more error\(s\)\.\.\.$/.exec(line)
    if (n) more = Number(n[1])
  }
  return { failures, more }
}

async function list<T>(path: string): Promise<T[] | undefined> {
  const res = await kubeRequest<{ items: T[] }>(cluster, 'admin', 'GET', path)
  return res.status === 200 ? res.body.items : undefined
}

async function readContext(): Promise<ValidationContext> {
  const crd = (await kubeRequest(cluster, 'admin', 'GET', CRD)).body
  const services = await list<Item>(`/api/v1/namespaces/${ns}/services`)
  const gateways = await list<GatewayObject>('/apis/networking.istio.io/v1/gateways')
  const vss = await list<Item>('/apis/networking.istio.io/v1/virtualservices')
  const pods = await list<PodObject>(`/api/v1/namespaces/${ns}/pods`)
  const slices = await list<EndpointSliceObject>(
    `/apis/discovery.k8s.io/v1/namespaces/${ns}/endpointslices`,
  )
  const egws = await list<Item>('/apis/gateway.kyma-project.io/v1alpha1/externalgateways')
  const cm = await kubeRequest<{ data?: Record<string, string> }>(
    cluster,
    'admin',
    'GET',
    '/api/v1/namespaces/istio-system/configmaps/istio',
  )
  expect(slices).toBeDefined()
  return {
    crd,
    namespace: ns,
    creating: true,
    services: services?.map((s) => ({
      name: s.metadata.name ?? '',
      namespace: ns,
      ports: ((s.spec?.ports ?? []) as { port: number }[]).map((p) => p.port),
      selector: (s.spec?.selector as Record<string, string> | undefined) ?? null,
    })),
    gateways: gateways && gatewayContextOf(gateways),
    virtualServices: vss?.map((v) => ({
      namespace: v.metadata.namespace ?? '',
      name: v.metadata.name ?? '',
      hosts: (v.spec?.hosts as string[] | undefined) ?? [],
      labels: v.metadata.labels ?? {},
    })),
    pods: pods && podContextOf(pods),
    // Not served here (no CRD): there is none, as the editor reads a 404.
    externalGateways: (egws ?? []).map((g) => ({
      namespace: g.metadata.namespace ?? '',
      name: g.metadata.name ?? '',
    })),
    mesh: meshConfigOf(cm.status === 404 ? null : (cm.body.data ?? {})),
  }
}

const objectOf = (f: ControllerFixture) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name: f.name, namespace: ns },
  spec: f.spec(ns),
})

async function verdictOf(f: ControllerFixture): Promise<Verdict> {
  const path = `/apis/gateway.kyma-project.io/v2/namespaces/${ns}/apirules`
  const created = await kubeRequest<{ message?: string }>(
    cluster,
    'admin',
    'POST',
    path,
    objectOf(f),
  )
  if (created.status >= 300)
    return { admitted: false, admission: created.body.message, failures: [], more: 0 }
  const deadline = Date.now() + 60_000
  for (;;) {
    const res = await kubeRequest<{ status?: { state?: string; description?: string } }>(
      cluster,
      'admin',
      'GET',
      `${path}/${f.name}`,
    )
    const status = res.body.status
    if (status?.state && status.state !== 'Processing') {
      const description = status.description ?? ''
      return { admitted: true, state: status.state, description, ...parseDescription(description) }
    }
    if (Date.now() > deadline) return { admitted: true, failures: [], more: 0 }
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** The controller's message of a row as a pattern (its %s parts match anything). */
const patternOf = (id: ControllerCheckId) =>
  new RegExp(
    `^${CONTROLLER_CHECKS[id].message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%[sdvw]/g, '.*')}$`,
  )

beforeAll(async () => {
  expect(cluster.apiGateway, 'the controller must run for this test').toEqual({ running: true })
  ns = await createTestNamespace(cluster, 'ctl-agree')
  await applyYaml(cluster, ENV_OBJECTS(ns), 'admin', ns)
  ctx = await readContext()
  const results = await Promise.all(
    CONTROLLER_FIXTURES.map(async (f) => [f.name, await verdictOf(f)] as const),
  )
  for (const [name, v] of results) verdicts.set(name, v)
}, 180_000)

afterAll(async () => {
  await closeClients()
})

describe('the editor agrees with the real API Gateway controller', () => {
  it('has a rejected and an accepted fixture for every row the editor checks', () => {
    // The local cluster does not serve ExternalGateways, so none can exist to be accepted.
    const noAccepted = new Set(['discoveryExternalGateway'])
    // A missing, keyless or broken mesh config would have to be made in the one ConfigMap
    // istio-system/istio that test files running at the same time rely on: unit-tested only.
    const meshLevel = new Set(['istioConfigMapMissing', 'meshKeyMissing', 'meshUnparsable'])
    for (const [id, row] of Object.entries(CONTROLLER_CHECKS)) {
      const of = CONTROLLER_FIXTURES.filter((f) => f.row === id)
      // Rows the controller never reports for v2 have fixtures that show it says Ready.
      if (row.editor === 'unreachable' || row.editor === 'not-checked' || meshLevel.has(id))
        continue
      expect(
        of.some((f) => f.rejects),
        `${id}: a rejected fixture`,
      ).toBe(true)
      if (row.editor === 'checked' && !noAccepted.has(id))
        expect(
          of.some((f) => !f.rejects),
          `${id}: an accepted fixture`,
        ).toBe(true)
    }
  })

  for (const f of CONTROLLER_FIXTURES) {
    it(`${f.row} ${f.name}: ${f.rejects ? 'Error' : 'Ready'}`, () => {
      const v = verdicts.get(f.name)
      expect(v).toBeDefined()
      if (!v) return
      const obj = objectOf(f)
      const issues = validateApiRule(obj, 'v2', ctx)
      const errors = issues.filter(
        (i: Issue) => i.severity === 'error' && i.source === 'controller',
      )
      const detail = `controller: ${v.admitted ? `${v.state} ${v.description}` : `refused by admission: ${v.admission}`}\neditor: ${issues
        .map((i) => `${i.severity} ${formatPath(i.path)}: ${i.message}`)
        .join('\n        ')}`
      if (!v.admitted) {
        expect(isAdmissible(issues), detail).toBe(false)
        expect(f.rejects, detail).toBe(true)
        return
      }
      expect(v.state === 'Error', detail).toBe(f.rejects)
      expect(errors.length > 0, detail).toBe(v.state === 'Error')
      if (v.state === 'Error' && !v.description?.startsWith('Validation errors: ')) {
        // Not the controller's validation (Istio refused an object it generated): the editor's
        // errors are in its words.
        for (const e of errors) expect(v.description, detail).toContain(e.message)
        return
      }
      // The Gateway lookup fails alone; the editor also shows what the controller says next.
      const discovery = v.failures.some((x) =>
        Object.values(CONTROLLER_CHECKS).some(
          (c) => 'stage' in c && c.stage === 'discovery' && c.message === x.message,
        ),
      )
      if (!discovery) expect(errors.length, detail).toBe(v.failures.length + v.more)
      const editorPaths = errors.map((i) => formatPath(i.path))
      for (const failure of v.failures) {
        const at = formatPath(docPathOfAttribute(failure.attribute, obj))
        const same = errors.filter((i) => formatPath(i.path) === at)
        expect(editorPaths, `${detail}\nattribute ${failure.attribute} → ${at}`).toContain(at)
        // The words: exact, but the rule-order conflict names one method of several at random.
        const words = same.map((i) => i.message)
        if (patternOf('pathConflict').test(failure.message))
          expect(
            words.some((w) => patternOf('pathConflict').test(w)),
            detail,
          ).toBe(true)
        else expect(words, detail).toContain(failure.message)
      }
      if (f.rejects && f.row !== 'pathConflict')
        expect(
          v.failures.some((x) => patternOf(f.row).test(x.message)),
          `${detail}\nthe fixture must trigger its row ${f.row}`,
        ).toBe(true)
    })
  }
})
