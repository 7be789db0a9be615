// The rules of a v2 APIRule: add, move, remove, and in a long list collapsed rules, "Expand all"
// (up to a size) and "Collapse all". Rules render in groups that layout skips while off screen.
import { memo, useCallback, useState } from 'react'
import { Button, Title } from '@ui5/webcomponents-react'
import '@ui5/webcomponents-icons/dist/v5/add.js'
import { useDocLength, useEditorContext, useFieldIssues } from '../../../../editor/form/context.ts'
import { IssueText } from '../../../../editor/form/fields.tsx'
import { COLLAPSE_ABOVE, RuleEditor } from './RuleEditor.tsx'

/**
 * "Expand all" is offered up to this many rules: mounting every rule's UI5 inputs at once costs
 * time that grows faster than the number of inputs (each forces a style and layout pass), and
 * 100 rules block the page for tens of seconds.
 */
const EXPAND_ALL_MAX = 30

/** Rules per layout group. */
const RULE_GROUP = 25

/** Explicit open/closed states of the rules: `all` from "Expand all"/"Collapse all", then per rule. */
interface OpenState {
  all: boolean | undefined
  byIndex: Readonly<Record<number, boolean>>
}

export const RulesSection = memo(function RulesSection() {
  const { store, readOnly } = useEditorContext()
  const count = useDocLength(['spec', 'rules'])
  const issues = useFieldIssues(['spec', 'rules'])
  const collapsible = count > COLLAPSE_ABOVE
  const [open, setOpen] = useState<OpenState>({ all: undefined, byIndex: {} })

  const onOpenChange = useCallback((index: number, value: boolean) => {
    setOpen((o) => ({ ...o, byIndex: { ...o.byIndex, [index]: value } }))
  }, [])
  const onMove = useCallback(
    (from: number, to: number, fromOpen: boolean) => {
      store.moveItem(['spec', 'rules'], from, to)
      setOpen((o) => {
        const byIndex: Record<number, boolean> = { ...o.byIndex, [to]: fromOpen }
        const displaced = o.byIndex[to]
        if (displaced === undefined) delete byIndex[from]
        else byIndex[from] = displaced
        return { ...o, byIndex }
      })
    },
    [store],
  )
  const onRemove = useCallback(
    (index: number) => {
      store.deleteField(['spec', 'rules', index])
      setOpen((o) => {
        const byIndex: Record<number, boolean> = {}
        for (const [k, v] of Object.entries(o.byIndex)) {
          const i = Number(k)
          if (i < index) byIndex[i] = v
          else if (i > index) byIndex[i - 1] = v
        }
        return { ...o, byIndex }
      })
    },
    [store],
  )
  const addRule = () => {
    store.insertItem(['spec', 'rules'], { path: '/*', methods: ['GET'] })
    onOpenChange(count, true) // a new rule starts expanded
  }

  return (
    <section className="are-section" aria-labelledby="are-rules-title">
      <div className="are-rules-head">
        <Title level="H2" size="H4" id="are-rules-title">{`Rules (${count})`}</Title>
        {collapsible ? (
          <div className="are-rules-toggles">
            {count <= EXPAND_ALL_MAX ? (
              <button
                type="button"
                className="are-link-button"
                onClick={() => setOpen({ all: true, byIndex: {} })}
              >
                Expand all
              </button>
            ) : null}
            <button
              type="button"
              className="are-link-button"
              onClick={() => setOpen({ all: false, byIndex: {} })}
            >
              Collapse all
            </button>
          </div>
        ) : null}
      </div>
      <IssueText id="f-spec-rules-issues" issues={issues} />
      {Array.from({ length: Math.ceil(count / RULE_GROUP) }, (_, g) => (
        // Groups of rules, each skipped by layout while off screen (see editor.css): a keystroke
        // then lays out one group instead of thousands of rules.
        <div key={g} className="are-rule-group">
          {Array.from({ length: Math.min(RULE_GROUP, count - g * RULE_GROUP) }, (_, k) => {
            const i = g * RULE_GROUP + k
            return (
              <RuleEditor
                key={i}
                index={i}
                isLast={i === count - 1}
                collapsible={collapsible}
                open={open.byIndex[i] ?? open.all}
                onOpenChange={onOpenChange}
                onMove={onMove}
                onRemove={onRemove}
              />
            )
          })}
        </div>
      ))}
      {!readOnly ? (
        <Button icon="add" onClick={addRule}>
          Add rule
        </Button>
      ) : null}
    </section>
  )
})
