// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DRAFT_DELAY_MS, scheduleDrafts } from './draft.ts'

function fakeStore() {
  const listeners = new Set<() => void>()
  const store = {
    text: 'a',
    subscribe: (l: () => void) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    type(text: string) {
      store.text = text
      for (const l of listeners) l()
    },
  }
  return store
}

describe('scheduleDrafts', () => {
  afterEach(() => vi.useRealTimers())

  it('writes the last text once typing pauses, not per keystroke', () => {
    vi.useFakeTimers()
    const store = fakeStore()
    const write = vi.fn()
    const stop = scheduleDrafts(store, write)
    store.type('ab')
    vi.advanceTimersByTime(DRAFT_DELAY_MS / 2)
    store.type('abc')
    vi.advanceTimersByTime(DRAFT_DELAY_MS / 2)
    expect(write).not.toHaveBeenCalled()
    vi.advanceTimersByTime(DRAFT_DELAY_MS)
    expect(write.mock.calls).toEqual([['abc']])
    stop()
  })

  it('writes what is pending when the page goes away (reload right after typing)', () => {
    vi.useFakeTimers()
    const store = fakeStore()
    const write = vi.fn()
    const stop = scheduleDrafts(store, write)
    store.type('typed just now')
    window.dispatchEvent(new Event('pagehide'))
    expect(write.mock.calls).toEqual([['typed just now']])
    vi.advanceTimersByTime(DRAFT_DELAY_MS * 3)
    expect(write).toHaveBeenCalledTimes(1)
    stop()
  })

  it('stops writing once stopped', () => {
    vi.useFakeTimers()
    const store = fakeStore()
    const write = vi.fn()
    scheduleDrafts(store, write)()
    store.type('after stop')
    window.dispatchEvent(new Event('pagehide'))
    vi.advanceTimersByTime(DRAFT_DELAY_MS * 3)
    expect(write).not.toHaveBeenCalled()
  })
})
