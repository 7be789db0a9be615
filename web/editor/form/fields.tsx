// Form fields bound to document paths. Every field has a visible <Label for> linked to its input,
// shows the issues at its path (value state + text), and writes straight into the EditorDocument.
import { memo, useState, type ReactNode } from 'react'
import {
  CheckBox,
  ComboBox,
  ComboBoxItem,
  Input,
  Label,
  MultiComboBox,
  MultiComboBoxItem,
} from '@ui5/webcomponents-react'
import type { EditorIssue as Issue } from '../document/issues.ts'
import { fieldId, useDocField, useEditorContext, useFieldIssues, type Path } from './context.ts'

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

/** The value state and its message of an input showing `issues`. */
export function issueState(issues: readonly Issue[]) {
  return { valueState: valueState(issues), valueStateMessage: stateMessage(issues) }
}

/** What every bound field needs: its DOM id, value, setter, issues and whether it may change. */
function useBoundField(path: Path, id?: string) {
  const { readOnly } = useEditorContext()
  const [value, set] = useDocField<unknown>(path)
  const issues = useFieldIssues(path)
  return { id: id ?? fieldId(path), value, set, issues, readOnly }
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v))

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
  const { id, value, set, issues, readOnly } = useBoundField(props.path, props.id)
  return (
    <FieldRow {...props} id={id} issues={issues}>
      <Input
        id={id}
        value={text(value)}
        placeholder={props.placeholder}
        readonly={readOnly || props.readOnly}
        required={props.required}
        {...issueState(issues)}
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
  const { id, value, set, issues, readOnly } = useBoundField(props.path)
  const parse = (t: string): number | undefined | 'invalid' =>
    t.trim() === '' ? undefined : /^\d+$/.test(t.trim()) ? Number(t.trim()) : 'invalid'
  const [typed, setTyped] = useLocalText<unknown>(value, text, parse)
  const local = parse(typed) === 'invalid' ? 'Enter a whole number' : undefined
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
    <FieldRow {...props} id={id} issues={all}>
      <Input
        id={id}
        type="Number"
        value={typed}
        placeholder={props.placeholder}
        readonly={readOnly}
        {...issueState(all)}
        onInput={(e) => {
          const t = e.target.value ?? ''
          setTyped(t)
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
  const { id, value, set, issues, readOnly } = useBoundField(props.path)
  const [typed, setTyped] = useLocalText<unknown>(
    value,
    (v) => (Array.isArray(v) ? v.map(String).join(', ') : ''),
    (t) => (t.trim() === '' ? undefined : splitList(t)),
  )
  return (
    <FieldRow
      {...props}
      id={id}
      help={props.help ?? 'Separate values with commas.'}
      issues={issues}
    >
      <Input
        id={id}
        value={typed}
        placeholder={props.placeholder}
        readonly={readOnly}
        {...issueState(issues)}
        onInput={(e) => {
          const t = e.target.value ?? ''
          setTyped(t)
          const items = splitList(t)
          set(items.length ? items : undefined)
        }}
      />
    </FieldRow>
  )
})

export const CheckField = memo(function CheckField(props: { path: Path; label: string }) {
  const { id, value, set, readOnly } = useBoundField(props.path)
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
  const { id, value, set, issues, readOnly } = useBoundField(props.path)
  const write = (v: string) => {
    if (props.asNumber) set(v === '' ? undefined : /^\d+$/.test(v) ? Number(v) : v)
    else set(v === '' ? undefined : v)
    props.onValue?.(v)
  }
  return (
    <FieldRow {...props} id={id} issues={issues}>
      <ComboBox
        id={id}
        value={text(value)}
        placeholder={props.placeholder}
        readonly={readOnly}
        loading={props.loading}
        {...issueState(issues)}
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

/** A list of strings picked from `options` (values in the document but not offered stay shown). */
export const MultiSelectField = memo(function MultiSelectField(props: {
  path: Path
  label: string
  options: readonly string[]
  required?: boolean
}) {
  const { id, value, set, issues, readOnly } = useBoundField(props.path)
  const selected = Array.isArray(value) ? value.map(String) : []
  return (
    <FieldRow {...props} id={id} issues={issues}>
      <MultiComboBox
        id={id}
        readonly={readOnly}
        selectedValues={selected}
        {...issueState(issues)}
        onSelectionChange={(e) => {
          const picked = e.detail.items.map((i) => i.text ?? '')
          // keep the document's order for values that stay selected
          const next = [
            ...selected.filter((m) => picked.includes(m)),
            ...picked.filter((m) => !selected.includes(m)),
          ]
          set(next)
        }}
      >
        {[...props.options, ...selected.filter((m) => !props.options.includes(m))].map((m) => (
          <MultiComboBoxItem key={m} text={m} value={m} />
        ))}
      </MultiComboBox>
    </FieldRow>
  )
})
