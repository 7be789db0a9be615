import { describe, expect, it } from 'vitest'
import { parseStreamMessage, subscriptionActionPath } from './watch-stream.ts'

describe('parseStreamMessage', () => {
  it('reads every message of the protocol', () => {
    expect(parseStreamMessage('{"type":"HELLO","streamId":"s1"}')).toEqual({
      type: 'HELLO',
      streamId: 's1',
    })
    expect(parseStreamMessage('{"type":"PING"}')).toEqual({ type: 'PING' })
    expect(parseStreamMessage('{"sub":"w1","type":"OPEN"}')).toEqual({ sub: 'w1', type: 'OPEN' })
    expect(
      parseStreamMessage('{"sub":"w1","event":{"type":"ADDED","object":{"metadata":{}}}}'),
    ).toEqual({ sub: 'w1', event: { type: 'ADDED', object: { metadata: {} } } })
    expect(
      parseStreamMessage('{"sub":"w1","type":"END","code":410,"status":{"kind":"Status"}}'),
    ).toEqual({ sub: 'w1', type: 'END', code: 410, status: { kind: 'Status' } })
    expect(parseStreamMessage('{"sub":"w1","type":"END"}')).toEqual({ sub: 'w1', type: 'END' })
  })

  it('skips lines that are not JSON or not a message of the protocol', () => {
    for (const line of [
      'not json',
      '[]',
      '{"type":"HELLO"}',
      '{"type":"OPEN"}',
      '{"sub":1,"type":"OPEN"}',
      '{"sub":"w1","event":{"type":"WEIRD","object":{}}}',
      '{"sub":"w1","event":{"type":"ADDED"}}',
      '{"sub":"w1","type":"LATER"}',
    ]) {
      expect(parseStreamMessage(line), line).toBeUndefined()
    }
  })

  it('drops END fields of the wrong type instead of passing them on', () => {
    expect(parseStreamMessage('{"sub":"w1","type":"END","code":"410","status":"x"}')).toEqual({
      sub: 'w1',
      type: 'END',
    })
  })
})

describe('subscriptionActionPath', () => {
  it('encodes the stream id, so it cannot add path segments', () => {
    expect(subscriptionActionPath('a/../b', 'subscribe')).toBe(
      '/api/watch-stream/a%2F..%2Fb/subscribe',
    )
  })
})
