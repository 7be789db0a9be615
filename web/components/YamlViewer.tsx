// Read-only YAML as plain text (no editor): cluster values are rendered as React text only.
import { useMemo } from 'react'
import { stringify } from 'yaml'
import { CopyButton } from './CopyButton.tsx'
import './components.css'

export interface YamlViewerProps {
  /** An object (stringified as YAML) or YAML text. */
  value: unknown
  /** Accessible name of the code block. */
  label?: string
  /** Drop metadata.managedFields (noise). Default true. */
  hideManagedFields?: boolean
}

/** The YAML a reader is shown: text as is, objects without the managedFields noise. */
export function displayYaml(value: unknown, hideManagedFields = true): string {
  if (typeof value === 'string') return value
  let v = value
  if (hideManagedFields && v && typeof v === 'object' && 'metadata' in v) {
    const o = v as { metadata?: unknown }
    if (o.metadata && typeof o.metadata === 'object' && 'managedFields' in o.metadata) {
      const { managedFields: _drop, ...metadata } = o.metadata as Record<string, unknown>
      v = { ...o, metadata }
    }
  }
  try {
    return stringify(v, { lineWidth: 0 })
  } catch {
    return JSON.stringify(v, null, 2)
  }
}

export function YamlViewer({ value, label = 'YAML', hideManagedFields = true }: YamlViewerProps) {
  const text = useMemo(() => displayYaml(value, hideManagedFields), [value, hideManagedFields])
  return (
    <div className="kd-yaml-wrap">
      <pre className="kd-yaml" aria-label={label} tabIndex={0}>
        <code>{text}</code>
      </pre>
      <CopyButton className="kd-yaml-copy" text={text} accessibleName={`Copy ${label}`} />
    </div>
  )
}
