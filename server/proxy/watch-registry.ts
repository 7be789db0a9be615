// Open watch streams, so shutdown can end each one cleanly (the browser sees the stream finish and
// re-watches against the next server) instead of waiting for the API server's watch timeout.

export type StopWatch = () => void

export class WatchRegistry {
  readonly #open = new Set<StopWatch>()

  add(stop: StopWatch): () => void {
    this.#open.add(stop)
    return () => this.#open.delete(stop)
  }

  get size(): number {
    return this.#open.size
  }

  stopAll(): void {
    for (const stop of [...this.#open]) stop()
    this.#open.clear()
  }
}
