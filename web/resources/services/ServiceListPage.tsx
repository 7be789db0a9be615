// Services of a namespace (or all): type, cluster IP, ports, age, how many APIRules expose each
// (exact match on namespace + name) and an "Expose" action per row. Live over watch.
import { Icon, Input, Text } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/search.js'
import { useCallback, useMemo, useState } from 'react'
import { useAccessReviews, type AccessResult } from '../../api/access.ts'
import { useK8sList } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import {
  byNamespaceAndName,
  listCountText,
  ListPageHeader,
  ListStates,
} from '../../components/ListPage.tsx'
import { ageColumn, ResourceTable, type ResourceColumn } from '../../components/ResourceTable.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { serviceTargets } from '../apirules/domain/targets.ts'
import { ExposeButton } from '../apirules/panel/ExposeButton.tsx'
import { apiRuleAccess } from '../apirules/domain/permissions.ts'
import { useWorkloadApiRules } from '../apirules/panel/useWorkloadApiRules.ts'
import { apiRuleListPath } from '../apirules/links.ts'
import { servicePath } from '../../app/links.ts'
import { isFunctionService } from '../functions/model.ts'
import {
  apiRuleCountsByService,
  clusterIpLabel,
  exposablePorts,
  formatPorts,
  serviceKey,
  serviceType,
} from './model.ts'
import type { Service } from './types.ts'
import '../../components/page.css'

const PENDING: AccessResult = {
  allowed: false,
  isLoading: true,
  unknown: false,
  reason: 'Checking permissions…',
}

export function ServiceListPage() {
  const namespace = useNamespace()
  const allNamespaces = namespace === undefined
  const services = useK8sList<Service>(SERVICES, namespace)
  const apiRules = useWorkloadApiRules(namespace)
  const [search, setSearch] = useState('')

  const counts = useMemo(
    () => apiRuleCountsByService(apiRules.views.map((v) => serviceTargets(v))),
    [apiRules.views],
  )
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase()
    return services.items
      .filter((s) => !needle || (s.metadata.name ?? '').toLowerCase().includes(needle))
      .sort(byNamespaceAndName)
  }, [services.items, search])

  const namespaces = useMemo(
    () => [...new Set(rows.map((s) => s.metadata.namespace ?? ''))].sort(),
    [rows],
  )
  const checks = useMemo(() => namespaces.map((ns) => apiRuleAccess('create', ns)), [namespaces])
  const access = useAccessReviews(checks)
  const accessIn = useCallback(
    (ns: string) => access[namespaces.indexOf(ns)] ?? PENDING,
    [access, namespaces],
  )

  const columns = useMemo<ResourceColumn<Service>[]>(
    () => [
      { header: 'Type', minWidth: '6rem', cell: (svc) => <Text>{serviceType(svc)}</Text> },
      { header: 'Cluster IP', minWidth: '8rem', cell: (svc) => <Text>{clusterIpLabel(svc)}</Text> },
      { header: 'Ports', minWidth: '10rem', cell: (svc) => <Text>{formatPorts(svc) || '—'}</Text> },
      {
        header: 'API Rules',
        width: '6rem',
        cell: (svc) => {
          if (apiRules.isLoading) return <Text>…</Text>
          const count =
            counts.get(serviceKey(svc.metadata.namespace ?? '', svc.metadata.name ?? '')) ?? 0
          return (
            <span aria-label={`${count} ${count === 1 ? 'API Rule' : 'API Rules'}`}>{count}</span>
          )
        },
      },
      ageColumn(),
      {
        header: 'Actions',
        width: '8rem',
        cell: (svc) => (
          <ExposeButton
            compact
            namespace={svc.metadata.namespace ?? ''}
            serviceName={svc.metadata.name ?? ''}
            ports={exposablePorts(svc)}
            access={accessIn(svc.metadata.namespace ?? '')}
          />
        ),
      },
    ],
    [apiRules.isLoading, counts, accessIn],
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
      <div className="kd-toolbar" role="toolbar" aria-label="Service list controls">
        <Input
          className="kd-search"
          type="Search"
          icon={<Icon name="search" />}
          accessibleName="Search Services"
          placeholder="Search by name"
          value={search}
          showClearIcon
          onInput={(e) => setSearch(e.target.value)}
        />
        <span className="kd-spacer" />
        <Text aria-live="polite">
          {services.isLoading ? '' : listCountText(rows.length, services.items.length, 'Services')}
        </Text>
      </div>
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
