// "Create APIRule" from the all-namespaces view: the user picks where to create it. Only
// namespaces where the API server says the user may create APIRules are offered (when it cannot
// say, the namespace is offered and the API server decides). The last choice is remembered.
import { useMemo } from 'react'
import { Label, Option, Select, MessageStrip, BusyIndicator } from '@ui5/webcomponents-react'
import { useAccessReviews, type AccessCheck } from '../../../api/access.ts'
import { useNamespaces } from '../../namespaces/hooks.ts'
import { APIRULE_GROUP } from '../types.ts'

const REMEMBERED_KEY = 'apirule-editor-create-namespace'

export function rememberedCreateNamespace(): string | null {
  try {
    return localStorage.getItem(REMEMBERED_KEY)
  } catch {
    return null
  }
}

export function rememberCreateNamespace(ns: string): void {
  try {
    localStorage.setItem(REMEMBERED_KEY, ns)
  } catch {
    // a convenience only
  }
}

/** The namespaces (of `names`) where creating APIRules is allowed, and whether that is known yet. */
export function useCreatableNamespaces(enabled: boolean): {
  names: string[]
  isLoading: boolean
  error: Error | null
} {
  const namespaces = useNamespaces() // the shell watches them already
  const checks = useMemo<AccessCheck[]>(
    () =>
      (enabled ? namespaces.names : []).map((namespace) => ({
        verb: 'create',
        group: APIRULE_GROUP,
        resource: 'apirules',
        namespace,
        title: 'APIRules',
      })),
    [namespaces.names, enabled],
  )
  const results = useAccessReviews(checks)
  const names = namespaces.names.filter((_, i) => results[i]?.allowed)
  const isLoading = enabled && (namespaces.isLoading || results.some((r) => r.isLoading))
  return { names, isLoading, error: enabled ? namespaces.error : null }
}

export function NamespacePicker({
  names,
  isLoading,
  error,
  value,
  onChange,
}: {
  names: string[]
  isLoading: boolean
  error: Error | null
  value: string | undefined
  onChange: (ns: string) => void
}) {
  if (isLoading && names.length === 0)
    return <BusyIndicator active aria-label="Loading the namespaces you may create APIRules in" />
  if (error || names.length === 0)
    return (
      <MessageStrip design="Negative" hideCloseButton role="alert">
        {error
          ? `The namespaces could not be listed (${error.message}). Choose a namespace in the shell's namespace selector, then create the APIRule there.`
          : 'There is no namespace where you may create APIRules.'}
      </MessageStrip>
    )
  return (
    <div className="are-ns-picker">
      <Label for="are-create-namespace" showColon required>
        Create in namespace
      </Label>
      <Select
        id="are-create-namespace"
        accessibleName="Create in namespace"
        onChange={(e) => {
          const ns = e.detail.selectedOption?.getAttribute('value')
          if (ns) {
            rememberCreateNamespace(ns)
            onChange(ns)
          }
        }}
      >
        {value === undefined ? (
          <Option value="" selected>
            Choose a namespace…
          </Option>
        ) : null}
        {names.map((n) => (
          <Option key={n} value={n} selected={n === value}>
            {n}
          </Option>
        ))}
      </Select>
    </div>
  )
}
