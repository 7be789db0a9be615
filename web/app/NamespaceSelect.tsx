import { Label, Option, Select } from '@ui5/webcomponents-react'
import { useNamespaces } from '../resources/namespaces/hooks.ts'
import { ALL_NAMESPACES } from './namespace.ts'

interface Props {
  /** The current namespace; undefined for all namespaces. */
  value: string | undefined
  onChange: (namespace: string | undefined) => void
}

/** Namespace picker. Lists what the user may see; keeps the current one even if it is not listed
 *  (a user who may not list namespaces can still work in a namespace named in the URL). */
export function NamespaceSelect({ value, onChange }: Props) {
  const { names } = useNamespaces()
  const options = value && !names.includes(value) ? [value, ...names] : names
  return (
    <div className="namespace-select" style={{ padding: '0.5rem 0.75rem 0' }}>
      <Label for="namespace-select" showColon>
        Namespace
      </Label>
      <Select
        id="namespace-select"
        accessibleName="Namespace"
        style={{ width: '100%' }}
        value={value ?? ALL_NAMESPACES}
        onChange={(e) => {
          const next = e.detail.selectedOption.value
          onChange(!next || next === ALL_NAMESPACES ? undefined : next)
        }}
      >
        <Option value={ALL_NAMESPACES}>All namespaces</Option>
        {options.map((n) => (
          <Option key={n} value={n}>
            {n}
          </Option>
        ))}
      </Select>
    </div>
  )
}
