import { describe, expect, it } from 'vitest'
import type { K8sObject, WatchEvent } from './k8s-types.ts'
import { applyEvents, objectKey, toListState } from './list-cache.ts'

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

  // How fast is measured by `npm run bench` (big-list); a wall-clock bound here would only flake.
  it('applies a burst of 2,000 events to 2,000 items, each to its own item', () => {
    const items = Array.from({ length: 2000 }, (_, i) => obj(`r${i}`, String(i)))
    const state = toListState({ metadata: { resourceVersion: '1' }, items })
    const events: WatchEvent[] = Array.from({ length: 2000 }, (_, i) => ({
      type: 'MODIFIED',
      object: obj(`r${i}`, String(3000 + i)),
    }))
    const next = applyEvents(state, events)
    expect(next.items).toHaveLength(2000)
    expect(next.items.map((i) => i.metadata.resourceVersion)).toEqual(
      events.map((e) => (e.object as K8sObject).metadata.resourceVersion),
    )
  })

  it('objectKey', () => {
    expect(objectKey(obj('x', '1'))).toBe('ns/x')
  })
})
