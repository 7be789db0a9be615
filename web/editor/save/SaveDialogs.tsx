// The dialogs of the save flow: review the diff before a save, and a conflict with the server's
// newer version (re-apply my changes onto it, overwrite, or cancel).
import { Bar, Button, Dialog, MessageStrip, Title } from '@ui5/webcomponents-react'
import { formatPath } from '../document/issues.ts'
import { getAt } from '../document/structural.ts'
import { addedComments } from './comments.ts'
import { DiffView } from './DiffView.tsx'
import type { SaveFlow } from './useSaveFlow.ts'

export function SaveDialogs({
  flow,
  currentText,
  noun,
}: {
  flow: SaveFlow
  /** The document's text now (what a save would write). */
  currentText: () => string
  noun: string
}) {
  const { dialog, setDialog, base, save, reapply } = flow
  const close = () => setDialog({ kind: 'none' })
  return (
    <>
      <Dialog
        open={dialog.kind === 'diff'}
        headerText="Review your changes"
        onClose={close}
        footer={
          <Bar
            design="Footer"
            endContent={
              <>
                <Button design="Emphasized" onClick={() => void save({ confirmed: true })}>
                  Save
                </Button>
                <Button onClick={close}>Cancel</Button>
              </>
            }
          />
        }
      >
        {dialog.kind === 'diff' ? <DiffReview before={base.text} after={currentText()} /> : null}
      </Dialog>

      <Dialog
        open={dialog.kind === 'conflict'}
        headerText={`This ${noun} was changed on the server`}
        onClose={close}
        footer={
          dialog.kind === 'conflict' ? (
            <Bar
              design="Footer"
              endContent={
                <>
                  <Button design="Emphasized" onClick={() => reapply(dialog)}>
                    Reload and re-apply my changes
                  </Button>
                  <Button
                    design="Negative"
                    onClick={() =>
                      void save({
                        confirmed: true,
                        rv: String(getAt(dialog.server, ['metadata', 'resourceVersion']) ?? ''),
                      })
                    }
                  >
                    Overwrite
                  </Button>
                  <Button onClick={close}>Cancel</Button>
                </>
              }
            />
          ) : undefined
        }
      >
        {dialog.kind === 'conflict' ? (
          <>
            <Title level="H6">Changed on the server since you started</Title>
            <DiffView before={base.text} after={dialog.serverText} label="Server changes" />
            {dialog.merge.conflicts.length ? (
              <MessageStrip design="Critical" hideCloseButton>
                {`Both you and the server changed: ${dialog.merge.conflicts.map((c) => formatPath(c.path)).join(', ')}. Re-applying keeps your values there.`}
              </MessageStrip>
            ) : (
              <MessageStrip design="Positive" hideCloseButton>
                Your changes and the server's touch different fields; they can be combined
                automatically.
              </MessageStrip>
            )}
          </>
        ) : null}
      </Dialog>
    </>
  )
}

function DiffReview({ before, after }: { before: string; after: string }) {
  const comments = addedComments(before, after)
  return (
    <>
      {comments > 0 ? (
        <MessageStrip design="Information" hideCloseButton data-note="comments">
          {`The cluster does not store YAML comments: the ${comments === 1 ? 'comment' : `${comments} comments`} you added ${comments === 1 ? 'stays' : 'stay'} in this editor only and ${comments === 1 ? 'is' : 'are'} gone after Save.`}
        </MessageStrip>
      ) : null}
      <DiffView before={before} after={after} label="Changes to save" />
    </>
  )
}
