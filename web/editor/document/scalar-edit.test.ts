import { describe, expect, it } from 'vitest'
import { parse, visit } from 'yaml'
import { EditorDocument } from './EditorDocument.ts'
import { plainValue } from './scalar-edit.ts'

const TEXT = `# comment
apiVersion: gateway.kyma-project.io/v2
kind: APIRule
metadata:
  name: orders # trailing
spec:
  hosts: [orders.example.com]
  service: {name: orders, port: 80}
  rules:
    - path: /api/{**}
      methods: [GET, POST]
      noAuth: true
    - path: "/quoted"
      methods:
        - GET
      jwt:
        authentications:
          - issuer: https://issuer.example.com
            jwksUri: https://issuer.example.com/jwks
`

/** Every path's range must equal that of a fresh parse of the same text. */
function expectRangesLikeFreshParse(store: EditorDocument) {
  const fresh = new EditorDocument(store.text)
  for (const path of [
    ['metadata', 'name'],
    ['spec', 'hosts', 0],
    ['spec', 'service', 'port'],
    ['spec', 'rules', 0, 'path'],
    ['spec', 'rules', 1, 'methods', 0],
    ['spec', 'rules', 1, 'jwt', 'authentications', 0, 'jwksUri'],
  ])
    expect(store.rangeOf(path), path.join('.')).toEqual(fresh.rangeOf(path))
}

