// Form fields bound to document paths. Every field has a visible <Label for> linked to its input,
// shows the issues at its path (value state + text), and writes straight into the EditorDocument.
import { memo, useState, type ReactNode } from 'react'
import {
  Button,
  CheckBox,
  ComboBox,
  ComboBoxItem,
  Input,
  Label,
  MultiComboBox,
  MultiComboBoxItem,
} from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/add.js'
import '@ui5/webcomponents-icons/dist/delete.js'
import '@ui5/webcomponents-icons/dist/navigation-up-arrow.js'
import '@ui5/webcomponents-icons/dist/navigation-down-arrow.js'
import { HTTP_METHODS } from '../../resources/apirules/types.ts'
import type { Issue } from '../../resources/apirules/validation/types.ts'
import {
  fieldId,
  useDocField,
  useDocLength,
  useDocValue,
  useEditorContext,
  useFieldIssues,
  type Path,
} from './context.ts'

export function valueState(issues: readonly Issue[]): 'Negative' | 'Critical' | 'None' {
  if (issues.some((i) => i.severity === 'error')) return 'Negative'
  if (issues.length) return 'Critical'
  return 'None'
}

export function IssueText({ id, issues }: { id: string; issues: readonly Issue[] }) {
  if (!issues.length) return null
  return (
    <ul id={id} className="are-field-issues">
      {issues.map((i, k) => (
        <li key={k} className={i.severity === 'error' ? 'are-error' : 'are-warning'}>
          {i.severity === 'error' ? 'Error: ' : 'Warning: '}
          {i.message}
        </li>
      ))}
    </ul>
  )
}

export function FieldRow(props: {
  id: string
  label: string
  required?: boolean
  help?: ReactNode
  issues?: readonly Issue[]
  children: ReactNode
}) {
  return (
    <div className="are-field">
      <Label for={props.id} required={props.required} showColon>
        {props.label}
      </Label>
      <div className="are-control">
        {props.children}
        {props.help ? (
          <div className="are-help" id={`${props.id}-help`}>
            {props.help}
          </div>
        ) : null}
        <IssueText id={`${props.id}-issues`} issues={props.issues ?? []} />
      </div>
    </div>
  )
}

function stateMessage(issues: readonly Issue[]) {
  return issues.length ? <div>{issues.map((i) => i.message).join(' · ')}</div> : undefined
}

export const TextField = memo(function TextField(props: {
  path: Path
  label: string
  required?: boolean
  placeholder?: string
  help?: ReactNode
  /** Empty input removes the field (default) or keeps an empty string. */
  keepEmpty?: boolean
  readOnly?: boolean
  id?: string
}) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const issues = useFieldIssues(props.path)
  const id = props.id ?? fieldId(props.path)
  return (
    <FieldRow
      id={id}
      label={props.label}
      required={props.required}
      help={props.help}
      issues={issues}
    >
      <Input
        id={id}
        value={value === undefined || value === null ? '' : String(value)}
        placeholder={props.placeholder}
        readonly={readOnly || props.readOnly}
        required={props.required}
        valueState={valueState(issues)}
        valueStateMessage={stateMessage(issues)}
        onInput={(e) => {
          const v = e.target.value ?? ''
          set(v === '' && !props.keepEmpty ? undefined : v)
        }}
      />
    </FieldRow>
  )
})

/**
 * Local text that follows the document unless the user is mid-way typing something the document
 * cannot hold yet (an empty number, a trailing comma in a list).
 */
function useLocalText<T>(
  value: T | undefined,
  format: (v: T | undefined) => string,
  parse: (text: string) => T | undefined | 'invalid',
) {
  const [text, setText] = useState(() => format(value))
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    const parsed = parse(text)
    if (parsed === 'invalid' || JSON.stringify(parsed) !== JSON.stringify(value))
      setText(format(value))
  }
  return [text, setText] as const
}

export const IntField = memo(function IntField(props: {
  path: Path
  label: string
  required?: boolean
  help?: ReactNode
  min?: number
  max?: number
  placeholder?: string
}) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const issues = useFieldIssues(props.path)
  const id = fieldId(props.path)
  const parse = (t: string): number | undefined | 'invalid' =>
    t.trim() === '' ? undefined : /^\d+$/.test(t.trim()) ? Number(t.trim()) : 'invalid'
  const [text, setText] = useLocalText<unknown>(
    value,
    (v) => (v === undefined || v === null ? '' : String(v)),
    parse,
  )
  const local = parse(text) === 'invalid' ? 'Enter a whole number' : undefined
  const all = local
    ? [
        ...issues,
        {
          path: [...props.path],
          message: local,
          severity: 'error' as const,
          source: 'schema' as const,
        },
      ]
    : issues
  return (
    <FieldRow id={id} label={props.label} required={props.required} help={props.help} issues={all}>
      <Input
        id={id}
        type="Number"
        value={text}
        placeholder={props.placeholder}
        readonly={readOnly}
        valueState={valueState(all)}
        valueStateMessage={stateMessage(all)}
        onInput={(e) => {
          const t = e.target.value ?? ''
          setText(t)
          const p = parse(t)
          if (p !== 'invalid') set(p)
        }}
      />
    </FieldRow>
  )
})

