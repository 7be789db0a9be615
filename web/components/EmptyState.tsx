// An illustrated "nothing here" message with an optional call to action.
//
// The UI5 IllustratedMessage and its illustrations (inline SVGs, ~100 KB gzip) are loaded only when an
// empty state is actually shown: list pages import this component but usually have rows. Until the
// chunk has arrived the same title, subtitle and actions are shown as plain text, so the message and
// its call to action are there from the first render.
import { lazy, Suspense, type ReactNode } from 'react'

type Illustration = 'NoData' | 'NoSearchResults' | 'NoFilterResults'

export interface EmptyStateProps {
  title: string
  subtitle?: string
  /** NoData (default), NoSearchResults or NoFilterResults. */
  illustration?: Illustration
  /** Buttons or links shown below the text. */
  children?: ReactNode
}

interface MessageProps {
  title: string
  subtitle: string | undefined
  children: ReactNode
}

// Each illustration registers itself when its module runs; IllustratedMessage needs it registered
// before it renders, so the component resolves only after both have loaded.
const illustrationModules: Record<Illustration, () => Promise<unknown>> = {
  NoData: () => import('@ui5/webcomponents-fiori/dist/illustrations/NoData.js'),
  NoSearchResults: () => import('@ui5/webcomponents-fiori/dist/illustrations/NoSearchResults.js'),
  NoFilterResults: () => import('@ui5/webcomponents-fiori/dist/illustrations/NoFilterResults.js'),
}

function illustratedMessage(name: Illustration) {
  return lazy(async () => {
    const [{ IllustratedMessage }] = await Promise.all([
      import('@ui5/webcomponents-react/IllustratedMessage'),
      illustrationModules[name](),
    ])
    return {
      default: ({ title, subtitle, children }: MessageProps) => (
        <IllustratedMessage name={name} titleText={title} subtitleText={subtitle}>
          {children}
        </IllustratedMessage>
      ),
    }
  })
}

const messages: Record<Illustration, ReturnType<typeof illustratedMessage>> = {
  NoData: illustratedMessage('NoData'),
  NoSearchResults: illustratedMessage('NoSearchResults'),
  NoFilterResults: illustratedMessage('NoFilterResults'),
}

function PlainMessage({ title, subtitle, children }: MessageProps) {
  return (
    <div style={{ textAlign: 'center', padding: '2rem 1rem' }}>
      <div style={{ fontSize: 'var(--sapFontHeader4Size, 1.25rem)' }}>{title}</div>
      {subtitle ? <div style={{ marginBlock: '0.5rem 1rem' }}>{subtitle}</div> : null}
      {children}
    </div>
  )
}

export function EmptyState({
  title,
  subtitle,
  illustration = 'NoData',
  children,
}: EmptyStateProps) {
  const Message = messages[illustration]
  return (
    <section aria-label={title} style={{ display: 'flex', justifyContent: 'center' }}>
      <Suspense
        fallback={
          <PlainMessage title={title} subtitle={subtitle}>
            {children}
          </PlainMessage>
        }
      >
        <Message title={title} subtitle={subtitle}>
          {children}
        </Message>
      </Suspense>
    </section>
  )
}
