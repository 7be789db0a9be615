import { describe, expect, it } from 'vitest'
import { applyEvents, deniedReason, objectKey, toListState } from './hooks.ts'
import type { K8sObject, WatchEvent } from './k8s-types.ts'

const obj = (name: string, rv: string, extra: Record<string, unknown> = {}): K8sObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv },
  ...extra,
})

describe('list state', () => {
  it('indexes by namespace/name and applies events in place', () => {
    const state = toListState({
      metadata: { resourceVersion: '10' },
      items: [obj('a', '1'), obj('b', '2')],
    })
    expect(state.items.map((i) => i.metadata.name)).toEqual(['a', 'b'])
    const map = state.byKey
    const events: WatchEvent[] = [
      { type: 'MODIFIED', object: obj('a', '11', { spec: 1 }) },
      { type: 'ADDED', object: obj('c', '12') },
      { type: 'DELETED', object: obj('b', '13') },
    ]
    const next = applyEvents(state, events)
    expect(next.byKey).toBe(map) // same Map: O(1) per event
    expect(next.items.map((i) => i.metadata.name)).toEqual(['a', 'c'])
    expect((next.items[0] as K8sObject & { spec?: number }).spec).toBe(1)
    expect(next.resourceVersion).toBe('13')
    expect(next.items).not.toBe(state.items)
  })

  it('handles 2,000 items and a burst of events quickly', () => {
    const items = Array.from({ length: 2000 }, (_, i) => obj(`r${i}`, String(i)))
    const state = toListState({ metadata: { resourceVersion: '1' }, items })
    const events: WatchEvent[] = Array.from({ length: 2000 }, (_, i) => ({
      type: 'MODIFIED',
      object: obj(`r${i}`, String(3000 + i)),
    }))
    const t = performance.now()
    const next = applyEvents(state, events)
    expect(performance.now() - t).toBeLessThan(200)
    expect(next.items).toHaveLength(2000)
  })

  it('objectKey and deniedReason', () => {
    expect(objectKey(obj('x', '1'))).toBe('ns/x')
    expect(deniedReason({ verb: 'delete', resource: 'apirules', namespace: 'a' })).toBe(
      'You may not delete apirules in namespace a',
    )
  })
})
