import { describe, expect, it } from 'vitest'
import { parseWarnings } from './client.ts'

describe('parseWarnings', () => {
  it('reads every warning of a joined header, commas and quotes inside texts included', () => {
    const header =
      '299 - "unknown field \\"spec.rules[0].jwt.authentications[0].fromParameters\\"", 299 - "a, b"'
    expect(parseWarnings(header)).toEqual([
      'unknown field "spec.rules[0].jwt.authentications[0].fromParameters"',
      'a, b',
    ])
  })

  it('is empty without a header', () => {
    expect(parseWarnings(null)).toEqual([])
  })
})
