// What the user may do with APIRules, asked of the API server as one SelfSubjectAccessReview per
// verb: the one place the pages build these checks.
import type { AccessCheck } from '../../../api/access.ts'
import { APIRULE_GROUP } from '../types.ts'

/**
 * The check for `verb` on the APIRules of `namespace` (undefined: all namespaces), or on the one
 * APIRule `name`. Its title names what a denial is about ("APIRules" / "APIRule").
 */
export function apiRuleAccess(
  verb: string,
  namespace: string | undefined,
  name?: string,
): AccessCheck {
  return {
    verb,
    group: APIRULE_GROUP,
    resource: 'apirules',
    namespace,
    title: name ? 'APIRule' : 'APIRules',
    ...(name ? { name } : {}),
  }
}