describe('scalar fast path', () => {
  it('typing in YAML inside plain scalars keeps value, text and ranges equal to a full parse', () => {
    const store = new EditorDocument(TEXT)
    let text = TEXT
    const edits: [string, string][] = [
      ['path: /api/{**}', 'path: /api/v1/{**}'],
      ['name: orders #', 'name: orders2 #'],
      ['[GET, POST]', '[GET, POSTX]'],
      ['port: 80', 'port: 8080'],
      ['port: 8080', 'port: 8080x'],
      ['issuer: https://issuer.example.com', 'issuer: https://issuer.example.com/x'],
      ['orders.example.com]', 'orders.example.org]'],
    ]
    for (const [from, to] of edits) {
      text = text.replace(from, to)
      const before = store.doc
      store.replaceText(text)
      expect(store.doc, to).toBe(before) // no re-parse
      expect(store.text).toBe(text)
      expect(store.value).toEqual(parse(text))
      expectRangesLikeFreshParse(store)
    }
    expect((store.value as { spec: { service: { port: unknown } } }).spec.service.port).toBe(
      '8080x',
    )
  })

  it('structure changes, quotes and keys take the full parse', () => {
    for (const [from, to] of [
      ['path: "/quoted"', 'path: "/quoted2"'],
      ['noAuth: true', 'noAuth: true\n      timeout: 5'],
      ['name: orders #', 'nam: orders #'],
      ['[GET, POST]', '[GET, PO,ST]'],
    ] as const) {
      const store = new EditorDocument(TEXT)
      const before = store.doc
      store.replaceText(TEXT.replace(from, to))
      expect(store.doc, to).not.toBe(before)
      expect(store.value).toEqual(parse(TEXT.replace(from, to)))
    }
  })

  it('a text that no longer parses keeps the last good document and reports the error', () => {
    const store = new EditorDocument(TEXT)
    store.replaceText(TEXT.replace('name: orders #', 'name: orders: x #'))
    expect(store.error).not.toBeNull()
    expect((store.value as { metadata: { name: string } }).metadata.name).toBe('orders')
  })

  it('a form edit of a plain scalar splices the text and keeps comments and layout', () => {
    const store = new EditorDocument(TEXT)
    store.setField(['spec', 'rules', 0, 'path'], '/orders/{*}')
    store.setField(['metadata', 'name'], 'orders-v2')
    store.setField(['spec', 'service', 'port'], 8080)
    expect(store.text).toBe(
      TEXT.replace('/api/{**}', '/orders/{*}')
        .replace('name: orders #', 'name: orders-v2 #')
        .replace('port: 80}', 'port: 8080}'),
    )
    expect(store.value).toEqual(parse(store.text))
    expectRangesLikeFreshParse(store)
    // a string that reads as a number needs quotes: the full path prints it
    store.setField(['metadata', 'name'], '123')
    expect(store.text).toMatch(/name: ["']123["']/)
    expect(store.value).toEqual(parse(store.text))
  })

  it('plainValue reads every plain text as YAML does (the no-parse answer for strings included)', () => {
    const samples = ['true', 'True', 'TRUE', 'false', 'FALSE', 'null', 'Null', 'NULL', 'nan']
    samples.push('yes', 'no', 'on', 'off', '/x', '$x', '(a)', 'abc', 'Infinity', 'inf', 'x:y')
    samples.push('http://a', 'e5', 'E5', '_1', 'b0', 'Off', 'Yes', 'tru', 'nul', 'name', 'fa')
    for (const s of samples) {
      const v = plainValue(s, false)
      if (v !== undefined) expect(v, s).toEqual(parse(s))
    }
  })

  it('plainValue refuses texts that would read differently', () => {
    expect(plainValue('/a/{**}', false)).toBe('/a/{**}')
    expect(plainValue('/a/{**}', true)).toBeUndefined()
    expect(plainValue('80', false)).toBe(80)
    expect(plainValue('-', false)).toBeUndefined()
    expect(plainValue('a: b', false)).toBeUndefined()
    expect(plainValue("'x'", false)).toBeUndefined()
    expect(plainValue('', false)).toBeUndefined()
  })
})

/** Every node's range, in document order (pair keys included), as yaml's own visitor sees them. */
function allRanges(store: EditorDocument): unknown[] {
  const out: unknown[] = [store.doc.range]
  visit(store.doc, (_key, node) => {
    const r = (node as { range?: unknown }).range
    if (r) out.push(r)
  })
  return out
}

describe('text edits of the YAML view', () => {
  it('editText (one edit where Monaco reports it) moves every node range like a fresh parse', () => {
    const store = new EditorDocument(TEXT)
    const at = store.text.indexOf('/api/{**}') + '/api'.length
    const before = store.doc
    store.editText(at, at, '/v2')
    expect(store.doc).toBe(before) // the fast path, no re-parse
    expect(store.text).toBe(TEXT.replace('/api/{**}', '/api/v2/{**}'))
    expect(allRanges(store)).toEqual(allRanges(new EditorDocument(store.text)))
    const issuer = store.text.indexOf('issuer.example.com/jwks')
    store.editText(issuer, issuer + 'issuer'.length, 'keys')
    expect(allRanges(store)).toEqual(allRanges(new EditorDocument(store.text)))
    expect(store.value).toEqual(parse(store.text))
  })

  it('lastChange says which edit made the text, so a view can apply just that', () => {
    const store = new EditorDocument(TEXT)
    const before = store.text
    store.setField(['spec', 'rules', 0, 'path'], '/orders')
    const c = store.lastChange!
    expect(c.before).toBe(before)
    expect(before.slice(0, c.from) + c.insert + before.slice(c.to)).toBe(store.text)
    // a re-print (here: a new key) has no known edit: views compare the texts
    store.setField(['spec', 'timeout', 'x'], 1)
    expect(store.lastChange).toBeNull()
  })
})

describe('range shifts gathered over many keystrokes', () => {
  it('keystrokes all over the text, then a form edit, end with the ranges of a fresh parse', () => {
    const store = new EditorDocument(TEXT)
    const before = store.doc
    const after = (needle: string) => store.text.indexOf(needle) + needle.length
    // 70 keystrokes (more than are kept pending: one application on the way), none reading `doc`
    for (let i = 0; i < 70; i++) {
      const at = [after('/api/{**}'), after('/jwks'), after('name: orders')][i % 3]!
      store.editText(at, at, 'x')
    }
    store.setField(['spec', 'rules', 1, 'methods', 0], 'PUT')
    store.editText(after('port: 80'), after('port: 80'), '8')
    expect(store.lastChange).not.toBeNull() // every edit took the fast path…
    expect(store.doc).toBe(before) // …without a re-parse
    expect(store.value).toEqual(parse(store.text))
    expect(store.value).toMatchObject({ spec: { service: { port: 808 } } })
    expect(allRanges(store)).toEqual(allRanges(new EditorDocument(store.text)))
    expectRangesLikeFreshParse(store)
  })
})
