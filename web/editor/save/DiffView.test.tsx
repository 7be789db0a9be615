// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { DiffView } from './DiffView.tsx'

afterEach(cleanup)

const region = (name: string) => screen.getByRole('region', { name })
const rows = (name: string) => region(name).querySelectorAll('.are-diff-add, .are-diff-remove')

describe('DiffView', () => {
  it('reads changed lines as "removed: …" and "added: …"', () => {
    render(<DiffView before={'a\nb\nc\n'} after={'a\nB\nc\n'} label="Changes to save" />)
    const text = (region('Changes to save').textContent ?? '').replace(/\s+/g, ' ')
    expect(text).toContain('removed: b')
    expect(text).toContain('added: B')
    expect(screen.queryByText(/differ too much/)).toBeNull()
  })

  it('says so when nothing changed', () => {
    render(<DiffView before={'a\n'} after={'a\n'} label="Changes to save" />)
    expect(screen.getByText('No changes.')).toBeTruthy()
  })

  it('says when the diff is simplified because Myers ran out of budget', () => {
    render(
      <DiffView
        before={'a\nb\nc\nd\n'}
        after={'d\nc\nb\na\n'}
        label="Server changes"
        limits={{ maxEditLength: 1 }}
      />,
    )
    expect(screen.getByText(/differ too much to match line by line/)).toBeTruthy()
    expect(rows('Server changes')).toHaveLength(8)
  })

  it('renders the first lines of a huge diff, across hunks, and the rest on demand', () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`)
    const after = before.map((l, i) => (i % 20 === 0 ? `${l} changed` : l))
    render(
      <DiffView
        before={before.join('\n')}
        after={after.join('\n')}
        label="Changes to save"
        renderLimit={7}
      />,
    )
    // Hunk 1: line 0 replaced + 3 after (5 rows); hunk 2: 3 before, line 20 replaced, 3 after (8).
    expect(region('Changes to save').querySelectorAll('.are-hunk')).toHaveLength(2)
    expect(region('Changes to save').querySelectorAll('.are-hunk > div')).toHaveLength(7)
    fireEvent.click(screen.getByText('Show all 13 lines (7 shown)'))
    expect(region('Changes to save').querySelectorAll('.are-hunk > div')).toHaveLength(13)
    expect(screen.queryByText(/Show all/)).toBeNull()
  })
})
