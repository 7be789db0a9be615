// Services of a namespace (or all): type, cluster IP, ports, age, how many APIRules expose each
// (exact match on namespace + name) and an "Expose" action per row. Live over watch.
import {
  Icon,
  Input,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  Text,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/search.js'
import { useMemo, useState } from 'react'
import { useAccessReviews, useK8sList, type AccessResult } from '../../api/hooks.ts'
import { SERVICES } from '../../api/resources.ts'
import { useNamespace } from '../../app/namespace.ts'
import { Age } from '../../components/Age.tsx'
import { ErrorBanner } from '../../components/ErrorBanner.tsx'
import {
  byNamespaceAndName,
  listCountText,
  ListPageHeader,
  ListStates,
} from '../../components/ListPage.tsx'
import { RouterLink } from '../../components/RouterLink.tsx'
import { serviceTargets } from '../apirules/domain/targets.ts'
import { createApiRuleCheck, ExposeButton } from '../apirules/panel/ExposeButton.tsx'
import { useWorkloadApiRules } from '../apirules/panel/useWorkloadApiRules.ts'
import { apiRuleListPath } from '../apirules/links.ts'
import { servicePath } from '../../app/links.ts'
import { isFunctionService } from '../functions/model.ts'
import { FUNCTION_NAME_LABEL } from '../functions/types.ts'
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
  const checks = useMemo(() => namespaces.map((ns) => createApiRuleCheck(ns)), [namespaces])
  const access = useAccessReviews(checks)
  const accessIn = (ns: string) => access[namespaces.indexOf(ns)] ?? PENDING

  const table = () => (
    <Table
      accessibleName="Services"
      overflowMode="Scroll"
      headerRow={
        <TableHeaderRow sticky>
          <TableHeaderCell minWidth="12rem">Name</TableHeaderCell>
          {allNamespaces && <TableHeaderCell minWidth="8rem">Namespace</TableHeaderCell>}
          <TableHeaderCell minWidth="6rem">Type</TableHeaderCell>
          <TableHeaderCell minWidth="8rem">Cluster IP</TableHeaderCell>
          <TableHeaderCell minWidth="10rem">Ports</TableHeaderCell>
          <TableHeaderCell width="6rem">API Rules</TableHeaderCell>
          <TableHeaderCell width="5rem">Age</TableHeaderCell>
          <TableHeaderCell width="8rem">Actions</TableHeaderCell>
        </TableHeaderRow>
      }
    >
      {rows.map((svc) => {
        const ns = svc.metadata.namespace ?? ''
        const name = svc.metadata.name ?? ''
        const key = serviceKey(ns, name)
        const count = counts.get(key) ?? 0
        const fnName = isFunctionService(svc)
          ? (svc.metadata.labels?.[FUNCTION_NAME_LABEL] ?? name)
          : undefined
        return (
          <TableRow key={key} rowKey={key} data-key={key}>
            <TableCell>
              <span className="kd-cell-line">
                <RouterLink to={servicePath(ns, name)}>{name}</RouterLink>
                {fnName && <Text className="kd-muted">(Function)</Text>}
              </span>
            </TableCell>
            {allNamespaces && (
              <TableCell>
                <Text>{ns}</Text>
              </TableCell>
            )}
            <TableCell>
              <Text>{serviceType(svc)}</Text>
            </TableCell>
            <TableCell>
              <Text>{clusterIpLabel(svc)}</Text>
            </TableCell>
            <TableCell>
              <Text>{formatPorts(svc) || '—'}</Text>
            </TableCell>
            <TableCell>
              {apiRules.isLoading ? (
                <Text>…</Text>
              ) : (
                <span aria-label={`${count} ${count === 1 ? 'API Rule' : 'API Rules'}`}>
                  {count}
                </span>
              )}
            </TableCell>
            <TableCell>
              <Age timestamp={svc.metadata.creationTimestamp} />
            </TableCell>
            <TableCell>
              <ExposeButton
                compact
                namespace={ns}
                serviceName={name}
                ports={exposablePorts(svc)}
                access={accessIn(ns)}
              />
            </TableCell>
          </TableRow>
        )
      })}
    </Table>
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
