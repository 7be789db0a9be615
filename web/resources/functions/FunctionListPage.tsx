// Functions of a namespace (or all): runtime, source type, replicas, the ConfigurationReady and
// Running conditions ("Unknown" while no controller reports them), how many APIRules route to
// each (through the Function's Service), age and "Expose"; a name search like the Services list.
// Live over watch.
import { Text } from '@ui5/webcomponents-react'
import { useMemo, useState } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import { FUNCTIONS } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { byNamespaceAndName, ListPageHeader, ListStates } from '../../components/ListPage.tsx'
import { ageColumn, ResourceTable, type ResourceColumn } from '../../components/ResourceTable.tsx'
import { functionPath } from '../../app/links.ts'
import { ConditionStatus } from './conditions.tsx'
import {
  searchByName,
  useApiRuleColumns,
  WorkloadSearchBar,
} from '../apirules/panel/workload-list.tsx'
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
]

/** A Function is exposed through its Service (same name, port 80); Expose prefills the Function. */
const functionTarget = (fn: KymaFunction) => ({
  service: fn.metadata.name ?? '',
  function: fn.metadata.name ?? '',
})

export function FunctionListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const fns = useK8sList<KymaFunction>(FUNCTIONS, namespace)
  const [search, setSearch] = useState('')
  const rows = useMemo(
    () => searchByName(fns.items, search).sort(byNamespaceAndName),
    [fns.items, search],
  )
  const { columns: apiRuleColumns, apiRules } = useApiRuleColumns(namespace, rows, functionTarget)
  const columns = useMemo<ResourceColumn<KymaFunction>[]>(
    () => [...FUNCTION_COLUMNS, apiRuleColumns[0]!, ageColumn(), apiRuleColumns[1]!],
    [apiRuleColumns],
  )

  const table = () => (
    <ResourceTable
      label="Functions"
      items={rows}
      allNamespaces={allNamespaces}
      pathOf={functionPath}
      nameMinWidth="10rem"
      columns={columns}
    />
  )

  return (
    <main className="kd-page" aria-labelledby="functions-title">
      <ListPageHeader title="Functions" titleId="functions-title" connection={fns.connection} />
      <WorkloadSearchBar
        plural="Functions"
        search={search}
        onSearch={setSearch}
        shown={rows.length}
        total={fns.items.length}
        loading={fns.isLoading}
      />
      {apiRules.error && (
        <ErrorBanner
          error={apiRules.error}
          context={{ verb: 'list', resource: 'APIRules', namespace }}
          onRetry={apiRules.refetch}
        />
      )}
      <ListStates
        list={fns}
        kind="Function"
        plural="Functions"
        namespace={namespace}
        loadingRows={4}
        total={fns.items.length}
        shown={rows.length}
      >
        {table}
      </ListStates>
    </main>
  )
}
