import { describe, expect, it } from 'vitest'
import { Document } from 'yaml'
import { type DiffLine, type LineDiff, diffHunks, diffLines, hasChanges } from './diff.ts'

const kinds = (d: LineDiff) => d.lines.map((l) => `${l.kind[0]}${l.text}`)

/** What any correct line diff satisfies: both texts come back, with their own line numbers. */
function expectReconstructs(d: LineDiff, oldText: string, newText: string) {
  const split = (t: string) => (t === '' ? [] : t.replace(/\n$/, '').split('\n'))
  const oldSide = d.lines.filter((l) => l.kind !== 'add')
  const newSide = d.lines.filter((l) => l.kind !== 'remove')
  expect(oldSide.map((l) => l.text)).toEqual(split(oldText))
  expect(newSide.map((l) => l.text)).toEqual(split(newText))
  expect(oldSide.map((l) => l.oldLine)).toEqual(oldSide.map((_, i) => i + 1))
  expect(newSide.map((l) => l.newLine)).toEqual(newSide.map((_, i) => i + 1))
}

/** Longest common subsequence length by the textbook table (the oracle for minimality). */
function lcsLength(a: string[], b: string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0)
  for (const x of a) {
    const row = [0]
    for (let j = 0; j < b.length; j++)
      row.push(x === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!))
    prev = row
  }
  return prev[b.length]!
}

const equalCount = (lines: DiffLine[]) => lines.filter((l) => l.kind === 'equal').length

describe('diffLines', () => {
  it('finds added, removed and kept lines with line numbers', () => {
    const d = diffLines('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n')
    expect(kinds(d)).toEqual(['ea', 'rb', 'aB', 'ec', 'ed', 'ae'])
    expect(d.complete).toBe(true)
    expect(d.lines.find((l) => l.text === 'e')).toEqual({ kind: 'add', text: 'e', newLine: 5 })
    expect(d.lines.find((l) => l.text === 'b')).toEqual({ kind: 'remove', text: 'b', oldLine: 2 })
    expect(hasChanges(d.lines)).toBe(true)
    expect(hasChanges(diffLines('x\n', 'x\n').lines)).toBe(false)
    expect(diffLines('', 'a\n').lines).toEqual([{ kind: 'add', text: 'a', newLine: 1 }])
    expect(diffLines('a\n', '').lines).toEqual([{ kind: 'remove', text: 'a', oldLine: 1 }])
    expect(diffLines('', '').lines).toEqual([])
  })

  it('keeps lines that moved past lines found on one side only', () => {
    // "x" and "y" exist on one side only; the common lines around them must still match.
    const d = diffLines('x\na\nb\ny\nc\n', 'a\nz\nb\nc\nw\n')
    expect(kinds(d)).toEqual(['rx', 'ea', 'az', 'eb', 'ry', 'ec', 'aw'])
  })

  it('is a correct, minimal diff on random texts', () => {
    let seed = 7
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed % n
    }
    for (let round = 0; round < 300; round++) {
      const alphabet = 2 + rand(6)
      const line = () => `l${rand(alphabet)}`
      const a = Array.from({ length: rand(25) }, line)
      const b = Array.from({ length: rand(25) }, line)
      const oldText = a.join('\n')
      const newText = b.join('\n')
      const d = diffLines(oldText, newText)
      expectReconstructs(d, oldText, newText)
      expect(d.complete).toBe(true)
      expect(equalCount(d.lines)).toBe(lcsLength(a, b))
    }
  })

  it('past its budget falls back to replacing the middle, keeping head and tail', () => {
    const oldText = 'h1\nh2\nb\nc\nd\ne\nt\n'
    const newText = 'h1\nh2\ne\nd\nc\nb\nt\n'
    const d = diffLines(oldText, newText, { maxEditLength: 1 })
    expect(d.complete).toBe(false)
    expectReconstructs(d, oldText, newText)
    expect(kinds(d)).toEqual(['eh1', 'eh2', 'rb', 'rc', 'rd', 're', 'ae', 'ad', 'ac', 'ab', 'et'])
    // With its full budget the same input finds the one line that stays.
    expect(equalCount(diffLines(oldText, newText).lines)).toBe(4)
  })
})

describe('diffLines on a 300 KB APIRule', () => {
  const obj = {
    apiVersion: 'gateway.kyma-project.io/v2',
    kind: 'APIRule',
    metadata: { name: 'big', namespace: 'default' },
    spec: {
      gateway: 'kyma-system/kyma-gateway',
      hosts: ['big.example.com'],
      service: { name: 'big', port: 8080 },
      rules: Array.from({ length: 1900 }, (_, i) => ({
        path: `/r${i}`,
        methods: i % 2 ? ['GET', 'POST'] : ['GET'],
        ...(i % 4 === 0
          ? { noAuth: true }
          : {
              jwt: {
                authentications: [
                  {
                    issuer: 'https://issuer.example.com',
                    jwksUri: 'https://issuer.example.com/jwks',
                  },
                ],
              },
            }),
      })),
    },
  }
  const text = new Document(obj).toString({ lineWidth: 0 })
  const lines = text.split('\n').slice(0, -1)

  it('is about 300 KB', () => {
    expect(text.length).toBeGreaterThan(300 * 1024)
  })

  it('one changed line: one line removed and one added, where it changed', () => {
    const next = text.replace('path: /r900\n', 'path: /r900x\n')
    const d = diffLines(text, next)
    expectReconstructs(d, text, next)
    const changed = d.lines.filter((l) => l.kind !== 'equal')
    const at = lines.indexOf('    - path: /r900') + 1
    expect(changed).toEqual([
      { kind: 'remove', text: '    - path: /r900', oldLine: at },
      { kind: 'add', text: '    - path: /r900x', newLine: at },
    ])
    expect(diffHunks(d.lines)).toHaveLength(1)
  })

  it('every line changed: all removed and all added, exactly', () => {
    const next = lines.map((l) => `${l} # edited`).join('\n')
    const d = diffLines(text, next)
    expect(d.complete).toBe(true)
    expectReconstructs(d, text, next)
    expect(equalCount(d.lines)).toBe(0)
  })

  it('re-indented: only a few lines stay, and they are kept', () => {
    const next = lines.map((l) => l.replace(/^( *)/, '$1$1')).join('\n')
    const d = diffLines(text, next)
    expectReconstructs(d, text, next)
    expect(d.complete).toBe(true)
    // apiVersion, kind and metadata, then spec or a "    name: big" that moved (both are longest).
    expect(equalCount(d.lines)).toBe(4)
  })

  it('rules reordered, with a tiny budget: still a correct diff', () => {
    const reversed = new Document({
      ...obj,
      spec: { ...obj.spec, rules: [...obj.spec.rules].reverse() },
    }).toString({ lineWidth: 0 })
    const d = diffLines(text, reversed, { maxEditLength: 100 })
    expect(d.complete).toBe(false)
    expectReconstructs(d, text, reversed)
  })
})

describe('diffHunks', () => {
  it('keeps context around changes and drops unchanged stretches', () => {
    const old = Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n')
    const next = old.replace('l15', 'changed')
    const hunks = diffHunks(diffLines(old, next).lines, 2)
    expect(hunks).toHaveLength(1)
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual([
      'l13',
      'l14',
      'l15',
      'changed',
      'l16',
      'l17',
    ])
  })
})
