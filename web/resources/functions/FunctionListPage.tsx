// Functions of a namespace (or all): runtime, source type, replicas, the ConfigurationReady and
// Running conditions ("Unknown" while no controller reports them), age. Live over watch.
import { Text } from '@ui5/webcomponents-react'
import { useMemo } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import { FUNCTIONS } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { byNamespaceAndName, ListPageHeader, ListStates } from '../../components/ListPage.tsx'
import { ageColumn, ResourceTable, type ResourceColumn } from '../../components/ResourceTable.tsx'
import { functionPath } from '../../app/links.ts'
import { ConditionStatus } from './conditions.tsx'
import { desiredReplicas, sourceType } from './model.ts'
import type { KymaFunction } from './types.ts'
import '../../components/page.css'

const FUNCTION_COLUMNS: readonly ResourceColumn<KymaFunction>[] = [
  { header: 'Runtime', minWidth: '6rem', cell: (fn) => <Text>{fn.spec?.runtime ?? '—'}</Text> },
  { header: 'Source', minWidth: '5rem', cell: (fn) => <Text>{sourceType(fn)}</Text> },
  {
    header: 'Replicas',
    width: '6rem',
    cell: (fn) => (
      <Text>
        {fn.status?.replicas === undefined
          ? String(desiredReplicas(fn))
          : `${fn.status.replicas} / ${desiredReplicas(fn)}`}
      </Text>
    ),
  },
  {
    header: 'Configured',
    minWidth: '7rem',
    cell: (fn) => <ConditionStatus fn={fn} type="ConfigurationReady" />,
  },
  { header: 'Running', minWidth: '7rem', cell: (fn) => <ConditionStatus fn={fn} type="Running" /> },
  ageColumn(),
]

export function FunctionListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const fns = useK8sList<KymaFunction>(FUNCTIONS, namespace)
  const rows = useMemo(() => [...fns.items].sort(byNamespaceAndName), [fns.items])

  const table = () => (
    <ResourceTable
      label="Functions"
      items={rows}
      allNamespaces={allNamespaces}
      pathOf={functionPath}
      nameMinWidth="10rem"
      columns={FUNCTION_COLUMNS}
    />
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
