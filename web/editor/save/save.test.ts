import { describe, expect, it } from 'vitest'
import { applyChangesToValue, changesBetween, threeWayMerge } from './merge.ts'

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
