import { useEffect, useState } from 'react'

/**
 * Whether the table is scrolling, for rows that come into view meanwhile: they render as text only
 * (no links, buttons, checkbox or icons) and get their controls once scrolling settles. Creating
 * and painting a row's controls and SVG icons on every scroll step was most of a scroll frame.
 */
export class ScrollState {
  scrolling = false
  readonly #settled = new Set<() => void>()
  start() {
    this.scrolling = true
  }
  settle() {
    this.scrolling = false
    for (const l of [...this.#settled]) l()
    this.#settled.clear()
  }
  onSettle(listener: () => void): () => void {
    this.#settled.add(listener)
    return () => this.#settled.delete(listener)
  }
}

/** False for a row that came into view while the table scrolled, until scrolling settles. */
export function useSettled(scroll: ScrollState): boolean {
  const [settled, setSettled] = useState(() => !scroll.scrolling)
  useEffect(() => {
    if (settled) return
    if (!scroll.scrolling) {
      setSettled(true)
      return
    }
    return scroll.onSettle(() => setSettled(true))
  }, [settled, scroll])
  return settled
}
