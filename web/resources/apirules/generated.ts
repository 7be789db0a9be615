// Finding the objects the API Gateway controller generated for an APIRule. Current controllers
// label them `apirule.gateway.kyma-project.io/name` + `/namespace`; objects from older releases
// (and Oathkeeper Rules of v1beta1 APIRules) carry only the legacy label
// `apirule.gateway.kyma-project.io/v1beta1=<name>.<namespace>`. Both are looked up and merged.
import { useMemo } from 'react'
import { useK8sList } from '../../api/hooks.ts'
import type { K8sObject } from '../../api/k8s-types.ts'
import type { ResourceDescriptor } from '../../api/resources.ts'
import { GENERATED_NAME_LABEL, GENERATED_NAMESPACE_LABEL } from './types.ts'

export const LEGACY_OWNER_LABEL = 'apirule.gateway.kyma-project.io/v1beta1'

/** A Kubernetes label value: at most 63 characters, alphanumeric at both ends. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

/** The current selector, and the legacy one when `<name>.<namespace>` is a valid label value. */
export function generatedSelectors(
  name: string,
  namespace: string,
): { current: string; legacy: string | undefined } {
  const legacyValue = `${name}.${namespace}`
  return {
    current: `${GENERATED_NAME_LABEL}=${name},${GENERATED_NAMESPACE_LABEL}=${namespace}`,
    legacy:
      legacyValue.length <= 63 && LABEL_VALUE.test(legacyValue)
        ? `${LEGACY_OWNER_LABEL}=${legacyValue}`
        : undefined,
  }
}

/** Merges lists of the same kind, each object once (keyed by namespace/name). */
export function mergeByKey<T extends K8sObject>(...lists: T[][]): T[] {
  const seen = new Map<string, T>()
  for (const item of lists.flat()) {
    seen.set(`${item.metadata.namespace ?? ''}/${item.metadata.name ?? ''}`, item)
  }
  return [...seen.values()]
}

export interface GeneratedList {
  items: K8sObject[]
  isLoading: boolean
  error: Error | null
}

/** Live list of `desc` objects generated for the APIRule `namespace/name`, by either label. */
export function useGeneratedList(
  desc: ResourceDescriptor,
  listNamespace: string | undefined,
  rule: { name: string; namespace: string },
  enabled = true,
): GeneratedList {
  const { current, legacy } = generatedSelectors(rule.name, rule.namespace)
  const byCurrent = useK8sList(desc, listNamespace, { labelSelector: current, enabled })
  const byLegacy = useK8sList(desc, listNamespace, {
    labelSelector: legacy ?? '',
    enabled: enabled && legacy !== undefined,
  })
  const items = useMemo(
    () => mergeByKey(byCurrent.items, legacy ? byLegacy.items : []),
    [byCurrent.items, byLegacy.items, legacy],
  )
  return {
    items,
    isLoading: byCurrent.isLoading || (legacy !== undefined && byLegacy.isLoading),
    error: byCurrent.error ?? (legacy ? byLegacy.error : null),
  }
}
