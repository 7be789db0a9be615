// The README's configuration table must list every BFF option the code knows, with the same
// flag, variable and default. Prettier pads the table, so cells are compared without padding.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { markdownTable } from '../server/config.ts'
import { repoRoot } from './lib.ts'

const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim())

describe('README configuration table', () => {
  const readmeRows = readFileSync(`${repoRoot}README.md`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) => cells(l).join(' | '))

  for (const row of markdownTable().split('\n').slice(2)) {
    const [flag, env] = cells(row)
    it(`documents ${flag === '–' ? env : flag}`, () => {
      expect(readmeRows).toContain(cells(row).join(' | '))
    })
  }
})
