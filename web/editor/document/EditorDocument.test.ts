import { describe, expect, it } from 'vitest'
import { EditorDocument, detectStyle } from './EditorDocument.ts'
import { structuralShare } from './structural.ts'

const SOURCE = `# APIRule for httpbin
apiVersion: gateway.kyma-project.io/v2
kind: APIRule
metadata:
  name: httpbin # the name
  namespace: default
spec:
  # where it is exposed
  hosts:
    - httpbin
  zExtra: keep-me # unknown to the form
  service:
    name: httpbin
    port: 8000
  gateway: kyma-system/kyma-gateway
  rules:
    - path: /* # everything
      methods: ["GET"]
      noAuth: true
    - path: /admin
      methods: [GET, POST]
      jwt:
        authentications:
          - issuer: https://issuer.example.com
            jwksUri: https://issuer.example.com/jwks
`

describe('EditorDocument', () => {
  it('setField keeps comments, key order, quoting and unknown fields', () => {
    const d = new EditorDocument(SOURCE)
    d.setField(['spec', 'service', 'port'], 9000)
    expect(d.text).toBe(SOURCE.replace('port: 8000', 'port: 9000'))
    d.setField(['spec', 'rules', 0, 'path'], '/api/{**}')
    expect(d.text).toContain('- path: /api/{**} # everything')
    expect(d.text).toContain('zExtra: keep-me # unknown to the form')
    expect(d.text).toContain('methods: ["GET"]')
    expect(d.text.indexOf('zExtra')).toBeLessThan(d.text.indexOf('service:'))
    expect(d.getField(['spec', 'service', 'port'])).toBe(9000)
  })

  it('a form edit followed by a YAML edit round-trips through the text', () => {
    const d = new EditorDocument(SOURCE)
    d.setField(['spec', 'timeout'], 300)
    const edited = d.text.replace('timeout: 300', 'timeout: 301 # longer')
    d.replaceText(edited)
    expect(d.getField(['spec', 'timeout'])).toBe(301)
    d.setField(['spec', 'hosts', 0], 'other')
    expect(d.text).toContain('timeout: 301 # longer')
    expect(d.text).toContain('# where it is exposed')
  })

  it('keeps the sequence style of the source (kubectl style, no extra indent)', () => {
    const src = 'spec:\n  rules:\n  - path: /a\n    methods:\n    - GET\n'
    const d = new EditorDocument(src)
    d.setField(['spec', 'rules', 0, 'path'], '/b')
    expect(d.text).toBe(src.replace('/a', '/b'))
    expect(detectStyle(src).indentSeq).toBe(false)
    expect(detectStyle(SOURCE).indentSeq).toBe(true)
  })

  it('a value typed into an empty quoted template field is printed plain, quoted only if needed', () => {
    const store = new EditorDocument('metadata:\n  name: ""\nspec:\n  hosts:\n    - ""\n')
    store.setField(['metadata', 'name'], 'hello-kyma')
    store.setField(['spec', 'hosts', 0], '123')
    expect(store.text).toContain('name: hello-kyma\n')
    // a plain 123 would read back as a number: it must stay quoted
    expect(store.text).toMatch(/- ["']123["']/)
    expect(store.value).toEqual({ metadata: { name: 'hello-kyma' }, spec: { hosts: ['123'] } })
  })

  it('creates missing parents and deletes fields', () => {
    const d = new EditorDocument(SOURCE)
    d.setField(['spec', 'corsPolicy', 'maxAge'], 300)
    expect(d.getField(['spec', 'corsPolicy'])).toEqual({ maxAge: 300 })
    d.deleteField(['spec', 'corsPolicy'])
    expect(d.getField(['spec', 'corsPolicy'])).toBeUndefined()
    d.setField(['spec', 'rules', 1, 'noAuth'], undefined)
    expect(d.text).toBe(SOURCE)
  })

  it('parse errors keep the last good document and expose line and column', () => {
    const d = new EditorDocument(SOURCE)
    const before = d.value
    d.replaceText(SOURCE.replace('methods: ["GET"]', 'methods: ["GET"'))
    expect(d.error).not.toBeNull()
    expect(d.error!.line).toBeGreaterThan(1)
    expect(d.value).toBe(before)
    expect(d.text).toContain('["GET"\n')
    expect(() => d.setField(['spec', 'timeout'], 1)).toThrow()
    d.replaceText(SOURCE)
    expect(d.error).toBeNull()
  })

  it('lists fields the form does not show', () => {
    // a form showing everything of this document but spec.zExtra and unknown rule fields
    const rule = { path: '*', methods: 'list', noAuth: '*', jwt: '*' } as const
    const shape = {
      apiVersion: '*',
      kind: '*',
      metadata: '*',
      spec: { hosts: 'list', service: '*', gateway: '*', rules: { '[]': rule } },
    } as const
    const d = new EditorDocument(SOURCE)
    expect(d.listUnknownFields(shape)).toEqual([['spec', 'zExtra']])
    d.setField(['spec', 'rules', 0, 'mystery'], { a: 1 })
    expect(d.listUnknownFields(shape)).toEqual([
      ['spec', 'zExtra'],
      ['spec', 'rules', 0, 'mystery'],
    ])
  })

  it('maps paths to text ranges, also after form edits', () => {
    const d = new EditorDocument(SOURCE)
    const lines = SOURCE.split('\n')
    const r = d.rangeOf(['spec', 'rules', 1, 'path'])
    expect(lines[r.startLine - 1]).toContain('- path: /admin')
    expect(r.startColumn).toBe(lines[r.startLine - 1]!.indexOf('path') + 1)
    d.setField(['spec', 'timeout'], 5)
    const r2 = d.rangeOf(['spec', 'rules', 1, 'jwt', 'authentications', 0, 'jwksUri'])
    expect(d.text.split('\n')[r2.startLine - 1]).toContain('jwksUri:')
    // missing field → nearest ancestor
    const r3 = d.rangeOf(['spec', 'rules', 0, 'service', 'port'])
    expect(d.text.split('\n')[r3.startLine - 1]).toContain('- path: /*')
  })

  it('shares unchanged subtrees between revisions', () => {
    const d = new EditorDocument(SOURCE)
    const rule1 = d.getField(['spec', 'rules', 1])
    d.setField(['spec', 'rules', 0, 'path'], '/x')
    expect(d.getField(['spec', 'rules', 1])).toBe(rule1)
    d.replaceText(d.text.replace('/x', '/y'))
    expect(d.getField(['spec', 'rules', 1])).toBe(rule1)
    expect(structuralShare({ a: [1] }, { a: [1] })).toEqual({ a: [1] })
  })

  it('renames keys in place and moves/insert items', () => {
    const d = new EditorDocument('metadata:\n  labels:\n    a: "1" # one\n    b: "2"\n')
    d.renameKey(['metadata', 'labels'], 'a', 'z')
    expect(d.text).toBe('metadata:\n  labels:\n    z: "1" # one\n    b: "2"\n')
    const r = new EditorDocument(SOURCE)
    r.moveItem(['spec', 'rules'], 1, 0)
    expect(r.getField(['spec', 'rules', 0, 'path']) as string).toBe('/admin')
    expect(r.text).toContain('- path: /* # everything')
    r.insertItem(['spec', 'rules'], { path: '/new', methods: ['GET'], noAuth: true })
    expect(r.getField(['spec', 'rules', 2, 'path'])).toBe('/new')
  })

  it('notifies subscribers once per change', () => {
    const d = new EditorDocument(SOURCE)
    let n = 0
    const off = d.subscribe(() => n++)
    d.setField(['spec', 'timeout'], 1)
    d.replaceText(d.text + '\n')
    off()
    d.setField(['spec', 'timeout'], 2)
    expect(n).toBe(2)
  })
})
