// A definition list of an object's fields ("Namespace", "Type", …) as the details pages show them.
import { Fragment, type ReactNode } from 'react'
import './page.css'

/** A field and its value; a value of `undefined`, `null` or `false` leaves the field out. */
export type Field = readonly [label: string, value: ReactNode]

export function FieldList({ fields }: { fields: readonly Field[] }) {
  return (
    <dl className="kd-dl">
      {fields.map(([label, value]) =>
        value === undefined || value === null || value === false ? null : (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ),
      )}
    </dl>
  )
}
