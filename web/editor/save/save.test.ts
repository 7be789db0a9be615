import { describe, expect, it } from 'vitest'
import { diffHunks, diffLines, hasChanges } from './diff.ts'
import { applyChangesToValue, changesBetween, threeWayMerge } from './merge.ts'

describe('diffLines', () => {
  it('finds added, removed and kept lines with line numbers', () => {
    const d = diffLines('a\nb\nc\nd\n', 'a\nB\nc\nd\ne\n')
    expect(d.map((l) => `${l.kind[0]}${l.text}`)).toEqual(['ea', 'rb', 'aB', 'ec', 'ed', 'ae'])
    expect(d.find((l) => l.text === 'e')).toEqual({ kind: 'add', text: 'e', newLine: 5 })
    expect(d.find((l) => l.text === 'b')).toEqual({ kind: 'remove', text: 'b', oldLine: 2 })
    expect(hasChanges(d)).toBe(true)
    expect(hasChanges(diffLines('x\n', 'x\n'))).toBe(false)
  })
  it('reorders as remove + add, and hunks keep context', () => {
    const old = Array.from({ length: 30 }, (_, i) => `l${i}`).join('\n')
    const next = old.replace('l15', 'changed')
    const hunks = diffHunks(diffLines(old, next), 2)
    expect(hunks).toHaveLength(1)
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual([
      'l13',
      'l14',
      'l15',
      'changed',
      'l16',
      'l17',
    ])
    expect(diffLines('', 'a\n')).toEqual([{ kind: 'add', text: 'a', newLine: 1 }])
  })
})

describe('threeWayMerge', () => {
  const base = {
    metadata: { labels: { a: '1' } },
    spec: { timeout: 10, hosts: ['h'], rules: [{ path: '/a' }, { path: '/b' }] },
  }

  it('changes on different paths merge automatically', () => {
    const mine = structuredClone(base)
    mine.spec.rules[1]!.path = '/mine'
    const theirs = structuredClone(base)
    theirs.spec.timeout = 20
    theirs.metadata.labels.a = '2'
    const m = threeWayMerge(base, mine, theirs)
    expect(m.conflicts).toEqual([])
    expect(m.mine).toEqual([{ path: ['spec', 'rules', 1, 'path'], value: '/mine' }])
    const merged = applyChangesToValue(mine, m.theirs)
    expect(merged).toEqual({
      metadata: { labels: { a: '2' } },
      spec: { timeout: 20, hosts: ['h'], rules: [{ path: '/a' }, { path: '/mine' }] },
    })
  })

  it('overlapping changes conflict, identical ones do not', () => {
    const mine = structuredClone(base)
    mine.spec.timeout = 30
    mine.spec.hosts = ['x']
    const theirs = structuredClone(base)
    theirs.spec.timeout = 20
    theirs.spec.hosts = ['x']
    const m = threeWayMerge(base, mine, theirs)
    expect(m.conflicts).toEqual([{ path: ['spec', 'timeout'], base: 10, mine: 30, theirs: 20 }])
    expect(m.theirs).toEqual([])
  })

  it('a rule added on the server conflicts with a rule edited locally', () => {
    const mine = structuredClone(base)
    mine.spec.rules[0]!.path = '/edited'
    const theirs = structuredClone(base)
    theirs.spec.rules.push({ path: '/c' })
    const m = threeWayMerge(base, mine, theirs)
    expect(m.conflicts.map((c) => c.path)).toEqual([['spec', 'rules']])
  })

  it('deletions are changes too', () => {
    const theirs = structuredClone(base) as Record<string, unknown>
    delete (theirs.metadata as Record<string, unknown>).labels
    expect(changesBetween(base, theirs)).toEqual([
      { path: ['metadata', 'labels'], value: undefined },
    ])
  })
})
