// An illustrated "nothing here" message with an optional call to action.
import { IllustratedMessage } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-fiori/dist/illustrations/NoData.js'
import '@ui5/webcomponents-fiori/dist/illustrations/NoSearchResults.js'
import '@ui5/webcomponents-fiori/dist/illustrations/NoFilterResults.js'
import type { ReactNode } from 'react'

export interface EmptyStateProps {
  title: string
  subtitle?: string
  /** NoData (default), NoSearchResults or NoFilterResults. */
  illustration?: 'NoData' | 'NoSearchResults' | 'NoFilterResults'
  /** Buttons or links shown below the text. */
  children?: ReactNode
}

export function EmptyState({
  title,
  subtitle,
  illustration = 'NoData',
  children,
}: EmptyStateProps) {
  return (
    <section aria-label={title} style={{ display: 'flex', justifyContent: 'center' }}>
      <IllustratedMessage name={illustration} titleText={title} subtitleText={subtitle}>
        {children}
      </IllustratedMessage>
    </section>
  )
}
