// Newline-delimited JSON: a stream of text chunks split into complete lines. Used to read the
// multiplexed watch stream (protocol/watch-stream.ts) and, in tests, plain watch answers.
import { asStreamWatchEvent } from '../../protocol/watch-stream.ts'
import type { K8sObject, WatchEvent } from './k8s-types.ts'

/**
 * Splits a stream of text chunks into complete lines. A chunk may end in the middle of a line (or
 * of a multi-byte character, which the TextDecoder in `readLineBatches` handles); the rest is kept
 * for the next chunk.
 */
export class LineBuffer {
  private rest = ''

  push(chunk: string): string[] {
    const text = this.rest + chunk
    const lines = text.split('\n')
    this.rest = lines.pop() ?? ''
    return lines.map((l) => l.trim()).filter((l) => l !== '')
  }

  /** What is left when the stream ends (a last line without a newline). */
  flush(): string[] {
    const last = this.rest.trim()
    this.rest = ''
    return last ? [last] : []
  }
}

/** Reads a body stream as batches of complete lines (one batch per received chunk). */
export async function* readLineBatches(body: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const lines = new LineBuffer()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true })
      const batch = [...lines.push(text), ...(done ? lines.flush() : [])]
      if (batch.length) yield batch
      if (done) return
    }
  } finally {
    reader.releaseLock()
  }
}

/** Parses one line of a Kubernetes watch answer; undefined for lines that are not a watch event. */
export function parseWatchLine<T extends K8sObject>(line: string): WatchEvent<T> | undefined {
  try {
    return asStreamWatchEvent(JSON.parse(line)) as WatchEvent<T> | undefined
  } catch {
    return undefined
  }
}
