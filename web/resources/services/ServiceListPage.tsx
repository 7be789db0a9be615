// Services of a namespace (or all): type, cluster IP, ports, age, how many APIRules expose each
// (exact match on namespace + name) and an "Expose" action per row. Live over watch.
import { Text } from '@ui5/webcomponents-react'
import { useMemo, useState } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import { byNamespaceAndName, ListPageHeader, ListStates } from '../../components/ListPage.tsx'
import { ageColumn, ResourceTable, type ResourceColumn } from '../../components/ResourceTable.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import {
  searchByName,
  useApiRuleColumns,
  WorkloadSearchBar,
} from '../apirules/panel/workload-list.tsx'
import { apiRuleListPath } from '../apirules/links.ts'
import { servicePath } from '../../app/links.ts'
import { isFunctionService } from '../functions/model.ts'
import { clusterIpLabel, exposablePorts, formatPorts, serviceType } from './model.ts'
import type { Service } from './types.ts'
import '../../components/page.css'

/** What a Service row exposes: itself, through its TCP ports. */
const serviceTarget = (svc: Service) => ({
  service: svc.metadata.name ?? '',
  ports: exposablePorts(svc),
})

export function ServiceListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const services = useK8sList<Service>(SERVICES, namespace)
  const [search, setSearch] = useState('')
  const rows = useMemo(
    () => searchByName(services.items, search).sort(byNamespaceAndName),
    [services.items, search],
  )
  const { columns: apiRuleColumns, apiRules } = useApiRuleColumns(namespace, rows, serviceTarget)

  const columns = useMemo<ResourceColumn<Service>[]>(
    () => [
      { header: 'Type', minWidth: '6rem', cell: (svc) => <Text>{serviceType(svc)}</Text> },
      { header: 'Cluster IP', minWidth: '8rem', cell: (svc) => <Text>{clusterIpLabel(svc)}</Text> },
      { header: 'Ports', minWidth: '10rem', cell: (svc) => <Text>{formatPorts(svc) || '—'}</Text> },
      apiRuleColumns[0]!,
      ageColumn(),
      apiRuleColumns[1]!,
    ],
    [apiRuleColumns],
  )

  const table = () => (
    <ResourceTable
      label="Services"
      items={rows}
      allNamespaces={allNamespaces}
      pathOf={servicePath}
      nameMinWidth="12rem"
      nameSuffix={(svc) => isFunctionService(svc) && <Text className="kd-muted">(Function)</Text>}
      columns={columns}
    />
  )

  return (
    <main className="kd-page" aria-labelledby="services-title">
      <ListPageHeader title="Services" titleId="services-title" connection={services.connection}>
        <RouterLink to={apiRuleListPath(namespace)}>All API Rules</RouterLink>
      </ListPageHeader>
      <WorkloadSearchBar
        plural="Services"
        search={search}
        onSearch={setSearch}
        shown={rows.length}
        total={services.items.length}
        loading={services.isLoading}
      />
      {apiRules.error && (
        <ErrorBanner
          error={apiRules.error}
          context={{ verb: 'list', resource: 'APIRules', namespace }}
          onRetry={apiRules.refetch}
        />
      )}
      <ListStates
        list={services}
        kind="Service"
        plural="Services"
        namespace={namespace}
        loadingRows={6}
        total={services.items.length}
        shown={rows.length}
      >
        {table}
      </ListStates>
    </main>
  )
}
