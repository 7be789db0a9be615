// Grey placeholder rows while a list or page loads (no spinner flashing for fast answers).
import './components.css'

export interface LoadingSkeletonProps {
  rows?: number
  /** Announced to screen readers. */
  label?: string
}

export function LoadingSkeleton({ rows = 6, label = 'Loading…' }: LoadingSkeletonProps) {
  return (
    <div className="kd-skeleton" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="kd-skeleton-row" style={{ width: `${100 - (i % 3) * 8}%` }} />
      ))}
    </div>
  )
}
