// The quoting is checked by a real POSIX shell: many hostile strings are quoted, handed to `sh -c`,
// and printf must give each one back byte for byte as a single argument.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { shellQuote, shellWord } from './shell-quote.ts'

const scratch = mkdtempSync(path.join(tmpdir(), 'shell-quote-'))
const pwned = path.join(scratch, 'pwned')
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** What `sh` sees as the arguments of `printf` when `words` are pasted after it. */
function argumentsSeenBySh(words: readonly string[]): string[] {
  const out = execFileSync('sh', ['-c', `printf '%s\\0' ${words.join(' ')}`], {
    cwd: scratch,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: scratch, IFS: ' ' },
  })
  const parts = out.toString('utf8').split('\0')
  parts.pop()
  return parts
}

// Small deterministic generator (mulberry32), so a failure can be reproduced from the seed.
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const HOSTILE_PIECES = [
  "'",
  '"',
  '\\',
  '$',
  '`',
  '$(',
  ')',
  '${IFS}',
  '$IFS',
  ';',
  '&',
  '|',
  '>',
  '<',
  '*',
  '?',
  '[',
  ']',
  '{',
  '}',
  '~',
  '#',
  '!',
  '%',
  ' ',
  '\t',
  '\n',
  '\r',
  '\x01',
  '\x7f',
  "'\\''",
  '-n',
  '--',
  `touch ${pwned}`,
  'é',
  'ß',
  '\u202e',
  '\u00a0',
  '日本',
  '😀',
  '/x',
  'a',
  'Authorization: Bearer x',
]

function hostileStrings(count: number, seed: number): string[] {
  const next = random(seed)
  const strings: string[] = ["/x';touch$IFS" + pwned + ";'", `'; touch ${pwned}; '`, '', "'", "''"]
  while (strings.length < count) {
    const length = Math.floor(next() * 12)
    let s = ''
    for (let i = 0; i < length; i++) {
      if (next() < 0.2) s += String.fromCodePoint(1 + Math.floor(next() * 0x2ffff))
      else s += HOSTILE_PIECES[Math.floor(next() * HOSTILE_PIECES.length)] ?? ''
    }
    // Lone surrogates cannot be encoded as UTF-8 and so never reach a terminal as such.
    strings.push(Buffer.from(s, 'utf8').toString('utf8'))
  }
  return strings.map((s) => s.replaceAll('\0', ''))
}

describe('shellQuote', () => {
  it('gives every hostile string back to sh byte for byte, as exactly one argument', () => {
    const strings = hostileStrings(600, 17)
    for (let at = 0; at < strings.length; at += 100) {
      const batch = strings.slice(at, at + 100)
      expect(argumentsSeenBySh(batch.map(shellQuote))).toEqual(batch)
      expect(argumentsSeenBySh(batch.map(shellWord))).toEqual(batch)
    }
    expect(existsSync(pwned)).toBe(false)
  })

  it('quotes the reviewed breakout path so that touch never runs', () => {
    const path = `/x';touch$IFS${pwned};'`
    expect(argumentsSeenBySh([shellQuote(`https://h.example.com${path}`)])).toEqual([
      `https://h.example.com${path}`,
    ])
    expect(existsSync(pwned)).toBe(false)
  })

  it('refuses a NUL, which no argument can carry', () => {
    expect(() => shellQuote('a\0b')).toThrow(/NUL/)
  })

  it('leaves plain words readable', () => {
    expect(shellWord('POST')).toBe('POST')
    expect(shellWord('https://h.example.com/a-b_c')).toBe('https://h.example.com/a-b_c')
    expect(shellWord('a b')).toBe("'a b'")
    expect(shellQuote("it's")).toBe(`'it'\\''s'`)
  })
})
