// Functions of a namespace (or all): runtime, source type, replicas, the ConfigurationReady and
// Running conditions ("Unknown" while no controller reports them), age. Live over watch.
import {
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Text,
} from '@ui5/webcomponents-react'
import { useMemo } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import { FUNCTIONS } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { byNamespaceAndName, ListPageHeader, ListStates } from '../../components/ListPage.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { functionPath } from '../../app/links.ts'
import { ConditionStatus } from './conditions.tsx'
import { desiredReplicas, sourceType } from './model.ts'
import type { KymaFunction } from './types.ts'
import '../../components/page.css'

export function FunctionListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const fns = useK8sList<KymaFunction>(FUNCTIONS, namespace)
  const rows = useMemo(() => [...fns.items].sort(byNamespaceAndName), [fns.items])

  const table = () => (
    <Table
      accessibleName="Functions"
      overflowMode="Scroll"
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell minWidth="10rem">Name</TableHeaderCell>
          {allNamespaces && <TableHeaderCell minWidth="8rem">Namespace</TableHeaderCell>}
          <TableHeaderCell minWidth="6rem">Runtime</TableHeaderCell>
          <TableHeaderCell minWidth="5rem">Source</TableHeaderCell>
          <TableHeaderCell width="6rem">Replicas</TableHeaderCell>
          <TableHeaderCell minWidth="7rem">Configured</TableHeaderCell>
          <TableHeaderCell minWidth="7rem">Running</TableHeaderCell>
          <TableHeaderCell width="5rem">Age</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {rows.map((fn) => {
        const ns = fn.metadata.namespace ?? ''
        const name = fn.metadata.name ?? ''
        const key = `${ns}/${name}`
        const ready = fn.status?.replicas
        return (
          <TableRow key={key} rowKey={key} data-key={key}>
            <TableCell>
              <RouterLink to={functionPath(ns, name)}>{name}</RouterLink>
            </TableCell>
            {allNamespaces && (
              <TableCell>
                <Text>{ns}</Text>
              </TableCell>
            )}
            <TableCell>
              <Text>{fn.spec?.runtime ?? '—'}</Text>
            </TableCell>
            <TableCell>
              <Text>{sourceType(fn)}</Text>
            </TableCell>
            <TableCell>
              <Text>
                {ready === undefined
                  ? String(desiredReplicas(fn))
                  : `${ready} / ${desiredReplicas(fn)}`}
              </Text>
            </TableCell>
            <TableCell>
              <ConditionStatus fn={fn} type="ConfigurationReady" />
            </TableCell>
            <TableCell>
              <ConditionStatus fn={fn} type="Running" />
            </TableCell>
            <TableCell>
              <Age timestamp={fn.metadata.creationTimestamp} />
            </TableCell>
          </TableRow>
        )
      })}
    </Table>
  )

  return (
    <main className="kd-page" aria-labelledby="functions-title">
      <ListPageHeader title="Functions" titleId="functions-title" connection={fns.connection}>
        <Text aria-live="polite">{fns.isLoading ? '' : `${rows.length} Functions`}</Text>
      </ListPageHeader>
      <ListStates
        list={fns}
        kind="Function"
        plural="Functions"
        namespace={namespace}
        loadingRows={4}
        total={rows.length}
        shown={rows.length}
      >
        {table}
      </ListStates>
    </main>
  )
}
