// Labels (or annotations) as `key=value` tags, optionally capped with "+N more".
import { Tag } from '@ui5/webcomponents-react'
import { useState } from 'react'
import './components.css'

export interface KeyValueTagsProps {
  values: Record<string, string> | undefined
  /** Show at most this many, with a "+N more" toggle. */
  max?: number
  emptyText?: string
}

export function KeyValueTags({ values, max, emptyText = '—' }: KeyValueTagsProps) {
  const [expanded, setExpanded] = useState(false)
  const entries = Object.entries(values ?? {})
  if (!entries.length) return <span>{emptyText}</span>
  const shown = max && !expanded ? entries.slice(0, max) : entries
  const hidden = entries.length - shown.length
  return (
    <span className="kd-tags">
      {shown.map(([k, v]) => (
        <Tag key={k} design="Neutral" hideStateIcon title={`${k}=${v}`}>
          {v === '' ? k : `${k}=${v}`}
        </Tag>
      ))}
      {hidden > 0 && (
        <Tag design="Information" hideStateIcon interactive onClick={() => setExpanded(true)}>
          {`+${hidden} more`}
        </Tag>
      )}
    </span>
  )
}
