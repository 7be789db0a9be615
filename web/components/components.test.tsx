// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { StatusError } from '../api/client.ts'
import { formatAge } from './Age.tsx'
import { ErrorBanner } from './ErrorBanner.tsx'
import { KeyValueTags } from './KeyValueTags.tsx'
import { displayYaml, YamlViewer } from './YamlViewer.tsx'
import { sortedNamespaceNames } from '../resources/namespaces/hooks.ts'

afterEach(cleanup)

// Records when EmptyState's heavy modules (the illustrations, ~100 KB gzip of SVG) are evaluated.
const heavyLoads = vi.hoisted(() => [] as string[])
vi.mock('@ui5/webcomponents-fiori/dist/illustrations/NoData.js', async (original) => {
  heavyLoads.push('NoData')
  return original()
})
vi.mock('@ui5/webcomponents-fiori/dist/illustrations/NoSearchResults.js', async (original) => {
  heavyLoads.push('NoSearchResults')
  return original()
})
vi.mock('@ui5/webcomponents-fiori/dist/illustrations/NoFilterResults.js', async (original) => {
  heavyLoads.push('NoFilterResults')
  return original()
})

describe('formatAge', () => {
  const now = Date.parse('2026-06-01T12:00:00Z')
  it('formats like kubectl', () => {
    expect(formatAge('2026-06-01T11:59:30Z', now)).toBe('30s')
    expect(formatAge('2026-06-01T11:15:00Z', now)).toBe('45m')
    expect(formatAge('2026-05-31T12:00:00Z', now)).toBe('24h')
    expect(formatAge('2026-05-01T12:00:00Z', now)).toBe('31d')
    expect(formatAge('2023-06-01T12:00:00Z', now)).toBe('3y')
    expect(formatAge(undefined, now)).toBe('')
    expect(formatAge('garbage', now)).toBe('')
  })
})

describe('YamlViewer', () => {
  it('renders cluster values as text, without managedFields', () => {
    const evil = '<img src=x onerror=alert(1)>'
    const { container } = render(
      <YamlViewer value={{ metadata: { name: evil, managedFields: [{ manager: 'x' }] } }} />,
    )
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('pre')?.textContent).toContain(evil)
    expect(displayYaml({ metadata: { managedFields: [1], name: 'a' } })).not.toContain(
      'managedFields',
    )
  })
})

describe('ErrorBanner', () => {
  it('shows the human message', () => {
    const { container } = render(
      <ErrorBanner
        error={new StatusError({ kind: 'Status', code: 403 }, 403)}
        context={{ verb: 'list', resource: 'APIRules', namespace: 'x' }}
      />,
    )
    // (UI5 adds its own hidden role=alert announcement spans to the body)
    const banner = container.querySelector('[role="alert"][data-error-kind="forbidden"]')
    expect(banner?.textContent).toContain('You may not list APIRules in namespace x')
  })
})

describe('KeyValueTags', () => {
  it('caps the number of tags', () => {
    render(<KeyValueTags values={{ a: '1', b: '2', c: '3' }} max={2} />)
    expect(screen.getByText('a=1')).toBeTruthy()
    expect(screen.queryByText('c=3')).toBeNull()
    expect(screen.getByText('+1 more')).toBeTruthy()
  })
})

describe('sortedNamespaceNames', () => {
  it('sorts and drops nameless entries', () => {
    expect(
      sortedNamespaceNames([
        { metadata: { name: 'b' } },
        { metadata: {} },
        { metadata: { name: 'a' } },
      ]),
    ).toEqual(['a', 'b'])
  })
})

describe('EmptyState', () => {
  it('loads no illustration until an empty state is rendered, then only the one it shows', async () => {
    const { EmptyState } = await import('./EmptyState.tsx')
    expect(heavyLoads).toEqual([])

    render(
      <EmptyState
        illustration="NoSearchResults"
        title="Nothing matches"
        subtitle="Change the search."
      >
        <button type="button">Clear search</button>
      </EmptyState>,
    )
    // The text and the call to action are there from the first render…
    expect(screen.getByRole('region', { name: 'Nothing matches' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Clear search' })).toBeTruthy()

    // …and the illustrated message replaces the plain one once its chunk has loaded.
    const message = await waitFor(() => {
      const el = document.querySelector('ui5-illustrated-message')
      if (!el) throw new Error('IllustratedMessage not rendered yet')
      return el
    })
    expect(heavyLoads).toEqual(['NoSearchResults'])
    expect(message.getAttribute('name')).toBe('NoSearchResults')
    expect(message.getAttribute('title-text')).toBe('Nothing matches')
    expect(message.getAttribute('subtitle-text')).toBe('Change the search.')
    expect(message.querySelector('button')?.textContent).toBe('Clear search')
    expect(message.closest('section')?.getAttribute('aria-label')).toBe('Nothing matches')
    expect(screen.queryAllByText('Nothing matches')).toHaveLength(0)
  })

  it('shows NoData by default', async () => {
    const { EmptyState } = await import('./EmptyState.tsx')
    render(<EmptyState title="No API Rules yet" />)
    expect(screen.getByRole('region', { name: 'No API Rules yet' })).toBeTruthy()
    await waitFor(() =>
      expect(document.querySelector('ui5-illustrated-message')?.getAttribute('name')).toBe(
        'NoData',
      ),
    )
    expect(heavyLoads).toContain('NoData')
  })
})
