import { BusyIndicator } from '@ui5/webcomponents-react'

/** Shown while a lazily loaded page's code arrives. */
export function PageLoading() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', padding: '4rem' }}>
      <BusyIndicator active size="L" aria-label="Loading page" />
    </div>
  )
}
