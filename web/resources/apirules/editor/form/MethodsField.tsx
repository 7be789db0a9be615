// The HTTP methods of a rule, picked from the methods an APIRule accepts.
import { HTTP_METHODS } from '../../types.ts'
import { MultiSelectField } from '../../../../editor/form/fields.tsx'
import type { Path } from '../../../../editor/form/context.ts'

export function MethodsField({ path, label = 'Methods' }: { path: Path; label?: string }) {
  return <MultiSelectField path={path} label={label} options={HTTP_METHODS} required />
}
