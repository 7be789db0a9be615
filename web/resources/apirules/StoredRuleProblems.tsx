// Details page: a stored APIRule the editor would refuse (an empty issuer, an unknown field kept
// from an older write, a rule hidden by an earlier one) is named as such, with a way to fix it.
// The validator is loaded on demand, so the list and details pages do not carry Ajv.
import { useEffect, useState } from 'react'
import { MessageStrip } from '@ui5/webcomponents-react'
import { useApiRuleCrd } from './useApiRuleCrd.ts'
import { RouterLink } from '../../components/RouterLink.tsx'
import type { Issue } from './validation/types.ts'

const SHOWN = 3

export function StoredRuleProblems({
  object,
  editPath,
}: {
  /** The APIRule as the v2 endpoint returns it. */
  object: unknown
  editPath: string
}) {
  const crd = useApiRuleCrd().data?.crd
  const [errors, setErrors] = useState<Issue[]>([])
  useEffect(() => {
    if (!crd) return
    let live = true
    void (async () => {
      const [{ validateApiRule }, { formatPath }] = await Promise.all([
        import('./validation/validate.ts'),
        import('./validation/paths.ts'),
      ])
      const found = validateApiRule(object, 'v2', { crd })
        .filter((i) => i.severity === 'error')
        .map((i) => ({ ...i, message: `${formatPath(i.path) || '(object)'}: ${i.message}` }))
      if (live) setErrors(found)
    })()
    return () => {
      live = false
    }
  }, [crd, object])
  if (errors.length === 0) return null
  const more = errors.length - SHOWN
  return (
    <MessageStrip design="Negative" hideCloseButton data-warning="stored-invalid">
      <span>
        {`As stored, this APIRule has ${errors.length} problem${errors.length === 1 ? '' : 's'} the editor would refuse to save: `}
      </span>
      <ul aria-label="Problems of the stored APIRule">
        {errors.slice(0, SHOWN).map((e, i) => (
          <li key={i}>{e.message}</li>
        ))}
        {more > 0 ? <li>{`and ${more} more`}</li> : null}
      </ul>
      <RouterLink to={editPath}>Open it in the editor to fix them</RouterLink>
    </MessageStrip>
  )
}
