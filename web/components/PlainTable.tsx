// A plain HTML table for the short lists inside panels (conditions, ports, events, an APIRule's
// rules): the column headers, then the caller's rows. Cluster values stay React text.
import type { ReactNode } from 'react'
import './page.css'

/** A column header; `{ hidden }` is a header only screen readers read (a column of buttons). */
export type PlainColumn = string | { hidden: string }

export interface PlainTableProps {
  /** The table's accessible name… */
  label?: string | undefined
  /** …or the id of the heading that names it. */
  labelledBy?: string | undefined
  /** Extra class names next to `kd-rules`. */
  className?: string | undefined
  columns: readonly PlainColumn[]
  /** The `<tr>` rows. */
  children: ReactNode
}

export function PlainTable({ label, labelledBy, className, columns, children }: PlainTableProps) {
  return (
    <table
      className={className ? `kd-rules ${className}` : 'kd-rules'}
      aria-label={label}
      aria-labelledby={labelledBy}
    >
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c} scope="col">
                {c}
              </th>
            ) : (
              <th key={c.hidden} scope="col">
                <span className="kd-visually-hidden">{c.hidden}</span>
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  )
}
