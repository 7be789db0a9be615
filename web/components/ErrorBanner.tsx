// A Status-aware error message: "You may not list APIRules in namespace x", "API server
// unreachable", 422 causes, … with a Retry button when retrying can help.
import { Button, MessageStrip } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/refresh.js'
import { describeError, type ErrorContext } from '../api/errors.ts'
import './components.css'

export interface ErrorBannerProps {
  error: unknown
  context?: ErrorContext
  /** Shown (as "Retry") when the error is retryable, or always when `alwaysRetry` is set. */
  onRetry?: (() => void) | undefined
  alwaysRetry?: boolean
  onClose?: () => void
}

export function ErrorBanner({ error, context, onRetry, alwaysRetry, onClose }: ErrorBannerProps) {
  const d = describeError(error, context)
  const showRetry = onRetry && (alwaysRetry || d.retryable)
  const design = d.kind === 'forbidden' ? 'Critical' : 'Negative'
  return (
    <div role="alert" data-error-kind={d.kind}>
      <MessageStrip design={design} hideCloseButton={!onClose} onClose={onClose}>
        <div className="kd-error-banner">
          <strong>{d.title}</strong>
          {d.causes.length > 0 && (
            <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
              {d.causes.map((c, i) => (
                <li key={i}>{c.field ? `${c.field}: ${c.message}` : c.message}</li>
              ))}
            </ul>
          )}
          {d.detail && d.detail !== d.title && <span className="kd-error-detail">{d.detail}</span>}
          {showRetry && (
            <span>
              <Button design="Transparent" icon="refresh" onClick={() => onRetry?.()}>
                Retry
              </Button>
            </span>
          )}
        </div>
      </MessageStrip>
    </div>
  )
}
