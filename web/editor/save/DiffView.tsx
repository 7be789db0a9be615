// Renders a line diff as a compact unified view.
import { useMemo } from 'react'
import { diffHunks, diffLines, hasChanges } from './diff.ts'

export function DiffView({
  before,
  after,
  label,
}: {
  before: string
  after: string
  label: string
}) {
  const lines = useMemo(() => diffLines(before, after), [before, after])
  const hunks = useMemo(() => diffHunks(lines, 3), [lines])
  if (!hasChanges(lines)) return <p>No changes.</p>
  return (
    <div className="are-diff" role="region" aria-label={label}>
      {hunks.map((h, i) => (
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
  )
}
