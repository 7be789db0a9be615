import { describe, expect, it } from 'vitest'
import { deniedReason } from './access.ts'

describe('deniedReason', () => {
  it('says who may not do what, where', () => {
    expect(deniedReason({ verb: 'delete', resource: 'apirules', namespace: 'a' })).toBe(
      'You may not delete apirules in namespace a',
    )
  })
})
