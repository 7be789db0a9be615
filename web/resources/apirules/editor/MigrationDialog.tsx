// The v1beta1 → v2 migration dialog: what converts, the routes that cannot (removing them needs an
// explicit choice), notes, and the diff of the result.
import { useState } from 'react'
import { Bar, Button, CheckBox, Dialog, MessageStrip } from '@ui5/webcomponents-react'
import { DiffView } from '../../../editor/save/DiffView.tsx'
import type { MigrationResult } from './migration/migrate.ts'

export interface MigrationProposal {
  result: MigrationResult
  /** The migrated object as YAML. */
  text: string
}

export function MigrationDialog({
  proposal,
  currentText,
  onUse,
  onClose,
}: {
  proposal: MigrationProposal | undefined
  currentText: string
  onUse: (text: string) => void
  onClose: () => void
}) {
  const [confirmDrop, setConfirmDrop] = useState(false)
  const [shown, setShown] = useState(proposal)
  if (shown !== proposal) {
    setShown(proposal) // a new proposal asks again
    setConfirmDrop(false)
  }
  const dropped = proposal?.result.dropped ?? []
  const blocked = dropped.length > 0 && !confirmDrop
  return (
    <Dialog
      open={proposal !== undefined}
      headerText="Migrate to APIRule v2"
      onClose={onClose}
      footer={
        proposal ? (
          <Bar
            design="Footer"
            endContent={
              <>
                <Button
                  design="Emphasized"
                  disabled={blocked}
                  tooltip={
                    blocked ? 'First confirm that the routes listed above are removed.' : undefined
                  }
                  onClick={() => onUse(proposal.text)}
                >
                  Use the v2 version
                </Button>
                <Button onClick={onClose}>Cancel</Button>
              </>
            }
          />
        ) : undefined
      }
    >
      {proposal ? (
        <>
          {dropped.length ? (
            <section aria-label="Routes that cannot be converted" className="are-dropped">
              <MessageStrip design="Negative" hideCloseButton>
                {`${dropped.length === 1 ? 'This route' : `These ${dropped.length} routes`} cannot be converted and will be removed: after saving, requests to ${dropped.length === 1 ? 'it' : 'them'} are no longer routed.`}
              </MessageStrip>
              <ul>
                {dropped.map((d) => (
                  <li key={d.rule}>
                    {`Rule ${d.rule}: ${d.path} ${d.methods.join(', ')} — removed (${d.why})`}
                  </li>
                ))}
              </ul>
              <CheckBox
                text={`Remove ${dropped.length === 1 ? 'this route' : 'these routes'}`}
                checked={confirmDrop}
                onChange={(e) => setConfirmDrop(e.target.checked)}
              />
            </section>
          ) : null}
          {proposal.result.problems.length ? (
            <MessageStrip design="Critical" hideCloseButton>
              <ul>
                {proposal.result.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </MessageStrip>
          ) : (
            <MessageStrip design="Positive" hideCloseButton>
              Everything converted.
            </MessageStrip>
          )}
          {proposal.result.notes.length ? (
            <MessageStrip design="Information" hideCloseButton>
              <ul>
                {proposal.result.notes.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </MessageStrip>
          ) : null}
          <DiffView before={currentText} after={proposal.text} label="Migration result" />
        </>
      ) : null}
    </Dialog>
  )
}
