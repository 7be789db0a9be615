import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { schemaIssues } from './schema-engine.ts'
import { formatPath } from './paths.ts'
import { loadCrdFromDisk } from './test-crd.ts'

const crd = loadCrdFromDisk()
const said = (obj: unknown, version = 'v2', from: unknown = crd) =>
  schemaIssues(obj, from, version).map((i) => `${formatPath(i.path)}: ${i.message}`)

const v2 = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.kyma-project.io/v2',
  kind: 'APIRule',
  metadata: { name: 'a' },
  spec: {
    hosts: ['a'],
    service: { name: 's', port: 80 },
    gateway: 'a/b',
    rules: [{ path: '/*', methods: ['GET'], noAuth: true }],
    ...spec,
  },
})

describe('schema engine: the API server’s field errors', () => {
  it('a valid APIRule has none', () => expect(said(v2({}))).toEqual([]))

  it('reads an object built in code as the API server reads its JSON (undefined is absent)', () => {
    expect(
      said(v2({ corsPolicy: undefined, service: { name: 's', port: 80, namespace: undefined } })),
    ).toEqual([])
    expect(said({ ...v2({}), spec: { hosts: ['a'], rules: undefined } })).toEqual([
      'spec.rules: Required value',
    ])
  })

  it('words each keyword as the API server does, at the field', () => {
    expect(said(v2({ rules: [{ path: '/*', methods: ['GETX'], noAuth: true }] }))).toEqual([
      expect.stringMatching(
        /^spec\.rules\[0\]\.methods\[0\]: Unsupported value: "GETX": supported values: "GET", /,
      ),
    ])
    expect(said(v2({ service: { name: 's', port: 0 } }))).toEqual([
      'spec.service.port: Invalid value: 0: should be greater than or equal to 1',
    ])
    expect(said(v2({ hosts: 'a' }))).toEqual(['spec.hosts: Invalid value: must be of type array'])
    expect(said({ ...v2({}), spec: { hosts: ['a'] } })).toEqual(['spec.rules: Required value'])
  })

  it('int-or-string and nullable, as structural schemas declare them', () => {
    const crdWith = (props: Record<string, unknown>) => ({
      spec: {
        versions: [
          { name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: props } } },
        ],
      },
    })
    const live = crdWith({
      port: { 'x-kubernetes-int-or-string': true },
      note: { type: 'string', nullable: true },
    })
    expect(said({ port: 80, note: null }, 'v1', live)).toEqual([])
    expect(said({ port: 'http' }, 'v1', live)).toEqual([])
    // one issue for the anyOf, not one per branch
    expect(said({ port: true }, 'v1', live)).toEqual([
      'port: Invalid value: must be of type integer or string',
    ])
    expect(said({ note: 5 }, 'v1', live)).toEqual([
      'note: Invalid value: must be of type string,null',
    ])
  })

  it('reads a Go duration as Kubernetes does (format: duration)', () => {
    const rule = (maxAge: string) => ({
      apiVersion: 'gateway.kyma-project.io/v1beta1',
      kind: 'APIRule',
      metadata: { name: 'a' },
      spec: {
        host: 'a.example.com',
        gateway: 'a/b',
        service: { name: 's', port: 80 },
        corsPolicy: { maxAge },
        rules: [{ path: '/.*', methods: ['GET'], accessStrategies: [{ handler: 'allow' }] }],
      },
    })
    expect(said(rule('1h30m'), 'v1beta1')).toEqual([])
    expect(said(rule('P1D'), 'v1beta1')).toEqual([
      'spec.corsPolicy.maxAge: Invalid value: "P1D": must be of format duration',
    ])
  })

  it('a live CRD pattern in RE2-only syntax is left to the server, and said so', () => {
    const live = structuredClone(crd) as { spec: { versions: Record<string, unknown>[] } }
    const version = live.spec.versions.find((v) => v.name === 'v2') as {
      schema: { openAPIV3Schema: { properties: { spec: { properties: Record<string, object> } } } }
    }
    const hosts = version.schema.openAPIV3Schema.properties.spec.properties.hosts as {
      items: Record<string, unknown>
    }
    hosts.items.pattern = '^[[:lower:].]+$'
    const issues = schemaIssues(v2({}), live, 'v2')
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'warning', serverCheck: true, path: [] }),
    ])
    expect(issues[0]!.message).toContain('Only the API server checks the pattern of spec.hosts[*]')
  })
})

describe('schema engine: no code generation (the CSP has no unsafe-eval)', () => {
  it('validates in a Node process that refuses eval and new Function, as the browser does', () => {
    const child = fileURLToPath(new URL('./no-codegen.child.ts', import.meta.url))
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', child], {
      encoding: 'utf8',
    })
    const result = JSON.parse(out) as { codeGeneration: boolean; verdicts: number; wrong: string[] }
    expect(result.codeGeneration).toBe(false)
    expect(result.wrong).toEqual([])
    expect(result.verdicts).toBeGreaterThanOrEqual(58)
  })
})
