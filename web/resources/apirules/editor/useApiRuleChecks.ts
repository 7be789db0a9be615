// What the APIRule editor checks a document against: the cluster's CRD (schema and served
// versions), what the controller reads (useClusterContext.ts); the validator running
// off the keystroke path; and a version the cluster does not serve.
import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { EditorDocument } from '../../../editor/document/EditorDocument.ts'
import { deepEqual, getAt } from '../../../editor/document/structural.ts'
import { useClusterContext } from './useClusterContext.ts'
import { useApiRuleCrd, useServedVersions } from '../useApiRuleCrd.ts'
import { useEditorValidation } from '../../../editor/useEditorValidation.ts'
import { apiRuleJsonSchema } from '../validation/schema.ts'
import type { Issue, ValidationContext } from '../validation/types.ts'
import { APIRULE_GROUP } from '../types.ts'
import { versionOfApiVersion } from './templates.ts'
import { validateInBackground } from './validation-runner.ts'
import { controllerVerdict } from '../domain/controller-status.ts'
import { statusOf } from '../domain/status.ts'

/** The controller's problems in the stored object's status, as editor warnings. */
function storedControllerIssues(stored: unknown): Issue[] {
  if (!stored) return []
  return controllerVerdict(statusOf(stored)).problems.map((p) => ({
    ...p,
    severity: 'warning',
    message: `The API Gateway controller reported after the last save: ${p.message}`,
  }))
}

export function useApiRuleChecks(
  store: EditorDocument,
  namespace: string,
  mode: 'create' | 'edit',
  /** Edit: the stored object, whose controller verdict is shown until its field is changed. */
  stored?: unknown,
) {
  const version = useSyncExternalStore(store.subscribe, () =>
    versionOfApiVersion(getAt(store.value, ['apiVersion'])),
  )
  const crdQuery = useApiRuleCrd()
  const crd = crdQuery.data?.crd
  const cluster = useClusterContext(namespace)
  const served = useServedVersions(crd)
  const vctx = useMemo<ValidationContext>(
    () => ({ ...cluster, crd, namespace, creating: mode === 'create' }),
    [cluster, crd, namespace, mode],
  )
  const schema = useMemo(() => (crd ? apiRuleJsonSchema(crd, version) : undefined), [crd, version])

  // A version the cluster does not serve (e.g. v1alpha1) cannot be written: say so, offer v2.
  const apiVersion = useSyncExternalStore(store.subscribe, () => {
    const v = getAt(store.value, ['apiVersion'])
    return typeof v === 'string' ? v : ''
  })
  const unservedVersion = useMemo(() => {
    const [group, v] = apiVersion.split('/')
    if (group !== APIRULE_GROUP || !v || !served.data || served.data.includes(v)) return undefined
    return v
  }, [apiVersion, served.data])
  const versionIssues = useMemo<Issue[]>(
    () =>
      unservedVersion
        ? [
            {
              path: ['apiVersion'],
              message: `The cluster does not serve APIRule version ${unservedVersion} (it serves ${(served.data ?? []).join(', ')})`,
              severity: 'error',
              source: 'cluster',
            },
          ]
        : [],
    [unservedVersion, served.data],
  )

  // The controller's problems with the stored rule (its status), at their fields, as warnings
  // (they describe the stored text, and must not block the save that fixes them), until the
  // user changes the field they are about.
  const controllerIssues = useMemo(() => storedControllerIssues(stored), [stored])
  const stillApplying = useSyncExternalStore(store.subscribe, () =>
    controllerIssues
      .map((i, k) => (deepEqual(getAt(store.value, i.path), getAt(stored, i.path)) ? k : -1))
      .join(','),
  )
  const pageIssues = useMemo(
    () => [
      ...versionIssues,
      ...controllerIssues.filter((_, k) => stillApplying.split(',').includes(String(k))),
    ],
    [versionIssues, controllerIssues, stillApplying],
  )

  // Validation off the keystroke path; a blank Create form shows issues as fields are touched.
  const validate = useCallback(
    (value: unknown, textLength: number, done: (issues: Issue[]) => void) =>
      validateInBackground(value, textLength, version, vctx, done),
    [version, vctx],
  )
  const validation = useEditorValidation(store, validate, mode === 'edit', pageIssues)

  return {
    version,
    crd,
    /** The CRD came from the bundled copy: the cluster's could not be read. */
    bundledSchema: crdQuery.data?.source === 'bundled',
    schema,
    servedVersions: served.data,
    unservedVersion,
    validation,
    /** The mesh config's extension providers (undefined: not known), for the authorizer picker. */
    meshProviders: cluster.mesh && 'providers' in cluster.mesh ? cluster.mesh.providers : undefined,
  }
}
