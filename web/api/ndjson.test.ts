import { describe, expect, it } from 'vitest'
import type { K8sObject, WatchEvent } from './k8s-types.ts'
import { LineBuffer, parseWatchLine, readLineBatches } from './ndjson.ts'

const enc = new TextEncoder()

function streamOf(chunks: (string | Uint8Array)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(typeof c === 'string' ? enc.encode(c) : c)
      controller.close()
    },
  })
}

const obj = (name: string, rv: string): K8sObject => ({
  metadata: { name, namespace: 'ns', resourceVersion: rv },
})
const line = (type: string, object: unknown) => JSON.stringify({ type, object }) + '\n'

describe('LineBuffer', () => {
  it('keeps partial lines across chunks', () => {
    const b = new LineBuffer()
    expect(b.push('{"a":1}\n{"b"')).toEqual(['{"a":1}'])
    expect(b.push(':2}\n\n{"c":3}')).toEqual(['{"b":2}'])
    expect(b.flush()).toEqual(['{"c":3}'])
    expect(b.flush()).toEqual([])
  })
})

describe('parseWatchLine', () => {
  it('accepts watch events and ignores everything else', () => {
    expect(parseWatchLine('{"type":"ADDED","object":{"metadata":{}}}')?.type).toBe('ADDED')
    expect(parseWatchLine('not json')).toBeUndefined()
    expect(parseWatchLine('{"type":"WEIRD","object":{}}')).toBeUndefined()
    expect(parseWatchLine('{"type":"ADDED"}')).toBeUndefined()
  })
})

describe('readLineBatches', () => {
  it('splits lines in the middle of a line and of a multi-byte character', async () => {
    const text = line('ADDED', { metadata: { name: 'ä-rule' } }) + line('DELETED', obj('b', '2'))
    const bytes = enc.encode(text)
    const cut = text.indexOf('ä') + 1 // inside the 2-byte UTF-8 sequence
    const events: WatchEvent[] = []
    for await (const batch of readLineBatches(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))) {
      events.push(...batch.map((l) => parseWatchLine(l)).filter((e) => e !== undefined))
    }
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'DELETED'])
    expect((events[0]?.object as K8sObject).metadata.name).toBe('ä-rule')
  })

  it('returns a last line without a trailing newline', async () => {
    const lines: string[] = []
    for await (const b of readLineBatches(streamOf([line('ADDED', obj('a', '1')).trim()]))) {
      lines.push(...b)
    }
    expect(lines).toHaveLength(1)
  })
})
