// Test helper (integration): what the agreement tests ask the real API server — the APIRule CRD it
// serves, and a strict server-side dry run of an APIRule in a namespace (nothing is stored), as the
// editor's writes are strict.
import { expect } from 'vitest'
import type { TestClusterInfo } from '../../../../cluster/test/cluster-info.ts'
import { kubeRequest } from '../../../../cluster/test/helpers.ts'

const CRD_PATH =
  '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/apirules.gateway.kyma-project.io'

export async function servedApiRuleCrd(cluster: TestClusterInfo): Promise<unknown> {
  const res = await kubeRequest(cluster, 'admin', 'GET', CRD_PATH)
  expect(res.status).toBe(200)
  return res.body
}

export function dryRunApiRule<T>(
  cluster: TestClusterInfo,
  namespace: string,
  version: string,
  object: Record<string, unknown>,
) {
  const path = `/apis/gateway.kyma-project.io/${version}/namespaces/${namespace}/apirules?dryRun=All&fieldValidation=Strict`
  return kubeRequest<T>(cluster, 'admin', 'POST', path, {
    ...object,
    metadata: { ...(object.metadata as object), namespace },
  })
}
