import { describe, expect, it } from 'vitest'
import { addedComments } from './comments.ts'

describe('addedComments', () => {
  it('counts comments the text gained, not # inside strings or block scalars', () => {
    expect(addedComments('a: 1\n', 'a: 1 # why\n# note\nb: "#x"\nc: |\n  # text\n')).toBe(2)
    expect(addedComments('# kept\na: 1\n', '# kept\na: 2\n')).toBe(0)
  })
})