const splitList = (t: string) =>
  t
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

/** A list of strings typed as comma-separated text. */
export const ListField = memo(function ListField(props: {
  path: Path
  label: string
  help?: ReactNode
  placeholder?: string
  required?: boolean
}) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const issues = useFieldIssues(props.path)
  const id = fieldId(props.path)
  const [text, setText] = useLocalText<unknown>(
    value,
    (v) => (Array.isArray(v) ? v.map(String).join(', ') : ''),
    (t) => (t.trim() === '' ? undefined : splitList(t)),
  )
  return (
    <FieldRow
      id={id}
      label={props.label}
      help={props.help ?? 'Separate values with commas.'}
      issues={issues}
      required={props.required}
    >
      <Input
        id={id}
        value={text}
        placeholder={props.placeholder}
        readonly={readOnly}
        valueState={valueState(issues)}
        valueStateMessage={stateMessage(issues)}
        onInput={(e) => {
          const t = e.target.value ?? ''
          setText(t)
          const items = splitList(t)
          set(items.length ? items : undefined)
        }}
      />
    </FieldRow>
  )
})

export const CheckField = memo(function CheckField(props: { path: Path; label: string }) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const id = fieldId(props.path)
  return (
    <div className="are-field">
      <span />
      <CheckBox
        id={id}
        text={props.label}
        checked={value === true}
        readonly={readOnly}
        onChange={(e) => set(e.target.checked ? true : undefined)}
      />
    </div>
  )
})

export interface ComboItem {
  value: string
  text?: string
  additionalText?: string
}

/** A string field with suggestions (free text allowed). */
export const ComboField = memo(function ComboField(props: {
  path: Path
  label: string
  items: readonly ComboItem[]
  required?: boolean
  help?: ReactNode
  placeholder?: string
  loading?: boolean
  /** Called after the user picked or typed a value. */
  onValue?: (value: string) => void
  asNumber?: boolean
}) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const issues = useFieldIssues(props.path)
  const id = fieldId(props.path)
  const write = (v: string) => {
    if (props.asNumber) set(v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : v)
    else set(v === '' ? undefined : v)
    props.onValue?.(v)
  }
  return (
    <FieldRow
      id={id}
      label={props.label}
      required={props.required}
      help={props.help}
      issues={issues}
    >
      <ComboBox
        id={id}
        value={value === undefined || value === null ? '' : String(value)}
        placeholder={props.placeholder}
        readonly={readOnly}
        loading={props.loading}
        valueState={valueState(issues)}
        valueStateMessage={stateMessage(issues)}
        onInput={(e) => write(e.target.value ?? '')}
        onChange={(e) => write(e.target.value ?? '')}
      >
        {props.items.map((it) => (
          <ComboBoxItem
            key={it.value}
            text={it.text ?? it.value}
            additionalText={it.additionalText}
          />
        ))}
      </ComboBox>
    </FieldRow>
  )
})

export const MethodsField = memo(function MethodsField(props: { path: Path; label?: string }) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(props.path)
  const issues = useFieldIssues(props.path)
  const id = fieldId(props.path)
  const selected = Array.isArray(value) ? value.map(String) : []
  return (
    <FieldRow id={id} label={props.label ?? 'Methods'} required issues={issues}>
      <MultiComboBox
        id={id}
        readonly={readOnly}
        selectedValues={selected}
        valueState={valueState(issues)}
        valueStateMessage={stateMessage(issues)}
        onSelectionChange={(e) => {
          const picked = e.detail.items.map((i) => i.text ?? '')
          // keep the document's order for methods that stay selected
          const next = [
            ...selected.filter((m) => picked.includes(m)),
            ...picked.filter((m) => !selected.includes(m)),
          ]
          set(next.length ? next : [])
        }}
      >
        {HTTP_METHODS.map((m) => (
          <MultiComboBoxItem key={m} text={m} value={m} />
        ))}
        {selected
          .filter((m) => !(HTTP_METHODS as readonly string[]).includes(m))
          .map((m) => (
            <MultiComboBoxItem key={m} text={m} value={m} />
          ))}
      </MultiComboBox>
    </FieldRow>
  )
})

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
  const issues = useFieldIssues(props.path)
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
          issues={issues}
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
  issues: readonly Issue[]
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
        valueState={valueState(rowIssues)}
        valueStateMessage={stateMessage(rowIssues)}
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
