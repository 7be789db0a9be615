// Renders a line diff as a compact unified view. Changed lines carry a visually hidden
// "removed: " / "added: " prefix, which is what screen readers (and the e2e page objects) read.
import { useMemo, useState } from 'react'
import { Button, MessageStrip } from '@ui5/webcomponents-react'
import { type DiffHunk, type DiffLimits, diffHunks, diffLines, hasChanges } from './diff.ts'

/**
 * Lines rendered before "Show all": a 300 KB APIRule with every line changed is ~24,000 diff
 * lines, and rendering them all at once would stall the dialog's opening.
 */
export const DIFF_RENDER_LIMIT = 2000

/** The first `limit` lines of the hunks, cut inside the hunk where the limit falls. */
function firstLines(hunks: DiffHunk[], limit: number): DiffHunk[] {
  const out: DiffHunk[] = []
  let left = limit
  for (const h of hunks) {
    if (left <= 0) break
    out.push(h.lines.length <= left ? h : { lines: h.lines.slice(0, left) })
    left -= h.lines.length
  }
  return out
}

export function DiffView({
  before,
  after,
  label,
  limits,
  renderLimit = DIFF_RENDER_LIMIT,
}: {
  before: string
  after: string
  label: string
  /** Myers' budget; the default suits the dialogs (tests pass a tiny one). */
  limits?: DiffLimits
  /** Lines rendered before "Show all". */
  renderLimit?: number
}) {
  const diff = useMemo(() => diffLines(before, after, limits), [before, after, limits])
  const hunks = useMemo(() => diffHunks(diff.lines, 3), [diff])
  const [showAll, setShowAll] = useState(false)
  if (!hasChanges(diff.lines)) return <p>No changes.</p>
  const total = hunks.reduce((n, h) => n + h.lines.length, 0)
  const shown = showAll || total <= renderLimit ? hunks : firstLines(hunks, renderLimit)
  return (
    <>
      {diff.complete ? null : (
        <MessageStrip design="Information" hideCloseButton>
          The documents differ too much to match line by line quickly: everything between the first
          and the last changed line is shown as replaced.
        </MessageStrip>
      )}
      <div className="are-diff" role="region" aria-label={label}>
        {shown.map((h, i) => (
          <pre key={i} className="are-hunk">
            {h.lines.map((l, k) => (
              <div key={k} className={`are-diff-${l.kind}`}>
                <span className="are-diff-no">{l.kind === 'add' ? '' : l.oldLine}</span>
                <span className="are-diff-no">{l.kind === 'remove' ? '' : l.newLine}</span>
                <span aria-hidden="true">
                  {l.kind === 'add' ? '+ ' : l.kind === 'remove' ? '- ' : '  '}
                </span>
                <span className="are-sr">
                  {l.kind === 'add' ? 'added: ' : l.kind === 'remove' ? 'removed: ' : ''}
                </span>
                {l.text}
              </div>
            ))}
          </pre>
        ))}
      </div>
      {shown === hunks ? null : (
        <Button onClick={() => setShowAll(true)}>
          {`Show all ${total.toLocaleString('en')} lines (${renderLimit.toLocaleString('en')} shown)`}
        </Button>
      )}
    </>
  )
}
