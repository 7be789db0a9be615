// The editor's problems: a summary that counts every shown error (the parse error included) and
// the list, each entry focusing its field.
import { fieldId } from './form/context.ts'
import { formatPath, type EditorIssue as Issue } from './document/issues.ts'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** Why Create/Save is disabled, or undefined when it is not (shown errors block it). */
export function saveBlockedReason(
  issues: readonly Issue[],
  mode: 'create' | 'edit',
): string | undefined {
  const errors = issues.filter((i) => i.severity === 'error').length
  if (!errors) return undefined
  return `${mode === 'create' ? 'Create' : 'Save'} is disabled: fix ${plural(errors, 'error')} first.`
}

export function ProblemsPanel({
  issues,
  hiddenErrors,
  onServerCheck,
  validating = false,
}: {
  issues: readonly Issue[]
  hiddenErrors: number
  /** Runs the server-side validation, offered next to a problem only the server can check. */
  onServerCheck?: (() => void) | undefined
  /** A validation run is still going: what is known describes an older text. */
  validating?: boolean
}) {
  const errors = issues.filter((i) => i.severity === 'error').length
  const warnings = issues.length - errors
  // Errors of untouched fields are not listed yet; the summary still says something is missing.
  const summary = validating
    ? 'Validating…'
    : hiddenErrors && !errors
      ? `Fill in the required fields${warnings ? ` · ${plural(warnings, 'warning')}` : ''}`
      : errors || warnings
        ? `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`
        : 'No problems found'
  return (
    <section aria-label="Validation" className="are-problems">
      <p role="status" aria-live="polite">
        {summary}
      </p>
      {issues.length ? (
        <ul className="are-issues">
          {issues.map((i, k) => (
            <li key={k} className={i.severity === 'error' ? 'are-error' : 'are-warning'}>
              <button
                type="button"
                onClick={() => document.getElementById(fieldId(i.path))?.focus()}
              >
                {`${i.severity === 'error' ? 'Error' : 'Warning'} (${i.source}) ${formatPath(i.path) || '(object)'}: ${i.message}`}
              </button>
              {i.serverCheck && onServerCheck ? (
                <button type="button" className="are-server-check" onClick={onServerCheck}>
                  Validate on server
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
