// After the editor writes an APIRule, the details page it navigates to must show what the API
// server returned for that write, never an older copy still in the query cache: object queries are
// not refetched on mount (their watch keeps them current, but only once it has resumed).
import type { QueryClient } from '@tanstack/react-query'
import { seedObjectQuery } from '../../api/list-cache.ts'
import { objectQueryKey } from '../../api/query-keys.ts'
import { isObj, type Obj } from '../../api/json.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import { APIRULES, APIRULES_V1BETA1 } from '../../api/resources.ts'
import { isV1Beta1ApiVersion } from './domain/versions.ts'

/**
 * Seeds the object query of the version the write used (v2, or v1beta1, which the details page
 * shows through its v1beta1 read) with the write's response, and drops the other version's cached
 * copy, which predates the write, so that the page loads it anew.
 */
export function rememberSavedApiRule(qc: QueryClient, saved: Obj) {
  if (!isObj(saved.metadata) || typeof saved.metadata.name !== 'string') return
  const obj = saved as unknown as K8sObject
  const name = saved.metadata.name
  const v1beta1 = isV1Beta1ApiVersion(obj.apiVersion)
  const written = v1beta1 ? APIRULES_V1BETA1 : APIRULES
  const other = v1beta1 ? APIRULES : APIRULES_V1BETA1
  qc.removeQueries({ queryKey: objectQueryKey(other, obj.metadata.namespace, name), exact: true })
  seedObjectQuery(qc, written, obj)
}
