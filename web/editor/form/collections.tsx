// Form parts for collections bound to document paths: a string map (labels, annotations, headers)
// and a list of item groups with "Add"/"Remove" buttons.
import { memo, useState, type ReactNode } from 'react'
import { Button, Input, Label } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import '@ui5/webcomponents-icons/dist/v5/delete.js'
import {
  fieldId,
  useDocLength,
  useDocValue,
  useEditorContext,
  useFieldIssues,
  type Path,
} from './context.ts'
import { IssueText, issueState } from './fields.tsx'

/** A string → string map (labels, annotations, request headers, cookies). */
export const KeyValueField = memo(function KeyValueField(props: {
  path: Path
  title: string
  /** Singular noun for buttons and labels: "label" → "Add label", "Label 1 key". */
  noun: string
}) {
  const { store, readOnly } = useEditorContext()
  const value = useDocValue<unknown>(props.path)
  const map =
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {}
  const entries = Object.entries(map)
  const [pending, setPending] = useState<string | null>(null)
  const base = fieldId(props.path)
  const Noun = props.noun.charAt(0).toUpperCase() + props.noun.slice(1)
  const showPending = pending !== null && !(pending.trim() !== '' && pending.trim() in map)
  return (
    <div className="are-kv" role="group" aria-label={props.title}>
      <div className="are-kv-title">{props.title}</div>
      {entries.map(([k, v], i) => (
        <KeyValueRow
          key={i}
          id={`${base}-${i}`}
          label={`${Noun} ${i + 1}`}
          k={k}
          v={v}
          readOnly={readOnly}
          onKey={(nk) => {
            if (nk && !(nk in map)) store.renameKey(props.path, k, nk)
          }}
          onValue={(nv) => store.setField([...props.path, k], nv)}
          onRemove={() => {
            if (entries.length === 1) store.deleteField(props.path)
            else store.deleteField([...props.path, k])
          }}
          path={[...props.path, k]}
        />
      ))}
      {showPending ? (
        <div className="are-kv-row">
          <Label for={`${base}-new-key`}>{`New ${props.noun} key`}</Label>
          <Input
            id={`${base}-new-key`}
            value={pending ?? ''}
            onInput={(e) => {
              const k = e.target.value ?? ''
              setPending(k)
            }}
            onChange={(e) => {
              const k = (e.target.value ?? '').trim()
              if (k && !(k in map)) store.setField([...props.path, k], '')
            }}
          />
          <Button design="Transparent" onClick={() => setPending(null)}>
            Cancel
          </Button>
        </div>
      ) : null}
      {!readOnly ? (
        <Button design="Transparent" icon="add" onClick={() => setPending('')}>
          {`Add ${props.noun}`}
        </Button>
      ) : null}
    </div>
  )
})

function KeyValueRow(props: {
  id: string
  label: string
  k: string
  v: unknown
  readOnly: boolean
  onKey: (k: string) => void
  onValue: (v: string) => void
  onRemove: () => void
  path: Path
}) {
  const rowIssues = useFieldIssues(props.path)
  const [key, setKey] = useState(props.k)
  const [shownKey, setShownKey] = useState(props.k)
  if (shownKey !== props.k) {
    setShownKey(props.k)
    setKey(props.k)
  }
  return (
    <div className="are-kv-row">
      <Label for={`${props.id}-key`}>{`${props.label} key`}</Label>
      <Input
        id={`${props.id}-key`}
        value={key}
        readonly={props.readOnly}
        {...issueState(rowIssues)}
        onInput={(e) => {
          const nk = e.target.value ?? ''
          setKey(nk)
          props.onKey(nk)
        }}
      />
      <Label for={`${props.id}-value`}>{`${props.label} value`}</Label>
      <Input
        id={`${props.id}-value`}
        value={props.v === null || props.v === undefined ? '' : String(props.v)}
        readonly={props.readOnly}
        onInput={(e) => props.onValue(e.target.value ?? '')}
      />
      {!props.readOnly ? (
        <Button
          design="Transparent"
          icon="delete"
          accessibleName={`Remove ${props.label.toLowerCase()}`}
          tooltip={`Remove ${props.label.toLowerCase()}`}
          onClick={props.onRemove}
        />
      ) : null}
      <IssueText id={`${props.id}-issues`} issues={rowIssues} />
    </div>
  )
}

/**
 * A list of items at `path`, each a group "<Noun> N" with a "Remove <noun> N" button, followed by
 * "Add <noun>". `noun` is lowercase; the group label capitalises it.
 */
export function ItemList(props: {
  path: Path
  noun: string
  /** What "Add" inserts. */
  newItem: () => unknown
  children: (at: Path, index: number) => ReactNode
}) {
  const { store, readOnly } = useEditorContext()
  const count = useDocLength(props.path)
  const groupNoun = props.noun.charAt(0).toUpperCase() + props.noun.slice(1)
  return (
    <>
      {Array.from({ length: count }, (_, k) => (
        <div key={k} className="are-item" role="group" aria-label={`${groupNoun} ${k + 1}`}>
          {props.children([...props.path, k], k)}
          {!readOnly ? (
            <Button
              design="Transparent"
              icon="delete"
              onClick={() => store.deleteField([...props.path, k])}
            >{`Remove ${props.noun} ${k + 1}`}</Button>
          ) : null}
        </div>
      ))}
      {!readOnly ? (
        <Button
          design="Transparent"
          icon="add"
          onClick={() => store.insertItem(props.path, props.newItem())}
        >{`Add ${props.noun}`}</Button>
      ) : null}
    </>
  )
}
