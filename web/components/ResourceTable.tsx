// The table of a resource list page (Services, Functions): a Name column linking to the details
// page, a Namespace column in the all-namespaces view, then the kind's own columns.
import {
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Text,
} from '@ui5/webcomponents-react'
import type { ReactNode } from 'react'
import type { K8sObject } from '../api/k8s-types.ts'
import { Age } from './Age.tsx'
import { RouterLink } from './RouterLink.tsx'

export interface ResourceColumn<T> {
  header: string
  /** A fixed width, or else the least width of the column. */
  width?: string
  minWidth?: string
  cell: (item: T) => ReactNode
}

/** The Age column (since `metadata.creationTimestamp`). */
export function ageColumn<T extends K8sObject>(): ResourceColumn<T> {
  return {
    header: 'Age',
    width: '5rem',
    cell: (item) => <Age timestamp={item.metadata.creationTimestamp} />,
  }
}

export interface ResourceTableProps<T extends K8sObject> {
  /** The table's accessible name ("Services"). */
  label: string
  items: readonly T[]
  /** The all-namespaces view: a Namespace column after the name. */
  allNamespaces: boolean
  /** The details page of an item. */
  pathOf: (namespace: string, name: string) => string
  nameMinWidth: string
  /** What follows the name link in its cell (e.g. "(Function)"). */
  nameSuffix?: (item: T) => ReactNode
  columns: readonly ResourceColumn<T>[]
}

export function ResourceTable<T extends K8sObject>({
  label,
  items,
  allNamespaces,
  pathOf,
  nameMinWidth,
  nameSuffix,
  columns,
}: ResourceTableProps<T>) {
  return (
    <Table
      accessibleName={label}
      overflowMode="Scroll"
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell minWidth={nameMinWidth}>Name</TableHeaderCell>
          {allNamespaces && <TableHeaderCell minWidth="8rem">Namespace</TableHeaderCell>}
          {columns.map((c) => (
            <TableHeaderCell key={c.header} width={c.width} minWidth={c.minWidth}>
              {c.header}
            </TableHeaderCell>
          ))}
        </TableHeaderRow>
      }
    >
      {items.map((item) => {
        const ns = item.metadata.namespace ?? ''
        const name = item.metadata.name ?? ''
        const key = `${ns}/${name}`
        const link = <RouterLink to={pathOf(ns, name)}>{name}</RouterLink>
        const suffix = nameSuffix?.(item)
        return (
          <TableRow key={key} rowKey={key} data-key={key}>
            <TableCell>
              {suffix ? (
                <span className="kd-cell-line">
                  {link}
                  {suffix}
                </span>
              ) : (
                link
              )}
            </TableCell>
            {allNamespaces && (
              <TableCell>
                <Text>{ns}</Text>
              </TableCell>
            )}
            {columns.map((c) => (
              <TableCell key={c.header}>{c.cell(item)}</TableCell>
            ))}
          </TableRow>
        )
      })}
    </Table>
  )
}
