import { describe, expect, it } from 'vitest'
import { isTooBig, MAX_DOCUMENT_BYTES, reportedBytes, tooBigMessage } from './limits.ts'

describe('document size limit', () => {
  it('refuses over 1.5 MiB of UTF-8, accepts 1 MiB', () => {
    expect(isTooBig('a'.repeat(1024 * 1024))).toBe(false)
    expect(isTooBig('a'.repeat(MAX_DOCUMENT_BYTES + 1))).toBe(true)
    // 600 k three-byte characters: 1.7 MiB although fewer units than the limit
    expect(isTooBig('€'.repeat(600_000))).toBe(true)
    expect(isTooBig('€'.repeat(100_000))).toBe(false)
  })
  it('says how big, the limit, and that nothing changed', () => {
    const msg = tooBigMessage(reportedBytes('a'.repeat(10 * 1024 * 1024)), 'pasted text')
    expect(msg).toBe(
      "The pasted text is 10.0 MiB; an APIRule can be at most 1.5 MiB (the most the cluster stores for one object). It was not pasted; the editor's text is unchanged.",
    )
  })
})
